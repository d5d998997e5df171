package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageResult;
import rt.api.StageResult.Status;
import rt.course.AtomicFiles;
import rt.runtime.internal.config.ConfigException;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.runtime.internal.config.RunConfig;
import rt.runtime.internal.state.StateStore;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.DistributedRun;
import rt.testsupport.SurefireStyleSummary;

/**
 * The scheduler's side of a {@code --cluster} run: the course phase goes to a {@link CourseDistributor}, whose members
 * run each (course, stage) task through {@link RunScheduler#runCourses} (here in this JVM, as rt.cluster's members do
 * in theirs).
 */
@ExtendWith(SurefireStyleSummary.class)
class DistributedPhaseTest {

    @TempDir
    Path out;

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    private RunFixture threeCourses() {
        return new RunFixture(out).course("P1", "C1", 30, Map.of()).course("P2", "C1", 10, Map.of())
                .course("P3", "C1", 20, Map.of());
    }

    private TestStage writer() {
        return TestStage.course("a", "organize").body(ctx -> {
            AtomicFiles.writeString(ctx.workDir().resolve("a.txt"), ctx.course().key());
            return StageResult.ok();
        });
    }

    /** What a member does with one course: the course phase from the run's own configuration, under a guard. */
    private List<CourseOutcome> runOnMember(List<Stage> stages, DistributedRun run, String course,
            AtomicFiles.Guard guard) throws Exception {
        return runOnMember(stages, run, course, guard, List.of());
    }

    private List<CourseOutcome> runOnMember(List<Stage> stages, DistributedRun run, String course,
            AtomicFiles.Guard guard, List<CourseOutcome> upstream) throws Exception {
        return runOnMember(stages, run, course, guard, upstream, run.stages());
    }

    /** The {@code only} stages of the course, as a member runs one (course, stage) task. */
    private List<CourseOutcome> runOnMember(List<Stage> stages, DistributedRun run, String course,
            AtomicFiles.Guard guard, List<CourseOutcome> upstream, List<String> only) throws Exception {
        Path yaml = Files.createTempFile(out.getParent(), "run", ".yaml");
        Files.writeString(yaml, run.configYaml());
        RunConfig config = new ConfigLoader(new ConfigSchema(stages), out).load(yaml, Map.of(), Map.of("courses",
                List.of(course), "use_cluster", false, "stages", only));
        try (RunProgress p = new RunProgress(new PrintStream(OutputStream.nullOutputStream()), null, List::of)) {
            return new RunScheduler(new rt.runtime.internal.broker.FifoResourceBroker(1, 0), p)
                    .runCourses(stages, RunOptions.from(config), guard, upstream).outcomes().stream()
                    .map(o -> new CourseOutcome(o.course(), o.stage(), o.status().name(), o.reason(), o.resumed(),
                            o.blocked())).toList();
        }
    }

    @Test
    void eachCourseGoesToTheDistributorAndTheClosingStageRunsOnceAfterAll() throws Exception {
        RunFixture f = threeCourses();
        TestStage a = writer();
        TestStage agg = new TestStage("aggregate", Scope.COHORT, "a").body(ctx -> {
            seen.add("aggregate " + ctx.courses().stream().filter(c -> Files.isRegularFile(ctx.outputRoot()
                    .resolve(c.folder()).resolve("a.txt"))).count());
            return StageResult.ok();
        });
        List<Stage> stages = List.of(f.organize(), a, agg);
        List<DistributedRun> runs = new ArrayList<>();
        f.distributor = (run, listener) -> {
            runs.add(run);
            for (String course : run.courses()) {
                try {
                    listener.courseDone(runOnMember(stages, run, course, target -> { }));
                } catch (Exception e) {
                    throw new IOException(e);
                }
                seen.add("done " + course);
            }
        };
        RunReport r = f.run(stages, Map.of("use_cluster", true));
        assertEquals(0, r.exitCode(), f.console());
        assertEquals(5, r.count(Status.OK), r.outcomes()::toString); // organize + 3 × a + aggregate
        DistributedRun run = runs.get(0);
        assertEquals(List.of("P2/C1", "P3/C1", "P1/C1"), run.courses(), "short courses first, as a local run");
        assertEquals(List.of("a"), run.stages());
        assertTrue(run.configYaml().contains("use_cluster: true"), run.configYaml());
        assertEquals(List.of("done P2/C1", "done P3/C1", "done P1/C1", "aggregate 3"), seen);
        assertTrue(Files.isRegularFile(StateStore.file(out.resolve("P1/C1"), "a")));
        assertTrue(f.console().contains("a 3/3 courses"), f.console());
    }

