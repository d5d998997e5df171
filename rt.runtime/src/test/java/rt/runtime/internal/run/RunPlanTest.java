package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.course.Course;
import rt.runtime.internal.config.ConfigException;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class RunPlanTest {

    @TempDir
    Path out;

    private final List<Stage> stages = List.of(new TestStage("organize", Scope.COHORT), TestStage.course("a", "organize"),
            TestStage.course("b", "a"), new TestStage("aggregate", Scope.COHORT, "b"));

    private RunPlan plan(Map<String, Object> cli) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(cli);
        all.put("outdir", out.toString());
        RunOptions options = RunOptions.from(new ConfigLoader(new ConfigSchema(stages), out).load(null, Map.of(), all));
        try (RunProgress progress = new RunProgress(new PrintStream(new ByteArrayOutputStream()), null, List::of)) {
            return RunPlan.of(stages, options, progress);
        }
    }

    @Test
    void splitsTheGraphIntoOpeningCourseAndClosingPhases() throws Exception {
        RunPlan p = plan(Map.of());
        assertEquals(List.of("organize"), p.opening());
        assertEquals(List.of("a", "b"), p.perCourse());
        assertEquals(List.of("aggregate"), p.closing());
        Course c = new Course("P1", "C1", "P1/C1", null, 1, null, null, null, null, null, Map.of());
        assertEquals(out.resolve("P1/C1"), p.workDir(new Unit.OfCourse(c)));
        assertEquals(out.resolve("cohort"), p.workDir(Unit.COHORT));
        assertEquals("cohort", Unit.COHORT.key());
        assertEquals(null, Unit.COHORT.courseOrNull());
    }

    @Test
    void theStageFilterKeepsOnlyTheNamedStagesAndRefusesUnknownOnes() throws Exception {
        RunPlan p = plan(Map.of("stages", List.of("b")));
        assertEquals(List.of(), p.opening());
        assertEquals(List.of("b"), p.perCourse());
        assertEquals(List.of(), p.closing());
        ConfigException e = assertThrows(ConfigException.class, () -> plan(Map.of("stages", List.of("nope"))));
        assertTrue(e.getMessage().contains("--stage nope"), e.getMessage());
    }
}
