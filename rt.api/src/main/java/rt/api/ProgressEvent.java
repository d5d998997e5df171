package rt.api;

import java.time.Instant;

/**
 * Something that happened in a run, delivered to every {@link ProgressListener}.
 *
 * @param stageId   the stage, or {@code null} for run-level events
 * @param courseKey {@code patient/course}, or {@code null} for cohort-level events
 * @param done      units or courses finished so far
 * @param total     units or courses in all
 * @param etaMillis estimated remaining time, or -1 when unknown
 */
public record ProgressEvent(Instant time, Kind kind, String stageId, String courseKey, long done, long total,
        long elapsedMillis, long etaMillis, String message) {

    public enum Kind {
        RUN_STARTED,
        STAGE_STARTED,
        STAGE_PROGRESS,
        STAGE_FINISHED,
        RUN_FINISHED
    }
}
