package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.Scope;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.runtime.internal.state.StateStore;
import rt.testsupport.SurefireStyleSummary;

/** Resume trusts what is on disk, not .state alone: outputs are recorded with content hashes and checked. */
@ExtendWith(SurefireStyleSummary.class)
class ResumeChecksOutputsTest {

    @TempDir
    Path out;

    private final Set<String> ran = new ConcurrentSkipListSet<>();
    private final AtomicInteger generation = new AtomicInteger();

    /** a writes a/a.txt (content changes with every run of a); b derives b/b.txt from it. */
    private List<rt.api.Stage> stages(RunFixture f) {
        TestStage a = TestStage.course("a", "organize").body(ctx -> {
            ran.add("a " + ctx.course().patientId());
            StateStore.writeAtomically(ctx.workDir().resolve("a/a.txt"), ("a" + generation.get()).getBytes());
            return StageResult.ok();
        });
        TestStage b = TestStage.course("b", "a").body(ctx -> {
            ran.add("b " + ctx.course().patientId());
            String in = Files.readString(ctx.workDir().resolve("a/a.txt"));
            StateStore.writeAtomically(ctx.workDir().resolve("b/b.txt"), ("b of " + in).getBytes());
            return StageResult.ok();
        });
        TestStage agg = new TestStage("aggregate", Scope.COHORT, "b").body(ctx -> {
            ran.add("aggregate");
            StateStore.writeAtomically(ctx.cohortDir().resolve("table.csv"), "t".getBytes());
            return StageResult.ok();
        });
        return List.of(f.organize(), a, b, agg);
    }

    private RunFixture twoCourses() {
        return new RunFixture(out).course("P1", "C1", 1, Map.of()).course("P2", "C1", 2, Map.of());
    }

    @Test
    void theStateRecordsEachStagesOwnOutputsWithContentHashes() throws Exception {
        RunFixture f = twoCourses();
        f.run(stages(f), Map.of());
        var a = new StateStore().read(out.resolve("P1/C1"), "a").orElseThrow();
        assertEquals(Set.of("P1/C1/a/a.txt"), a.outputs().keySet());
        assertEquals(64, a.outputs().get("P1/C1/a/a.txt").length());
        var agg = new StateStore().read(out.resolve("cohort"), "aggregate").orElseThrow();
        assertEquals(Set.of("cohort/table.csv"), agg.outputs().keySet(), "run.log and state files are not outputs");
    }

    @Test
    void aDeletedOutputRerunsItsStageAndTheDependantsThatReadItForThatCourseOnly() throws Exception {
        RunFixture f = twoCourses();
        f.run(stages(f), Map.of());
        ran.clear();
        generation.incrementAndGet();
        Files.delete(out.resolve("P1/C1/a/a.txt"));
        RunReport r = f.run(stages(f), Map.of());
        assertEquals(Set.of("a P1", "b P1", "aggregate"), ran, "a rebuilt a different file: b and aggregate follow");
        assertTrue(Files.isRegularFile(out.resolve("P1/C1/a/a.txt")));
        assertEquals(0, r.exitCode());
        assertTrue(f.console().contains("runs again: output P1/C1/a/a.txt is missing"), f.console());

        ran.clear();
        f.run(stages(f), Map.of());
        assertEquals(Set.of(), ran, "all intact again: nothing reruns");
    }

    @Test
    void aResumeRemovesTheTempFilesAKilledRunLeftInEveryCourseFolderAndTouchesNothingElse() throws Exception {
        RunFixture f = twoCourses();
        f.run(stages(f), Map.of());
        // what a kill -9 mid-write leaves: AtomicFiles' temp sibling of the output being written
        Path leftP1 = Files.writeString(out.resolve("P1/C1/a/.a.txt.3f2c9a1b.rt-tmp"), "half");
        Path leftP2 = Files.writeString(out.resolve("P2/C1/b/.b.txt.77e0.rt-tmp"), "half");
        Path userFile = Files.writeString(out.resolve("P1/C1/a/.notes.rt-tmp.txt"), "not ours");
        ran.clear();
        // only P1 selected: P2's debris goes too, a filtered resume leaves no course with temp files
        RunReport r = f.run(stages(f), Map.of("courses", List.of("P1")));
        assertEquals(0, r.exitCode());
        assertTrue(ran.stream().noneMatch(s -> s.startsWith("a ") || s.startsWith("b ")),
                "the course outputs are intact: no course stage reruns " + ran);
        assertTrue(Files.notExists(leftP1) && Files.notExists(leftP2), "temp files removed");
        assertTrue(Files.isRegularFile(userFile), "a name AtomicFiles did not make stays");
        assertTrue(f.console().contains("removed 1 temp file(s) an interrupted run left in"), f.console());
    }

    @Test
    void aMissingCourseManifestRerunsOrganizeAndTheCoursesRunAgain() throws Exception {
        // a kill -9 after organize's state said ok but before the manifest was written used to leave a resume with
        // 0 courses: the manifest is now written by publishCourses and recorded as one of organize's outputs
        RunFixture f = twoCourses();
        f.run(stages(f), Map.of());
        ran.clear();
        Files.delete(out.resolve("cohort/manifest.json"));
        RunReport r = f.run(stages(f), Map.of());
        assertEquals(2, r.courseCount());
        assertTrue(f.console().contains("runs again: output cohort/manifest.json is missing"), f.console());
        assertTrue(Files.isRegularFile(out.resolve("cohort/manifest.json")));
        assertEquals(Set.of(), ran, "organize republished the same courses: their stages stay resumed");
    }

    @Test
    void anOutputRebuiltIdenticallyDoesNotRerunItsDependants() throws Exception {
        RunFixture f = twoCourses();
        f.run(stages(f), Map.of());
        ran.clear();
        Files.delete(out.resolve("P2/C1/a/a.txt")); // same generation: a writes the same bytes again
        f.run(stages(f), Map.of());
        assertEquals(Set.of("a P2"), ran);
    }

    @Test
    void anAlteredOutputKeepingSizeAndTimeReruns() throws Exception {
        RunFixture f = twoCourses();
        f.run(stages(f), Map.of());
        ran.clear();
        Path b = out.resolve("P2/C1/b/b.txt");
        FileTime mtime = Files.getLastModifiedTime(b);
        String text = Files.readString(b);
        Files.writeString(b, text.toUpperCase()); // same length
        Files.setLastModifiedTime(b, mtime);
        f.run(stages(f), Map.of());
        assertEquals(Set.of("b P2"), ran, "b rebuilt the same content: aggregate, its reader, stays resumed");
        assertEquals(text, Files.readString(b), "rebuilt");
    }

    @Test
    void aSourceEditKeepingSizeAndModificationTimeReruns() throws Exception {
        Path src = Files.writeString(out.resolve("ct.dcm"), "abc");
        RunFixture f = new RunFixture(out);
        f.courses.add(new Course("P1", "C1", "P1/C1", null, 1, null, null, null, null,
                List.of(new CourseObject(Role.PLANNING_CT, "CT", "1.2", "1.2.3", null, "dicom/ct.dcm",
                        src.toString())), Map.of()));
        f.run(stages(f), Map.of());
        ran.clear();
        FileTime mtime = Files.getLastModifiedTime(src);
        Files.writeString(src, "xyz");
        Files.setLastModifiedTime(src, mtime);
        f.run(stages(f), Map.of());
        assertTrue(ran.contains("a P1") && ran.contains("b P1"), ran::toString);
    }
}
