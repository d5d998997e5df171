package rt.runtime.internal.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.course.Course;
import rt.runtime.internal.graph.StageGraph;

/**
 * How a distributed run's per-course stages become (course, stage) tasks: which stages of the run a task of a course
 * waits for (so that independent stages of one course, e.g. DVH and radiomics, can run on different members at once),
 * and which stages ask a member for a GPU slot (those go to members with GPU slots while one is in the cluster).
 */
public final class StageTasks {

    private StageTasks() {
    }

    /**
     * For each of {@code selected} (the run's per-course stages, graph order): the selected per-course stages it runs
     * after, directly or through stages left out of the run, in graph order. A task of a course is queued once those
     * of them that the course runs are done; whatever else a stage needs is read from disk, as on resume.
     */
    public static Map<String, List<String>> after(StageGraph graph, List<String> selected) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String id : selected) {
            Set<String> ancestors = graph.ancestors(id);
            out.put(id, selected.stream().filter(ancestors::contains).toList());
        }
        return out;
    }

    /**
     * The per-course stages among {@code selected} whose needs ask this runtime's broker for a GPU slot for at least
     * one of {@code courses} (a null course stands for "any"); empty on a runtime without CUDA, where the segmentation
     * stages ask for cores only. Graph order.
     */
    public static List<String> gpuStages(StageGraph graph, List<Course> courses, List<String> selected) {
        return graph.order().stream().filter(selected::contains).filter(id -> {
            Stage s = graph.stage(id);
            return s != null && s.scope() == Scope.COURSE && courses.stream().anyMatch(c -> asksForGpu(s, c));
        }).toList();
    }

    private static boolean asksForGpu(Stage s, Course course) {
        try {
            return s.needs(course).gpuSlots() > 0;
        } catch (RuntimeException e) {
            return false; // the stage's own run reports the problem, wherever it runs
        }
    }
}
