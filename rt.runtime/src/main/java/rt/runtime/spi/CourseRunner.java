package rt.runtime.spi;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import rt.course.AtomicFiles;

/**
 * Runs stages of one course of a run that another runtime started, here, within this runtime's broker (its cores, its
 * GPUs): a cluster task is one (course, stage); the stages given run in graph order, with resume from the course's
 * {@code .state/} files as in any run.
 */
@ProviderType
public interface CourseRunner {

    /**
     * @param outputRoot the run's output folder as this runtime sees it
     * @param configYaml the run's effective configuration
     * @param course     patient/course key of a course in the output folder's manifest
     * @param stages     the stages of the course this runtime runs (one, for a cluster task)
     * @param upstream   how stages of this course that ran elsewhere in this run ended (its prerequisites, on other
     *                   members): a dependent of one that did not end ok is skipped as in a single run
     * @param guard      checked before every output of this course is renamed into place (fencing)
     * @param console    where progress lines go
     */
    List<CourseOutcome> runCourse(Path outputRoot, String configYaml, String course, List<String> stages,
            List<CourseOutcome> upstream, AtomicFiles.Guard guard, PrintStream console) throws Exception;

    /**
     * Of the run's per-course {@code stages}, the ones whose needs ask this runtime's broker for a GPU slot for some
     * course of the output folder's manifest (not what they run after): the tasks a cluster sends to members with GPU
     * slots. Empty when no stage asks for a GPU here (on a runtime without CUDA the segmentation stages ask for cores
     * only).
     */
    List<String> gpuStages(Path outputRoot, List<String> stages) throws java.io.IOException;

    /** This runtime's CPU cores and GPU slots, for sizing how much work it takes. */
    int cpuBudget();

    int gpuSlots();

    /** Sets this runtime's budget (a worker's {@code --workers}); closing the handle restores the previous one. */
    AutoCloseable overrideBudget(int cpuCores, int gpuSlots);
}
