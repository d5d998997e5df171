package rt.runtime.spi;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs the course phase of a run on several runtimes. The scheduler calls it instead of running the courses itself
 * when the run asks for the cluster ({@code --cluster}); the cohort stages before and after stay with the caller.
 */
@ConsumerType
public interface CourseDistributor {

    /** Hears each course's outcomes as they arrive (any thread) and the distributor's own messages. */
    interface Listener {
        void courseDone(java.util.List<CourseOutcome> outcomes);

        void log(String message);
    }

    /**
     * Problems with a run's {@code cluster:} settings, one line each (empty = fine); asked before the run starts, so
     * that a mistake there is a configuration error, not a failure after the cohort stages ran.
     */
    default java.util.List<String> validate(java.util.Map<String, Object> clusterSettings) {
        return java.util.List.of();
    }

    /** Returns once every course of the run has ended somewhere; throws when the cluster cannot be used. */
    void runCourses(DistributedRun run, Listener listener) throws IOException, InterruptedException;
}
