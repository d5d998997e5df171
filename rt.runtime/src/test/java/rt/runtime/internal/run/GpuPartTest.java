package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.ResourceNeeds;
import rt.api.Stage;
import rt.runtime.internal.graph.StageGraph;
import rt.testsupport.SurefireStyleSummary;

/** Which stages of a course a cluster member with a GPU runs first. */
@ExtendWith(SurefireStyleSummary.class)
class GpuPartTest {

    private final TestStage a = TestStage.course("a");
    private final TestStage seg = TestStage.course("seg", "a").needs(ResourceNeeds.gpu(1, 2));
    private final TestStage model = TestStage.course("model", "a").needs(ResourceNeeds.gpu(1, 1));
    private final TestStage dvh = TestStage.course("dvh", "seg", "model");
    private final TestStage side = TestStage.course("side", "a");
    private final List<Stage> all = List.of(a, seg, model, dvh, side);
    private final List<String> ids = List.of("a", "seg", "model", "dvh", "side");

    @Test
    void theStagesAskingForAGpuWithWhatTheyRunAfterInGraphOrder() {
        StageGraph graph = new StageGraph(all);
        assertEquals(graph.order().stream().filter(List.of("a", "seg", "model")::contains).toList(),
                GpuPart.of(graph, null, ids), "not dvh (after them), not side (needs no GPU)");
    }

    @Test
    void onlyAmongTheSelectedStages() {
        assertEquals(List.of("seg"), GpuPart.of(new StageGraph(all), null, List.of("seg", "dvh")));
    }

    @Test
    void emptyWhenNoStageAsksForAGpuAsWithoutCuda() {
        seg.needs(ResourceNeeds.cpu(4));
        model.needs(ResourceNeeds.cpu(1));
        assertEquals(List.of(), GpuPart.of(new StageGraph(all), null, ids));
    }
}
