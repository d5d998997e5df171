package rt.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import rt.api.course.Course;

/**
 * One step of the pipeline, registered as an OSGi service by a stage bundle. The runtime composes every registered
 * stage into a graph by {@link #runsAfter()} and runs it per course (or once per cohort).
 *
 * <p>A stage reads and writes only inside the folder its context gives it, writes every output atomically
 * (temp file + rename), checks {@link StageContext#isCancelled()} between units of work, and reports failures as a
 * {@link StageResult} rather than by throwing. A thrown exception is treated as a failure of this stage for this
 * course only.
 */
@ConsumerType
public interface Stage {

    /** Service property carrying the stage id, so that consumers can filter without calling {@link #id()}. */
    String ID_PROPERTY = "rt.stage.id";

    /** Stable id such as {@code organize}, {@code dvh} or {@code segmentation.custom:lungs}. */
    String id();

    /**
     * Ids of the stages whose results this stage needs for the same course: when one of them did not end ok, this
     * stage is skipped with that reason. Unknown ids only warn.
     */
    List<String> runsAfter();

    /**
     * Kinds of output ({@link Artifact}) this stage writes for a course that other stages may read. Every consumer of
     * a kind runs after this stage for the same course.
     */
    default java.util.Set<String> produces() {
        return java.util.Set.of();
    }

    /**
     * Kinds of output ({@link Artifact}) this stage reads when they exist: it runs after every installed producer of
     * them for the same course, whatever their outcome (a failed auto-segmentation does not stop manual DVH), and its
     * default input fingerprint covers what they wrote.
     */
    default java.util.Set<String> consumes() {
        return java.util.Set.of();
    }

    Scope scope();

    /** What one course (or the cohort, for cohort stages) needs from the broker. */
    ResourceNeeds needs(Course course);

    /**
     * Bumped whenever the outputs for the same inputs would change; a different version invalidates resume state.
     */
    String version();

    /**
     * Where this stage writes for a course: files or folders, relative to the course folder. The
     * runtime records the files written there as the stage's outputs (resume reruns the stage when one is missing or
     * altered); empty means anywhere in the course folder. Declaring them keeps stages that run side by side for one
     * course from claiming each other's files.
     */
    default List<String> outputPaths() {
        return List.of();
    }

    /** The configuration keys this stage reads, under its own section of {@code rt.yaml}. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * Fingerprint of everything this stage reads for the context's course, or {@code null} to let the runtime use
     * its default (the course model, the upstream stages' states and the course's source files).
     */
    default String inputFingerprint(StageContext context) throws Exception {
        return null;
    }

    /** Runs the stage for the context's course (or for the cohort). */
    StageResult run(StageContext context) throws Exception;

    /** A quick check of what this stage needs to work (models readable, providers present, …), for rt:doctor. */
    default List<HealthCheck> selfCheck() {
        return List.of();
    }
}