    @Test
    void aClusterRunWithoutClusterSupportIsAConfigurationError() {
        RunFixture f = threeCourses();
        ConfigException e = assertThrows(ConfigException.class,
                () -> f.run(List.of(f.organize(), writer()), Map.of("use_cluster", true)));
        assertEquals("--cluster: no cluster support installed (the rt.cluster bundle is missing)", e.getMessage());
    }

    @Test
    void badClusterSettingsStopTheRunBeforeAnyStage() {
        RunFixture f = threeCourses();
        List<String> ran = new ArrayList<>();
        f.distributor = new CourseDistributor() {
            @Override
            public List<String> validate(Map<String, Object> settings) {
                return settings.containsKey("prot") ? List.of("unknown config key 'cluster.prot'") : List.of();
            }

            @Override
            public void runCourses(DistributedRun run, Listener listener) {
                ran.add("courses");
            }
        };
        TestStage organize = new TestStage("organize", Scope.COHORT).body(ctx -> {
            ran.add("organize");
            return StageResult.ok();
        });
        ConfigException e = assertThrows(ConfigException.class, () -> f.run(List.of(organize, writer()),
                Map.of("use_cluster", true, "cluster.prot", 5701)));
        assertEquals("--cluster: unknown config key 'cluster.prot'", e.getMessage());
        assertEquals(List.of(), ran, "nothing ran");
    }

    @Test
    void aFencedMemberStartsNoStageAndReplacesNothing() throws Exception {
        RunFixture f = threeCourses();
        TestStage a = writer();
        List<Stage> stages = List.of(f.organize(), a);
        f.run(stages, Map.of());
        Path state = StateStore.file(out.resolve("P2/C1"), "a");
        String before = Files.readString(state);
        AtomicFiles.Guard fenced = target -> {
            throw new IOException("fenced: P2/C1 belongs to another member");
        };
        DistributedRun run = new DistributedRun("r", out, Files.readString(out.resolve("cohort/effective-config.yaml")),
                List.of("P2/C1"), List.of("a"), Map.of(), Map.of(), Map.of());
        List<CourseOutcome> outcomes = runOnMember(stages, run, "P2/C1", fenced);
        assertEquals(1, outcomes.size(), outcomes::toString);
        assertEquals("FAILED", outcomes.get(0).status());
        assertEquals("fenced: P2/C1 belongs to another member", outcomes.get(0).reason());
        assertEquals(before, Files.readString(state), "the state file stays the newer owner's");
        assertFalse(Files.list(out.resolve("P2/C1")).anyMatch(AtomicFiles::isTemporary));
    }

    /**
     * Each (course, stage) a task of its own, as a cluster runs them: a task starts once the stages it runs after are
     * done for its course, reads their states from disk and is told how they ended; independent stages of a course run
     * in the opposite order to a local run's. Outcomes, reasons and outputs are those of a single-machine run, also
     * when a stage fails for a course and its dependents must be skipped although an earlier run left ok states.
     */
    @Test
    void aCourseRunAsOneTaskPerStageEndsAsOnOneMachine() throws Exception {
        Path single = Files.createDirectory(out.resolve("single"));
        Path split = Files.createDirectory(out.resolve("split"));
        RunReport local = runSplittable(single, false, "-");
        RunReport cluster = runSplittable(split, true, "-");
        assertEquals(outcomeSet(local), outcomeSet(cluster));
        // again, now with 'a' failing for P3: its 'seg' is skipped, and 'm' must be too, although 'seg' of the first
        // run left an ok state file
        local = runSplittable(single, false, "P3/C1");
        cluster = runSplittable(split, true, "P3/C1");
        assertEquals(outcomeSet(local), outcomeSet(cluster));
        assertTrue(outcomeSet(cluster).contains("P3/C1 m SKIPPED blocked"), outcomeSet(cluster).toString());
        assertEquals(reasons(local), reasons(cluster), "the reasons of a single run");
        for (String c : List.of("P1/C1", "P2/C1", "P3/C1")) {
            for (String file : List.of("a.txt", "seg.txt", "m.txt", "side.txt")) {
                Path one = single.resolve(c).resolve(file);
                Path two = split.resolve(c).resolve(file);
                assertEquals(Files.exists(one), Files.exists(two), c + " " + file);
                if (Files.exists(one)) {
                    assertEquals(Files.readString(one), Files.readString(two), c + " " + file);
                }
            }
        }
        assertTrue(outcomeSet(cluster).contains("P2/C1 m SKIPPED blocked"), outcomeSet(cluster).toString());
    }

