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

    /** A stage that checks its "level" key: it must be positive. */
    private static final class Checked implements Stage, rt.api.ConfigValidation {
        @Override
        public String id() {
            return "checked";
        }

        @Override
        public List<String> runsAfter() {
            return List.of("organize");
        }

        @Override
        public Scope scope() {
            return Scope.COURSE;
        }

        @Override
        public rt.api.ResourceNeeds needs(Course course) {
            return rt.api.ResourceNeeds.cpu(1);
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public List<rt.api.ConfigKey> configKeys() {
            return List.of(new rt.api.ConfigKey("level", rt.api.ConfigKey.Type.INT, 1, "test"));
        }

        @Override
        public rt.api.StageResult run(rt.api.StageContext context) {
            return rt.api.StageResult.ok();
        }

        @Override
        public List<String> validate(rt.api.StageConfig config) {
            return config.getInt("level", 1) > 0 ? List.of() : List.of("checked.level: must be > 0");
        }
    }

    @Test
    void aStagesConfigCheckFailsThePlanBeforeAnythingRuns() throws Exception {
        List<Stage> withChecked = List.of(new TestStage("organize", Scope.COHORT), new Checked());
        Map<String, Object> cli = Map.of("outdir", out.toString(), "checked.level", -1);
        RunOptions options = RunOptions.from(new ConfigLoader(new ConfigSchema(withChecked), out).load(null, Map.of(),
                cli));
        try (RunProgress progress = new RunProgress(new PrintStream(new ByteArrayOutputStream()), null, List::of)) {
            ConfigException e = assertThrows(ConfigException.class, () -> RunPlan.of(withChecked, options, progress));
            assertEquals("checked.level: must be > 0", e.getMessage());
            RunOptions fine = RunOptions.from(new ConfigLoader(new ConfigSchema(withChecked), out).load(null,
                    Map.of(), Map.of("outdir", out.toString(), "checked.level", 3)));
            assertEquals(List.of("checked"), RunPlan.of(withChecked, fine, progress).perCourse());
        }
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
