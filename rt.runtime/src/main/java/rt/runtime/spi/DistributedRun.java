package rt.runtime.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The course phase of one run, as the runtime that started it hands it over: where the outputs are (this runtime's
 * path), the effective configuration every member runs the courses with, the courses (patient/course keys, in
 * scheduling order), the per-course stages (graph order), each course's own stages (its site profile's choice, graph
 * order), what each stage waits for, and the run's {@code cluster:} settings.
 *
 * @param courseStages course key → the stages that course runs
 * @param after        stage → the run's per-course stages it runs after (directly or through stages left out), in
 *                     graph order: a (course, stage) task may start once those the course runs are done
 */
public record DistributedRun(String runId, Path outputRoot, String configYaml, List<String> courses,
        List<String> stages, Map<String, List<String>> courseStages, Map<String, List<String>> after,
        Map<String, Object> clusterSettings) {

    /** The stages {@code course} runs (every stage of the run when the course is not listed). */
    public List<String> stagesOf(String course) {
        return courseStages.getOrDefault(course, stages);
    }

    /** The stages {@code stage} runs after (none when it is not listed). */
    public List<String> after(String stage) {
        return after.getOrDefault(stage, List.of());
    }
}
