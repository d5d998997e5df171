package rt.api.course;

/** What a course object is used for. */
public enum Role {
    PLANNING_CT,
    IMAGE,
    RTSTRUCT,
    RTPLAN,
    RTDOSE,
    /** A dose this platform summed from several plans. */
    RTDOSE_SUM,
    RT_RECORD,
    REGISTRATION,
    OTHER
}
