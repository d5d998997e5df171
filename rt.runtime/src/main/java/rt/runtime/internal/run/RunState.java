package rt.runtime.internal.run;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import rt.api.StageResult.Status;
import rt.api.course.Course;

/**
 * What changes while one run goes on and every phase may read: cancellation, withdrawn stages, the outcome of each
 * cohort stage, the courses organize published and the courses selected for the course phase. Thread-safe; written
 * by the scheduler and the tasks, never a way to call back into the scheduler.
 */
final class RunState {

    private final Map<String, Status> cohortOutcomes = new ConcurrentHashMap<>();
    /** course key + '\n' + stage id → how that course stage ended elsewhere in this run (another cluster member). */
    private final Map<String, String> elsewhere = new ConcurrentHashMap<>();
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private final RunReport report = new RunReport();
    private volatile boolean cancelled;
    private volatile List<Course> published;
    private volatile List<Course> courses = List.of();

    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    void withdraw(String stageId) {
        withdrawn.add(stageId);
    }

    boolean isWithdrawn(String stageId) {
        return withdrawn.contains(stageId);
    }

    /** How a cohort stage of this run ended (a blocked one counts as failed); null when it did not run here. */
    Status cohortOutcome(String stageId) {
        return cohortOutcomes.get(stageId);
    }

    void cohortOutcome(String stageId, Status status) {
        cohortOutcomes.put(stageId, status);
    }

    /**
     * Why a course stage that ran elsewhere in this run (on another cluster member) does not let
     * its dependents run, in the words a prerequisite of the same phase gets; "" when it ended ok; null when it did
     * not run elsewhere.
     */
    String endedElsewhere(String courseKey, String stageId) {
        return elsewhere.get(courseKey + "\n" + stageId);
    }

    void endedElsewhere(String courseKey, String stageId, Status status, boolean blocked) {
        boolean ok = !blocked && (status == Status.OK || status == Status.SKIPPED);
        elsewhere.put(courseKey + "\n" + stageId, ok ? "" : "'" + stageId + "' " + (blocked ? "was skipped"
                : status.name().toLowerCase()));
    }

    /** The courses a cohort stage handed over with {@code publishCourses}, or null when none did. */
    List<Course> published() {
        return published;
    }

    void publish(List<Course> list) {
        published = List.copyOf(list);
    }

    /** The courses of the course phase (empty before it). */
    List<Course> courses() {
        return courses;
    }

    void courses(List<Course> selected) {
        courses = List.copyOf(selected);
    }

    RunReport report() {
        return report;
    }
}
