package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.course.Course;
import rt.runtime.internal.graph.StageGraph;
import rt.testsupport.SurefireStyleSummary;

/** How a cluster run's stages become (course, stage) tasks: what each waits for, which go to GPU members. */
@ExtendWith(SurefireStyleSummary.class)
class StageTasksTest {

    private final TestStage organize = new TestStage("organize", Scope.COHORT);
    private final TestStage a = TestStage.course("a", "organize");
    private final TestStage seg = TestStage.course("seg", "a").needs(ResourceNeeds.gpu(1, 2));
    private final TestStage model = TestStage.course("model", "a").needs(ResourceNeeds.gpu(1, 1));
    private final TestStage dvh = TestStage.course("dvh", "seg", "model");
    private final TestStage radiomics = TestStage.course("radiomics", "seg");
    private final TestStage report = TestStage.course("report", "dvh", "radiomics");
    private final List<Stage> all = List.of(organize, a, seg, model, dvh, radiomics, report);
    private final List<String> ids = List.of("a", "seg", "model", "dvh", "radiomics", "report");
    private static final List<Course> ANY = Arrays.asList((Course) null);

    @Test
    void eachStageWaitsForTheRunsStagesItRunsAfterSoSiblingsMayRunAtOnce() {
        StageGraph graph = new StageGraph(all);
        Map<String, List<String>> after = StageTasks.after(graph, graph.order().stream().filter(ids::contains)
                .toList());
        assertEquals(List.of(), after.get("a"), "organize is not a task");
        assertEquals(List.of("a"), after.get("seg"));
        assertEquals(List.of("a"), after.get("model"), "seg and model are independent");
        assertEquals(List.of("a", "seg"), after.get("radiomics"));
        assertEquals(graph.order().stream().filter(List.of("a", "seg", "model")::contains).toList(),
                after.get("dvh"), "not radiomics: dvh and radiomics may run on two members at once");
        assertEquals(graph.order().stream().filter(List.of("a", "seg", "model", "dvh", "radiomics")::contains)
                .toList(), after.get("report"));
    }

    @Test
    void aStageLeftOutOfTheRunStillOrdersWhatRunsAfterIt() {
        StageGraph graph = new StageGraph(all);
        Map<String, List<String>> after = StageTasks.after(graph, List.of("a", "dvh", "report"));
        assertEquals(List.of("a"), after.get("dvh"), "through seg and model, which do not run");
        assertEquals(List.of("a", "dvh"), after.get("report"));
    }

    @Test
    void theStagesAskingForAGpuThemselvesNotWhatTheyRunAfter() {
        StageGraph graph = new StageGraph(all);
        assertEquals(graph.order().stream().filter(List.of("seg", "model")::contains).toList(),
                StageTasks.gpuStages(graph, ANY, ids));
        assertEquals(List.of("seg"), StageTasks.gpuStages(graph, ANY, List.of("seg", "dvh")), "only the selected");
    }

    @Test
    void aStageAskingForAGpuForSomeCourseOnlyIsAGpuStage() {
        Course small = new Course("P1", "C1", "P1/C1", null, 5, null, null, null, null, null, Map.of());
        Course large = new Course("P2", "C1", "P2/C1", null, 500, null, null, null, null, null, Map.of());
        TestStage picky = TestStage.course("picky", "a");
        picky.needsOf(c -> c.fileCount() > 100 ? ResourceNeeds.gpu(1, 1) : ResourceNeeds.cpu(1));
        StageGraph graph = new StageGraph(List.of(organize, a, picky));
        assertEquals(List.of(), StageTasks.gpuStages(graph, List.of(small), List.of("a", "picky")));
        assertEquals(List.of("picky"), StageTasks.gpuStages(graph, List.of(small, large), List.of("a", "picky")));
    }

    @Test
    void noGpuStageWhenNoneAsksForOneAsWithoutCuda() {
        seg.needs(ResourceNeeds.cpu(4));
        model.needs(ResourceNeeds.cpu(1));
        assertEquals(List.of(), StageTasks.gpuStages(new StageGraph(all), ANY, ids));
    }
}
