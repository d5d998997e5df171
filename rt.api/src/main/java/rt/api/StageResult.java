package rt.api;

/**
 * How a stage run ended.
 *
 * @param reason why, for anything but {@link Status#OK}; one line, naming the file and the problem when input was bad
 */
public record StageResult(Status status, String reason) {

    public enum Status {
        /** Outputs written. */
        OK,
        /** Nothing to do for this course (no dose, no ROI, …); not an error. */
        SKIPPED,
        /** The course could not be processed; dependants are skipped. */
        FAILED,
        /** Stopped on request before finishing; no state is recorded. */
        CANCELLED
    }

    public StageResult {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }

    public static StageResult ok() {
        return new StageResult(Status.OK, null);
    }

    public static StageResult ok(String note) {
        return new StageResult(Status.OK, note);
    }

    public static StageResult skipped(String reason) {
        return new StageResult(Status.SKIPPED, reason);
    }

    public static StageResult failed(String reason) {
        return new StageResult(Status.FAILED, reason);
    }

    public static StageResult cancelled() {
        return new StageResult(Status.CANCELLED, "cancelled");
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
