package rt.runtime.internal.bench;

import java.io.OutputStream;
import java.io.PrintStream;
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
import rt.runtime.internal.run.RunOptions;
import rt.runtime.internal.run.RunProgress;
import rt.runtime.internal.run.RunReport;
import rt.runtime.internal.run.RunScheduler;
import rt.runtime.internal.run.TestStage;

/**
 * Runtime overhead per (course, stage) task: 2,000 courses × 5 no-op stages = 10,000 tasks, including resume checks,
 * state files and progress. Run: {@code java -cp … rt.runtime.internal.bench.SchedulerBench [workers]}.
 */
public final class SchedulerBench {

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int courses = 2000;
        List<Course> list = new ArrayList<>();
        for (int i = 0; i < courses; i++) {
            list.add(new Course("P" + i, "C1", "P" + i + "/C1", null, i % 50, null, null, null, null, null, Map.of()));
        }
        List<Stage> stages = new ArrayList<>();
        stages.add(new TestStage("organize", Scope.COHORT).body(ctx -> {
            ctx.publishCourses(list);
            return StageResult.ok();
        }));
        String prev = "organize";
        for (int s = 1; s <= 5; s++) {
            stages.add(TestStage.course("s" + s, prev));
            prev = "s" + s;
        }
        for (String pass : List.of("first run", "resumed run")) {
            Path out = pass.equals("first run") ? Files.createTempDirectory("rt-bench-") : null;
            out = out != null ? out : Path.of(System.getProperty("rt.bench.out"));
            System.setProperty("rt.bench.out", out.toString());
            var config = new ConfigLoader(new ConfigSchema(stages), out).load(null, Map.of(),
                    Map.of("outdir", out.toString()));
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            long t0 = System.nanoTime();
            RunReport r;
            try (RunProgress progress = new RunProgress(quiet, out.resolve("cohort/run.log"), List::of)) {
                r = new RunScheduler(new FifoResourceBroker(workers, 0), progress).run(stages, RunOptions.from(config));
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            int tasks = courses * 5;
            System.out.printf("%s: %d tasks with %d worker(s) in %.0f ms = %.3f ms per (course, stage) task; "
                    + "exit %d, resumed %d%n", pass, tasks, workers, ms, ms / tasks, r.exitCode(), r.resumedCount());
        }
    }
}
