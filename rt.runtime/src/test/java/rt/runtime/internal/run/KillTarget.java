package rt.runtime.internal.run;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.runtime.internal.broker.FifoResourceBroker;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.runtime.internal.state.StateStore;

/**
 * A child process for {@link KillResumeTest}: one run of a small pipeline (organize writes the course folders, two
 * course stages, a closing aggregate), each task taking some tens of milliseconds, writing atomically as real stages
 * do. {@code main(OUT)} exits with the run's exit code.
 */
public final class KillTarget {

    static final int COURSES = 4;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<Course> courses = new ArrayList<>();
        for (int i = 1; i <= COURSES; i++) {
            courses.add(new Course("P" + i, "C1", "P" + i + "/C1", null, i, null, null, null, null, null, Map.of()));
        }
        TestStage organize = new TestStage("organize", Scope.COHORT).body(ctx -> {
            for (Course c : courses) {
                pause(40);
                write(ctx.outputRoot().resolve(c.folder()).resolve("course.json"), "{\"patient\":\"" + c.patientId()
                        + "\"}");
            }
            ctx.publishCourses(courses);
            return StageResult.ok();
        });
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            pause(60);
            String in = Files.readString(ctx.workDir().resolve("course.json"));
            write(ctx.workDir().resolve("a/a.csv"), "a," + in.length() + "," + ctx.course().patientId());
            return StageResult.ok();
        });
        TestStage b = TestStage.course("b", "a").body(ctx -> {
            pause(60);
            write(ctx.workDir().resolve("b/b.csv"), "b," + Files.readString(ctx.workDir().resolve("a/a.csv")));
            return StageResult.ok();
        });
        TestStage aggregate = new TestStage("aggregate", Scope.COHORT, "b").body(ctx -> {
            StringBuilder table = new StringBuilder("patient,b\n");
            for (Course c : ctx.courses()) {
                pause(20);
                table.append(c.patientId()).append(',')
                        .append(Files.readString(ctx.outputRoot().resolve(c.folder()).resolve("b/b.csv"))).append('\n');
            }
            write(ctx.cohortDir().resolve("table.csv"), table.toString());
            return StageResult.ok();
        });
        List<Stage> stages = List.of(organize, a, b, aggregate);
        var config = new ConfigLoader(new ConfigSchema(stages), out).load(null, Map.of(),
                Map.of("outdir", out.toString()));
        int code;
        try (RunProgress progress = new RunProgress(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                out.resolve("cohort/run.log"), List::of)) {
            code = new RunScheduler(new FifoResourceBroker(2, 0), progress).run(stages, RunOptions.from(config))
                    .exitCode();
        }
        System.exit(code);
    }

    private static void write(Path file, String text) throws java.io.IOException {
        StateStore.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
