package rt.organize.internal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import rt.testsupport.SurefireStyleSummary;

/** The run configuration of rt:demo: valid YAML, custom structures on the phantom's ROIs in evaluation order. */
@ExtendWith(SurefireStyleSummary.class)
class DemoConfigTest {

    @TempDir
    Path tmp;

    private static Object load(Path f) throws Exception {
        try (var in = Files.newInputStream(f)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    @Test
    void customStructuresReferToPhantomRoisOrEarlierEntries() throws Exception {
        Path f = DemoConfig.write(tmp, Set.of("structures", "radiomics.robustness"));
        assertEquals(tmp.resolve(DemoConfig.FILE_NAME), f);
        Map<?, ?> doc = (Map<?, ?>) load(f);
        assertEquals(Set.of("structures", "radiomics.robustness"), doc.keySet());
        assertEquals(Map.of("rois", List.of("PTV"), "n_random_contour_realizations", 0),
                doc.get("radiomics.robustness"), "the demo's light robustness grid");
        List<?> entries = (List<?>) ((Map<?, ?>) doc.get("structures")).get("custom_structures");
        List<String> known = new ArrayList<>(Phantom.ROIS);
        List<String> names = new ArrayList<>();
        for (Object e : entries) {
            Map<?, ?> m = (Map<?, ?>) e;
            String name = (String) m.get("name");
            for (Object src : (List<?>) m.get("source_structures")) {
                assertTrue(known.contains(src), name + ": source " + src + " not defined before");
            }
            assertTrue(List.of("union", "subtract", "intersection").contains(m.get("operation")), name);
            known.add(name);
            names.add(name);
        }
        assertEquals(List.of("PTV_EXP", "PTV_10", "RING_PTV", "PTV_20", "LUNGS", "LUNGS_NEAR_PTV"), names);
        Map<?, ?> exp = (Map<?, ?>) ((Map<?, ?>) entries.get(0)).get("margin");
        assertEquals(6, exp.size(), "directional margins on every half-axis");
        assertTrue(exp.values().stream().distinct().count() > 2, "really directional: " + exp);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void sectionsOnlyForInstalledStages() throws Exception {
        Path f = DemoConfig.write(tmp, Set.of("organize", "dvh"));
        assertNull(load(f), "only comments: the runtime would reject a section of a stage it does not know");
        DemoConfig.write(tmp, Set.of("structures"));
        assertTrue(((Map<?, ?>) load(f)).containsKey("structures"), "rewritten in place");
    }
}
