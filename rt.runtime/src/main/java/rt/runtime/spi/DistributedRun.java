package rt.runtime.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The course phase of one run, as the runtime that started it hands it over: where the outputs are (this runtime's
 * path), the effective configuration every member runs the courses with, the courses (patient/course keys, in
 * scheduling order), the per-course stages, and the run's {@code cluster:} settings.
 */
public record DistributedRun(String runId, Path outputRoot, String configYaml, List<String> courses,
        List<String> stages, Map<String, Object> clusterSettings) {
}
