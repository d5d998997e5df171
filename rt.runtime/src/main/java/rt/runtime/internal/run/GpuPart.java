package rt.runtime.internal.run;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.course.Course;
import rt.runtime.internal.graph.StageGraph;

/**
 * The part of a course a cluster member with a GPU runs first: the stages that ask for a GPU slot for the course, with
 * the per-course stages they run after. The rest of the course (all other stages) runs afterwards, on any member; its
 * prerequisites in this part are then read from the course's {@code .state/} files, as on resume.
 */
public final class GpuPart {

    private GpuPart() {
    }

    /** The part, in graph order, among {@code selected} (the run's per-course stages); empty when no stage wants a GPU. */
    public static List<String> of(StageGraph graph, Course course, List<String> selected) {
        Set<String> chosen = Set.copyOf(selected);
        Set<String> part = new HashSet<>();
        for (String id : selected) {
            Stage s = graph.stage(id);
            if (s == null || s.scope() != Scope.COURSE || !asksForGpu(s, course)) {
                continue;
            }
            part.add(id);
            for (String a : graph.ancestors(id)) {
                if (chosen.contains(a) && graph.stage(a).scope() == Scope.COURSE) {
                    part.add(a);
                }
            }
        }
        return graph.order().stream().filter(part::contains).toList();
    }

    private static boolean asksForGpu(Stage s, Course course) {
        try {
            return s.needs(course).gpuSlots() > 0;
        } catch (RuntimeException e) {
            return false; // the stage's own run reports the problem, wherever it runs
        }
    }
}
