package rt.web.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class StageOrderTest {

    @Test
    void eachStageComesAfterWhatItRunsAfterTiesByName() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("report", List.of("organize", "dvh", "qc"));
        g.put("qc", List.of("organize"));
        g.put("dvh", List.of("organize", "structures"));
        g.put("structures", List.of("organize"));
        g.put("organize", List.of());
        g.put("aggregate", List.of("report", "missing"));
        assertEquals(List.of("organize", "qc", "structures", "dvh", "report", "aggregate"), StageOrder.sort(g));
    }

    @Test
    void aCycleLosesNoStage() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("a", List.of("b"));
        g.put("b", List.of("a"));
        g.put("c", List.of());
        assertEquals(List.of("c", "a", "b"), StageOrder.sort(g));
    }
}
