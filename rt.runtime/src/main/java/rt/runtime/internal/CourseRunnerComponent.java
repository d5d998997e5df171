package rt.runtime.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import rt.api.ProgressListener;
import rt.api.ResourceBroker;
import rt.api.Stage;
import rt.course.AtomicFiles;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.runtime.internal.config.RunConfig;
import rt.runtime.internal.graph.StageGraph;
import rt.runtime.internal.run.Manifest;
import rt.runtime.internal.run.RunOptions;
import rt.runtime.internal.run.RunProgress;
import rt.runtime.internal.run.RunReport;
import rt.runtime.internal.run.RunScheduler;
import rt.runtime.internal.run.StageTasks;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;

/**
 * Runs stages of one course of a run another runtime started (a cluster task), on this runtime's broker. The run's effective configuration is
 * taken as it is (this runtime's {@code RT_*} environment does not change how the cluster's courses are computed),
 * with the output folder as this runtime sees it.
 */
@Component(service = CourseRunner.class)
public final class CourseRunnerComponent implements CourseRunner {

    private final StageRegistry registry;
    private final ResourceBroker broker;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ProgressListener> listeners = new ArrayList<>();

    @Activate
    public CourseRunnerComponent(@Reference StageRegistry registry, @Reference ResourceBroker broker) {
        this.registry = registry;
        this.broker = broker;
    }

    @Override
    public List<CourseOutcome> runCourse(Path outputRoot, String configYaml, String course, List<String> stages,
            List<CourseOutcome> upstream, AtomicFiles.Guard guard, PrintStream console) throws Exception {
        List<Stage> snapshot = registry.stages();
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("outdir", outputRoot.toString());
        overrides.put(RunScheduler.CLUSTER_FLAG, false);
        overrides.put("courses", List.of(course));
        overrides.put("stages", stages);
        overrides.put("site", null);
        Path yaml = Files.createTempFile("rt-cluster-run-", ".yaml");
        RunConfig config;
        try {
            Files.writeString(yaml, configYaml);
            config = new ConfigLoader(new ConfigSchema(snapshot), outputRoot).load(yaml, Map.of(), overrides);
        } finally {
            Files.deleteIfExists(yaml);
        }
        RunReport report;
        try (RunProgress progress = new RunProgress(console, null, () -> listeners)) {
            report = new RunScheduler(broker, progress).runCourses(snapshot, RunOptions.from(config), guard,
                    upstream);
        }
        return report.outcomes().stream().map(o -> new CourseOutcome(o.course(), o.stage(), o.status().name(),
                o.reason(), o.resumed(), o.blocked())).toList();
    }

    @Override
    public List<String> gpuStages(Path outputRoot, List<String> stages) throws java.io.IOException {
        return StageTasks.gpuStages(new StageGraph(registry.stages()), Manifest.read(outputRoot), stages);
    }

    @Override
    public int cpuBudget() {
        return broker.cpuBudget();
    }

    @Override
    public int gpuSlots() {
        return broker.gpuSlots();
    }

    @Override
    public AutoCloseable overrideBudget(int cpuCores, int gpuSlots) {
        if (!(broker instanceof rt.runtime.internal.broker.BudgetControl control)) {
            throw new IllegalArgumentException("the broker " + broker.getClass().getSimpleName()
                    + " has a fixed budget");
        }
        return control.override(cpuCores, gpuSlots);
    }
}
