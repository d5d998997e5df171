package rt.api;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import rt.api.course.Course;

/** What the runtime hands a stage for one run. */
@ProviderType
public interface StageContext {

    /** The course being processed; {@code null} for cohort-scope stages. */
    Course course();

    /** All courses known so far (for cohort stages such as aggregate). */
    List<Course> courses();

    /** Root of the run's output ({@code OUT}). */
    Path outputRoot();

    /** {@code OUT/<patient>/<course>} for course stages; {@code OUT/cohort} for cohort stages. */
    Path workDir();

    /** {@code OUT/cohort}. */
    Path cohortDir();

    /** The effective configuration, seen from this stage's section. */
    StageConfig config();

    Progress progress();

    /** The resources granted for this run. Stages size their thread pools to {@code lease().cpuCores()}. */
    Lease lease();

    /** The same broker the runtime uses, for stages that fan out sub-tasks and want extra leases. */
    ResourceBroker broker();

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} when the run was cancelled. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }

    /** Logs a line to the console and {@code OUT/cohort/run.log}, prefixed with the stage and course. */
    void log(LogLevel level, String message);

    default void info(String message) {
        log(LogLevel.INFO, message);
    }

    default void warn(String message) {
        log(LogLevel.WARN, message);
    }

    /**
     * For the stage that discovers courses ({@code organize}): hands the runtime the courses of this run. The runtime
     * persists them in {@code OUT/cohort/manifest.json} and schedules every later stage per course.
     */
    void publishCourses(List<Course> courses);

    /**
     * For a cohort stage: one course could not be made (e.g. organize could not write its folder) while the others
     * go on. The runtime lists it in the run's table of failed courses, and the exit code says that not everything
     * was done. The default only logs it, for contexts without a run report.
     */
    default void courseFailed(String course, String reason) {
        log(LogLevel.ERROR, course + ": " + reason);
    }

    /** Folder of input DICOM given with {@code --dicom-root}, or {@code null}. */
    Path dicomRoot();
}
