package rt.runtime.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.Artifact;
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

    @Test
    void consumersRunAfterEveryProducerOfWhatTheyConsumeWithoutNamingIt() {
        String s = Artifact.STRUCTURES;
        StageGraph g = new StageGraph(List.of(new TestStage("organize", Scope.COHORT),
                TestStage.course("segmentation", "organize").produces(s),
                TestStage.course("segmentation.custom:dropped", "organize").produces(s),
                TestStage.course("structures", "organize").produces(s).consumes(s),
                TestStage.course("dvh", "organize").consumes(s),
                TestStage.course("report", "organize").consumes(s, Artifact.DVH)));
        for (String consumer : List.of("structures", "dvh", "report")) {
            for (String producer : List.of("segmentation", "segmentation.custom:dropped")) {
                assertTrue(g.order().indexOf(producer) < g.order().indexOf(consumer), producer + " before " + consumer);
                assertTrue(g.prerequisites(consumer).contains(producer), consumer + " waits for " + producer);
                assertTrue(!g.requires(consumer, producer), "a producer is waited for, not required");
            }
            assertTrue(g.requires(consumer, "organize"));
        }
        assertTrue(g.order().indexOf("structures") < g.order().indexOf("dvh"), "custom structures before DVH");
        assertTrue(!g.prerequisites("structures").contains("structures"), "a stage does not wait for itself");
        assertTrue(g.prerequisites("dvh").size() == 4, g.prerequisites("dvh").toString());
        assertEquals(List.of(), g.warnings());
    }

    @Test
    void anArtifactEdgeThatWouldCloseALoopIsLeftOutWithAWarning() {
        String s = Artifact.STRUCTURES;
        // two stages that each consume what the other produces: one order is kept, the loop is not
        StageGraph g = new StageGraph(List.of(TestStage.course("a").produces(s).consumes(s),
                TestStage.course("b").produces(s).consumes(s), TestStage.course("c").consumes(s)));
        assertTrue(g.order().indexOf("b") < g.order().indexOf("a"));
        assertEquals(1, g.warnings().size(), g.warnings().toString());
        assertTrue(g.order().indexOf("a") < g.order().indexOf("c") && g.order().indexOf("b") < g.order().indexOf("c"));
    }
}
