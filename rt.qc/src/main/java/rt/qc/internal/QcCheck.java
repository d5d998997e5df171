package rt.qc.internal;

/** One QC check over the facts of a course. Absent input gives {@link Status#NOT_RUN}, never an exception. */
interface QcCheck {

    String id();

    String name();

    CheckResult run(CourseFacts facts);

    default CheckResult.Builder result() {
        return new CheckResult.Builder(this);
    }
}
