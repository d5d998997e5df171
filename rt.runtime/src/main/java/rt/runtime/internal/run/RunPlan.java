package rt.runtime.internal.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.ConfigValidation;
import rt.api.LogLevel;
import rt.api.Scope;
import rt.api.Stage;
import rt.runtime.internal.config.ConfigException;
import rt.runtime.internal.graph.StageGraph;

/**
 * What one run will do, fixed before it starts: the options, the stage graph, and the selected stages of its three
 * phases (opening cohort stages, per-course stages, closing cohort stages). Immutable.
 */
record RunPlan(RunOptions options, StageGraph graph, List<String> opening, List<String> perCourse,
        List<String> closing) {

    /** The graph of these stages with the run's --stage filter; a cycle or an unknown --stage is a config error. */
    static RunPlan of(List<Stage> stages, RunOptions options, RunProgress progress) {
        StageGraph graph;
        try {
            graph = new StageGraph(stages);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
        graph.warnings().forEach(w -> progress.log(LogLevel.WARN, null, null, w));
        for (String id : options.stageFilter()) {
            if (!graph.contains(id)) {
                throw new ConfigException("--stage " + id + ": no such stage (installed: " + graph.order() + ")");
            }
        }
        List<String> selected = graph.order().stream().filter(options::stageSelected).toList();
        validateConfig(graph, selected, options);
        List<String> cohort = selected.stream().filter(id -> graph.stage(id).scope() == Scope.COHORT).toList();
        return new RunPlan(options, graph,
                cohort.stream().filter(id -> !graph.isClosingCohortStage(id)).toList(),
                selected.stream().filter(id -> graph.stage(id).scope() == Scope.COURSE).toList(),
                cohort.stream().filter(graph::isClosingCohortStage).toList());
    }

    /**
     * Asks each selected stage that implements {@link ConfigValidation} to check its section before anything runs: a
     * mistake in a stage key is a configuration error (exit 2, naming the key), not a failure of every course.
     */
    private static void validateConfig(StageGraph graph, List<String> selected, RunOptions options) {
        List<String> problems = new ArrayList<>();
        for (String id : selected) {
            if (graph.stage(id) instanceof ConfigValidation v) {
                try {
                    problems.addAll(v.validate(options.config().forStage(id)));
                } catch (RuntimeException e) {
                    problems.add(id + ": configuration check failed: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /** The stages a course runs: the per-course stages its site profile allows. */
    List<String> stagesFor(Unit.OfCourse unit) {
        return perCourse.stream().filter(id -> options.sites().allows(unit.course().site(), id)).toList();
    }

    /** {@code OUT/<patient>/<course>} for a course, {@code OUT/cohort} for the cohort. */
    Path workDir(Unit unit) {
        return unit instanceof Unit.OfCourse c ? options.outputRoot().resolve(c.course().folder()) : options.cohortDir();
    }
}
