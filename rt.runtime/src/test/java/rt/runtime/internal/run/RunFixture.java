package rt.runtime.internal.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rt.api.ResourceBroker;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.runtime.internal.broker.FifoResourceBroker;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.runtime.internal.config.RunConfig;

/** Builds courses, an organize stage that publishes them, and runs the scheduler with a config map. */
final class RunFixture {

    final Path out;
    final List<Course> courses = new ArrayList<>();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    ResourceBroker broker = new FifoResourceBroker(4, 0);
    RunScheduler lastScheduler;
    /** Where a {@code use_cluster} run sends its courses (null: none installed). */
    rt.runtime.spi.CourseDistributor distributor;

    RunFixture(Path out) {
        this.out = out;
    }

    RunFixture course(String patient, String course, int files, Map<String, String> attributes) {
        courses.add(new Course(patient, course, patient + "/" + course, null, files, null, null, null, null, null,
                attributes));
        return this;
    }

    TestStage organize() {
        return new TestStage("organize", Scope.COHORT).body(ctx -> {
            ctx.publishCourses(courses);
            return StageResult.ok();
        });
    }

    RunReport run(List<Stage> stages, Map<String, Object> cli) throws Exception {
        Map<String, Object> all = new java.util.LinkedHashMap<>(cli);
        all.putIfAbsent("outdir", out.toString());
        RunConfig config = new ConfigLoader(new ConfigSchema(stages), out).load(null, Map.of(), all);
        try (RunProgress progress = new RunProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                out.resolve("cohort/run.log"), List::of)) {
            lastScheduler = new RunScheduler(broker, progress, distributor);
            return lastScheduler.run(stages, RunOptions.from(config));
        }
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
