package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rt.api.course.Course;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.Scope;
import rt.api.StageResult;
import rt.api.StageResult.Status;
import rt.runtime.internal.state.StateStore;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class RunSchedulerTest {

    @TempDir
    Path out;

    private RunFixture threeCourses() {
        return new RunFixture(out).course("P1", "C1", 30, Map.of()).course("P2", "C1", 10, Map.of())
                .course("P3", "C1", 20, Map.of());
    }

    @Test
    void everyCourseFlowsThroughItsStagesAndLeavesStateFiles() throws Exception {
        RunFixture f = threeCourses();
        List<String> seen = Collections.synchronizedList(new CopyOnWriteArrayList<>());
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            seen.add("a " + ctx.course().key());
            return StageResult.ok();
        });
        TestStage b = TestStage.course("b", "a");
        TestStage agg = new TestStage("aggregate", Scope.COHORT, "b").body(ctx -> {
            seen.add("aggregate " + ctx.courses().size());
            return StageResult.ok();
        });
        RunReport r = f.run(List.of(f.organize(), a, b, agg), Map.of());
        assertEquals(0, r.exitCode(), f.console());
        assertEquals(8, r.count(Status.OK), r.outcomes()::toString); // organize + 3 × (a, b) + aggregate
        assertEquals("aggregate 3", seen.get(seen.size() - 1), "aggregate waits for every course");
        assertTrue(Files.isRegularFile(StateStore.file(out.resolve("P2/C1"), "b")));
        assertTrue(Files.isRegularFile(out.resolve("cohort/manifest.json")));
        assertTrue(Files.readString(out.resolve("cohort/effective-config.yaml")).contains("outdir"));
        assertTrue(f.console().contains("b 3/3 courses"), f.console());
    }

    @Test
    void tasksWhoseMemoryEstimatesExceedTheHeapBudgetTogetherNeverOverlap() throws Exception {
        RunFixture f = threeCourses();
        f.broker = new rt.runtime.internal.broker.FifoResourceBroker(4, 0, 1000, slot -> 0);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TestStage heavy = TestStage.course("heavy", "organize").needs(new rt.api.ResourceNeeds(1, 0, 600, true))
                .body(ctx -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(150);
                    inside.decrementAndGet();
                    return StageResult.ok();
                });
        RunReport r = f.run(List.of(f.organize(), heavy), Map.of());
        assertEquals(0, r.exitCode());
        assertEquals(1, most.get(), "4 free cores, but two 600 MB estimates exceed the 1,000 MB budget");

        RunFixture g = new RunFixture(out.resolve("second")).course("P1", "C1", 30, Map.of())
                .course("P2", "C1", 10, Map.of()).course("P3", "C1", 20, Map.of());
        g.broker = new rt.runtime.internal.broker.FifoResourceBroker(4, 0, 1200, slot -> 0);
        most.set(0);
        g.run(List.of(g.organize(), heavy), Map.of());
        assertEquals(2, most.get(), "1,200 MB holds two of them at once, not three");
    }

    @Test
    void shortCoursesStartFirst() throws Exception {
        RunFixture f = threeCourses();
        f.broker = new rt.runtime.internal.broker.FifoResourceBroker(1, 0);
        List<String> order = new CopyOnWriteArrayList<>();
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            order.add(ctx.course().patientId());
            return StageResult.ok();
        });
        f.run(List.of(f.organize(), a), Map.of());
        assertEquals(List.of("P2", "P3", "P1"), order); // 10, 20, 30 files
    }

    @Test
    void aFailedStageSkipsItsDependantsForThatCourseOnly() throws Exception {
        RunFixture f = threeCourses();
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            if (ctx.course().patientId().equals("P3")) {
                throw new IllegalStateException("broken input P3/ct.dcm");
            }
            return StageResult.ok();
        });
        TestStage b = TestStage.course("b", "a");
        TestStage c = TestStage.course("c", "b");
        RunReport r = f.run(List.of(f.organize(), a, b, c), Map.of());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.problems().size());
        assertEquals("broken input P3/ct.dcm", r.problems().get(0).reason());
        List<RunReport.Outcome> p3 = r.outcomes().stream().filter(o -> o.course().equals("P3/C1")).toList();
        assertTrue(p3.stream().anyMatch(o -> o.stage().equals("b") && o.status() == Status.SKIPPED
                && o.reason().contains("'a' failed")), p3::toString);
        assertTrue(p3.stream().anyMatch(o -> o.stage().equals("c") && o.status() == Status.SKIPPED
                && o.reason().contains("'b' was skipped")), p3::toString);
        assertEquals(7, r.count(Status.OK)); // organize + P1, P2 × (a, b, c)
        assertTrue(r.summary().contains("P3/C1"), r.summary());
    }

    @Test
    void resumeSkipsUnchangedWorkAndRerunsOnChange() throws Exception {
        RunFixture f = threeCourses();
        AtomicInteger runs = new AtomicInteger();
        TestStage a = TestStage.course("a", "organize").keys(new rt.api.ConfigKey("level", rt.api.ConfigKey.Type.INT,
                1, "test")).body(ctx -> {
                    runs.incrementAndGet();
                    return StageResult.ok();
                });
        TestStage b = TestStage.course("b", "a").body(ctx -> {
            runs.incrementAndGet();
            return StageResult.ok();
        });
        f.run(List.of(f.organize(), a, b), Map.of());
        assertEquals(6, runs.getAndSet(0));

        RunReport again = f.run(List.of(f.organize(), a, b), Map.of());
        assertEquals(0, runs.getAndSet(0), "nothing changed: nothing reruns");
        assertEquals(7, again.resumedCount());

        f.run(List.of(f.organize(), a, b), Map.of("a.level", 2));
        assertEquals(6, runs.getAndSet(0), "config of a changed: a reruns, and so does b, whose input is a's output");

        f.run(List.of(f.organize(), a, b), Map.of("a.level", 2, "b.timeout_s", 30));
        assertEquals(0, runs.getAndSet(0), "a timeout is not part of the config hash");

        a.version("2");
        f.run(List.of(f.organize(), a, b), Map.of("a.level", 2));
        assertEquals(6, runs.getAndSet(0), "a new version of a reruns a and its dependants");

        f.run(List.of(f.organize(), a, b), Map.of("a.level", 2, "force", true));
        assertEquals(6, runs.getAndSet(0), "--force reruns everything");
    }

    @Test
    void resumeRerunsWhenASourceFileChanges() throws Exception {
        Path src = Files.writeString(out.resolve("ct.dcm"), "x");
        RunFixture f = new RunFixture(out);
        f.courses.add(new rt.api.course.Course("P1", "C1", "P1/C1", null, 1, null, null, null, null,
                List.of(new rt.api.course.CourseObject(rt.api.course.Role.PLANNING_CT, "CT", "1.2", "1.2.3", null,
                        "dicom/ct.dcm", src.toString())), Map.of()));
        AtomicInteger runs = new AtomicInteger();
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            runs.incrementAndGet();
            return StageResult.ok();
        });
        f.run(List.of(f.organize(), a), Map.of());
        f.run(List.of(f.organize(), a), Map.of());
        assertEquals(1, runs.get());
        Files.writeString(src, "longer content");
        f.run(List.of(f.organize(), a), Map.of());
        assertEquals(2, runs.get(), "source size changed: the fingerprint changed");
    }

    @Test
    void aCohortStageRerunForOneChangedCourseDoesNotRerunTheOthers() throws Exception {
        // organize reruns whenever any input file changes (its fingerprint covers the whole input tree), but it
        // republishes unchanged courses unchanged: their course stages must stay resumed.
        RunFixture f = threeCourses();
        AtomicInteger runs = new AtomicInteger();
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            runs.incrementAndGet();
            return StageResult.ok();
        });
        f.run(List.of(f.organize().fingerprint("tree-1"), a), Map.of());
        assertEquals(3, runs.getAndSet(0));
        Course changed = f.courses.get(1);
        f.courses.set(1, new Course(changed.patientId(), changed.courseId(), changed.folder(), changed.site(),
                changed.fileCount(), null, null, null, null, null, Map.of("input_fingerprint", "new")));
        f.run(List.of(f.organize().fingerprint("tree-2"), a), Map.of());
        assertEquals(1, runs.get(), "only the course whose model changed reruns");
    }

    @Test
    void aStuckStageTimesOutAndTheRunGoesOn() throws Exception {
        RunFixture f = threeCourses();
        TestStage slow = TestStage.course("slow", "organize").body(ctx -> {
            if (ctx.course().patientId().equals("P1")) {
                Thread.sleep(60_000);
            }
            return StageResult.ok();
        });
        long t0 = System.nanoTime();
        RunReport r = f.run(List.of(f.organize(), slow), Map.of("slow.timeout_s", 1));
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L);
        assertEquals(1, r.problems().size());
        assertEquals("timeout after 1 s", r.problems().get(0).reason());
        assertEquals(3, r.count(Status.OK));
    }

    @Test
    void aWithdrawnStageEndsCancelledWithoutStateAndTheRestContinues() throws Exception {
        RunFixture f = threeCourses();
        f.broker = new rt.runtime.internal.broker.FifoResourceBroker(1, 0);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        TestStage gone = TestStage.course("gone", "organize").body(ctx -> {
            started.countDown();
            while (!ctx.isCancelled()) {
                Thread.sleep(5);
            }
            return StageResult.cancelled();
        });
        TestStage other = TestStage.course("other", "organize");
        Thread remover = new Thread(() -> {
            try {
                started.await();
                while (f.lastScheduler == null) {
                    Thread.sleep(1);
                }
                f.lastScheduler.stageWithdrawn("gone");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        remover.start();
        RunReport r = f.run(List.of(f.organize(), gone, other), Map.of());
        remover.join();
        assertEquals(3, r.count(Status.CANCELLED), r.summary());
        assertEquals(4, r.count(Status.OK), r.summary()); // organize + other × 3
        for (String p : List.of("P1", "P2", "P3")) {
            assertFalse(Files.exists(StateStore.file(out.resolve(p + "/C1"), "gone")));
        }
    }
}
