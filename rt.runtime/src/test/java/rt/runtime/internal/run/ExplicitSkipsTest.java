package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.testsupport.SurefireStyleSummary;

/** A requested stage that cannot run because a prerequisite is missing is said so, and the exit code is 1. */
@ExtendWith(SurefireStyleSummary.class)
class ExplicitSkipsTest {

    @TempDir
    Path out;

    @Test
    void aRequestedStageWhosePrerequisiteHasNotRunIsReportedAndFailsTheExitCode() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C1", 1, Map.of());
        List<rt.api.Stage> stages = List.of(f.organize(), TestStage.course("seg", "organize"),
                TestStage.course("dvh", "seg"));
        RunReport r = f.run(stages, Map.of("stages", List.of("organize", "dvh")));
        assertEquals(1, r.exitCode(), "not everything asked for was done");
        assertTrue(f.console().contains("WARN [dvh P1/C1] not run: prerequisite 'seg' has not run for this course"),
                f.console());
        String summary = r.summary();
        assertTrue(summary.contains("not run (a prerequisite is missing or did not end ok):"), summary);
        assertTrue(summary.matches("(?s).*P1/C1\\s+dvh\\s+NOT RUN\\s+prerequisite 'seg' has not run.*"), summary);
        assertTrue(summary.contains("skipped 1 (1 not run"), summary);

        RunReport all = f.run(stages, Map.of());
        assertEquals(0, all.exitCode(), all.summary());
    }

    @Test
    void aStageThatRunsAndDecidesToSkipIsANormalOutcome() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C1", 1, Map.of());
        TestStage dvh = TestStage.course("dvh", "organize").body(ctx -> StageResult.skipped("no dose in this course"));
        RunReport r = f.run(List.of(f.organize(), dvh), Map.of());
        assertEquals(0, r.exitCode(), r.summary());
        assertTrue(r.notRun().isEmpty());
    }
}
