package rt.cluster.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.course.AtomicFiles;
import rt.runtime.internal.graph.StageGraph;
import rt.runtime.internal.run.StageTasks;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;

/**
 * The runtime's side of a member ({@link CourseRunner}) with a budget of its own, for tests and the bench: it knows
 * fake {@link Stage}s (their needs decide the GPU stages, through the runtime's own {@link StageTasks}) and runs each
 * stage of a course by writing {@code <course>/<stage>.txt} = its name through the fence it is given, as the real task
 * runner renames outputs, after the stage's pause. Records what it ran, when. Optionally blocks in its first task (of
 * a given stage), or calls a hook before each stage.
 * The real runner is exercised by tools/e2e/cluster_run.py.
 */
final class StandIn implements CourseRunner {

    /** A course stage that asks for {@code gpu} slots (CPU fallback allowed), as the segmentation stages do with CUDA. */
    record FakeStage(String id, int gpu, long pauseMs, String... after) implements Stage {
        @Override
        public List<String> runsAfter() {
            return List.of(after);
        }

        @Override
        public Scope scope() {
            return Scope.COURSE;
        }

        @Override
        public ResourceNeeds needs(Course course) {
            return gpu > 0 ? ResourceNeeds.gpu(gpu, 1) : ResourceNeeds.cpu(1);
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public StageResult run(StageContext context) {
            throw new UnsupportedOperationException("the stand-in runs its stages itself");
        }
    }

    /** One stage run: where, what, and when (nanoTime). */
    record Ran(String member, String course, String stage, long start, long end) {
    }

    /** Called before a stage runs (a test's gate). */
    interface Hook {
        void before(String course, String stage) throws InterruptedException;
    }

    final String name;
    private final int gpuSlots;
    final List<FakeStage> stages;
    private final boolean blockFirst;
    /** With blockFirst: the stage whose first task blocks (null: the first task of any stage). */
    volatile String blockStage;
    volatile Hook beforeStage = (c, s) -> { };
    private final java.util.concurrent.atomic.AtomicBoolean blockedOnce = new java.util.concurrent.atomic
            .AtomicBoolean();
    volatile String blocked;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Ran> ran = new CopyOnWriteArrayList<>();
    final List<String> courses = new CopyOnWriteArrayList<>();
    final Map<String, String> failures = new ConcurrentHashMap<>();
    /** "course stages" → the upstream outcomes the task was given. */
    final Map<String, List<CourseOutcome>> upstream = new ConcurrentHashMap<>();

    StandIn(String name, int gpuSlots, boolean blockFirst, FakeStage... stages) {
        this.name = name;
        this.gpuSlots = gpuSlots;
        this.blockFirst = blockFirst;
        this.stages = List.of(stages);
    }

    @Override
    public List<String> gpuStages(Path outputRoot, List<String> selected) {
        return StageTasks.gpuStages(graph(), java.util.Arrays.asList((Course) null), selected);
    }

    StageGraph graph() {
        return new StageGraph(new ArrayList<>(stages));
    }

    @Override
    public List<CourseOutcome> runCourse(Path outputRoot, String configYaml, String course, List<String> selected,
            List<CourseOutcome> upstream, AtomicFiles.Guard guard, PrintStream console) throws Exception {
        this.upstream.put(course + " " + String.join(",", selected), upstream);
        courses.add(course);
        if (blockFirst && (blockStage == null || selected.contains(blockStage)) && blockedOnce.compareAndSet(false,
                true)) {
            blocked = course;
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
        }
        List<CourseOutcome> out = new ArrayList<>();
        for (FakeStage s : stages) {
            if (!selected.contains(s.id())) {
                continue;
            }
            beforeStage.before(course, s.id());
            long t0 = System.nanoTime();
            if (s.pauseMs() > 0) {
                Thread.sleep(s.pauseMs());
            }
            try {
                AtomicFiles.guarded(guard, () -> {
                    AtomicFiles.writeString(outputRoot.resolve(course).resolve(s.id() + ".txt"), name);
                    return null;
                });
            } catch (java.io.IOException e) {
                failures.put(course, e.getMessage());
                out.add(new CourseOutcome(course, s.id(), "FAILED", e.getMessage(), false, false));
                continue;
            }
            ran.add(new Ran(name, course, s.id(), t0, System.nanoTime()));
            out.add(new CourseOutcome(course, s.id(), "OK", null, false, false));
        }
        return out;
    }

    @Override
    public int cpuBudget() {
        return 1;
    }

    @Override
    public int gpuSlots() {
        return gpuSlots;
    }

    @Override
    public AutoCloseable overrideBudget(int cpuCores, int gpuSlots) {
        return () -> { };
    }
}
