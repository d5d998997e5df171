package rt.api;

/** Whether a stage runs once per course or once for the whole cohort. */
public enum Scope {
    COURSE,
    COHORT
}
