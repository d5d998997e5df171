package rt.dvh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rt.testsupport.TestStageConfig;

/** dvh.metrics and structures.custom_structures are checked before a run, naming the key. */
class ConfigValidationTest {

    @Test
    void dvhMetricsAreCheckedBeforeTheRun() {
        DvhStage dvh = new DvhStage();
        assertEquals(List.of(), dvh.validate(new TestStageConfig(Map.of())), "the defaults are valid");
        assertEquals(List.of(), dvh.validate(new TestStageConfig(Map.of("metrics", List.of("D95", "V20Gy")))));
        List<String> bad = dvh.validate(new TestStageConfig(Map.of("metrics", List.of("D95", "Dxyz"))));
        assertEquals(1, bad.size(), bad::toString);
        assertTrue(bad.get(0).startsWith("dvh.metrics: ") && bad.get(0).contains("Dxyz"), bad.get(0));
    }

    @Test
    void customStructureOperationsAreCheckedBeforeTheRun() {
        StructuresStage s = new StructuresStage();
        Map<String, Object> ok = Map.of("name", "PTV_ring", "operation", "subtract",
                "source_structures", List.of("PTV_big", "PTV"));
        assertEquals(List.of(), s.validate(new TestStageConfig(Map.of("custom_structures", List.of(ok)))));
        Map<String, Object> bad = Map.of("name", "X", "operation", "blend", "source_structures", List.of("A"));
        List<String> problems = s.validate(new TestStageConfig(Map.of("custom_structures", List.of(bad))));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("structures.custom_structures") && problems.get(0).contains("blend"),
                problems.get(0));
    }
}
