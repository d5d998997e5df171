package rt.runtime.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.Scope;
import rt.runtime.internal.run.TestStage;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class StageGraphTest {

    @Test
    void ordersStagesAfterTheirPrerequisitesAndWarnsAboutMissingOnes() {
        StageGraph g = new StageGraph(List.of(TestStage.course("dvh", "structures", "segmentation"),
                TestStage.course("segmentation", "organize"), new TestStage("organize", Scope.COHORT),
                new TestStage("aggregate", Scope.COHORT, "dvh")));
        assertEquals(List.of("aggregate", "dvh", "organize", "segmentation").size(), g.order().size());
        assertTrue(g.order().indexOf("organize") < g.order().indexOf("segmentation"));
        assertTrue(g.order().indexOf("segmentation") < g.order().indexOf("dvh"));
        assertTrue(g.order().indexOf("dvh") < g.order().indexOf("aggregate"));
        assertEquals(List.of("stage 'dvh' runs after 'structures', which is not installed"), g.warnings());
        assertTrue(g.isClosingCohortStage("aggregate"));
        assertTrue(!g.isClosingCohortStage("organize"));
    }

    @Test
    void aCycleIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StageGraph(List.of(
                TestStage.course("a", "c"), TestStage.course("b", "a"), TestStage.course("c", "b"))));
        assertEquals("stage graph has a cycle: a -> c -> b -> a", e.getMessage());
    }
}