    @Test
    void theDistributorIsToldEachCoursesStagesAndWhatEachStageWaitsFor() throws Exception {
        RunFixture f = new RunFixture(out).course("PROS", "C", 5, Map.of(rt.api.course.CourseAttributes
                .BODY_PART_EXAMINED, "PELVIS")).course("HN", "C", 6, Map.of());
        List<Stage> stages = List.of(f.organize(), TestStage.course("seg", "organize"), TestStage.course("dvh", "seg"),
                TestStage.course("radiomics", "seg"), TestStage.course("report", "dvh", "radiomics"));
        List<DistributedRun> runs = new ArrayList<>();
        f.distributor = (run, listener) -> runs.add(run);
        f.run(stages, Map.of("use_cluster", true, "sites", Map.of("prostate", Map.of("body_part", "PELVIS",
                "stages", List.of("seg", "dvh", "report")))));
        DistributedRun run = runs.get(0);
        assertEquals(List.of("seg", "dvh", "radiomics", "report"), run.stages());
        assertEquals(List.of("seg", "dvh", "report"), run.stagesOf("PROS/C"), "the site profile's stages");
        assertEquals(run.stages(), run.stagesOf("HN/C"));
        assertEquals(List.of(), run.after("seg"), "organize is a cohort stage of the run's opening phase");
        assertEquals(List.of("seg"), run.after("dvh"));
        assertEquals(List.of("seg"), run.after("radiomics"), "dvh and radiomics of a course may run at once");
        assertEquals(List.of("seg", "dvh", "radiomics"), run.after("report"));
    }

    private static java.util.Set<String> reasons(RunReport r) {
        return r.outcomes().stream().filter(o -> o.reason() != null && !o.resumed()).map(o -> o.course() + " "
                + o.stage() + ": " + o.reason()).collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Set<String> outcomeSet(RunReport r) {
        return r.outcomes().stream().map(o -> o.course() + " " + o.stage() + " " + o.status()
                + (o.blocked() ? " blocked" : "")).collect(java.util.stream.Collectors.toSet());
    }

    /** A run of four course stages, 'seg' asking for a GPU; 'a' fails for the course {@code aFailsFor} ("-": none). */
    private RunReport runSplittable(Path root, boolean split, String aFailsFor) throws Exception {
        RunFixture f = new RunFixture(root).course("P1", "C1", 30, Map.of()).course("P2", "C1", 10, Map.of())
                .course("P3", "C1", 20, Map.of());
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            if (ctx.course().key().equals(aFailsFor)) {
                return StageResult.failed("unreadable CT");
            }
            AtomicFiles.writeString(ctx.workDir().resolve("a.txt"), ctx.course().key());
            return StageResult.ok();
        });
        TestStage seg = TestStage.course("seg", "a").needs(rt.api.ResourceNeeds.gpu(1, 1)).body(ctx -> {
            if (ctx.course().key().equals("P2/C1")) {
                return StageResult.failed("no lungs");
            }
            AtomicFiles.writeString(ctx.workDir().resolve("seg.txt"), "seg of "
                    + Files.readString(ctx.workDir().resolve("a.txt")));
            return StageResult.ok();
        });
        TestStage m = TestStage.course("m", "seg").body(ctx -> {
            AtomicFiles.writeString(ctx.workDir().resolve("m.txt"), "m of "
                    + Files.readString(ctx.workDir().resolve("seg.txt")));
            return StageResult.ok();
        });
        TestStage side = TestStage.course("side", "a").body(ctx -> {
            AtomicFiles.writeString(ctx.workDir().resolve("side.txt"), "side");
            return StageResult.ok();
        });
        List<Stage> stages = List.of(f.organize(), a, seg, m, side);
        boolean again = !aFailsFor.equals("-"); // the second run: forced, else 'a' resumes from the first's state
        if (!split) {
            return f.run(stages, Map.of("force", again));
        }
        List<String> order = new ArrayList<>();
        f.distributor = (run, listener) -> {
            for (rt.api.course.Course c : f.courses) {
                List<CourseOutcome> done = new ArrayList<>();
                List<String> left = new ArrayList<>(run.stagesOf(c.key()));
                while (!left.isEmpty()) {
                    // of the tasks whose prerequisites are done, the last in graph order: 'side' before 'seg'
                    String next = left.stream().filter(s -> done.stream().map(CourseOutcome::stage).toList()
                            .containsAll(run.after(s))).reduce((x, y) -> y).orElseThrow();
                    left.remove(next);
                    order.add(next);
                    try {
                        List<CourseOutcome> outcomes = runOnMember(stages, new DistributedRun(run.runId(),
                                run.outputRoot(), run.configYaml(), run.courses(), run.stages(), run.courseStages(),
                                run.after(), run.clusterSettings()), c.key(), target -> { }, List.copyOf(done),
                                List.of(next));
                        done.addAll(outcomes);
                        listener.courseDone(outcomes);
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
            }
        };
        RunReport r = f.run(stages, Map.of("use_cluster", true, "force", again));
        assertEquals(List.of("a", "side", "seg", "m"), order.subList(0, 4), "one task per stage, siblings reversed");
        return r;
    }
}
