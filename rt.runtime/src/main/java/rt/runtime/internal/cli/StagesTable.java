package rt.runtime.internal.cli;

import java.util.ArrayList;
import java.util.List;
import rt.api.ResourceNeeds;
import rt.api.Stage;
import rt.runtime.internal.graph.StageGraph;

/** {@code rt:stages}: the installed stages in run order with version, scope, prerequisites and needs. */
public final class StagesTable {

    private StagesTable() {
    }

    public static String render(List<Stage> stages) {
        if (stages.isEmpty()) {
            return "no stages installed\n";
        }
        List<String> order;
        String problem = null;
        StageGraph graph = null;
        try {
            graph = new StageGraph(stages);
            order = graph.order();
        } catch (IllegalStateException e) {
            problem = e.getMessage();
            order = stages.stream().map(Stage::id).sorted().toList();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stage", "version", "scope", "runs after", "waits for (produces what it reads)",
            "needs per course"});
        for (String id : order) {
            Stage s = stages.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            rows.add(new String[] {id, String.valueOf(s.version()), s.scope().name().toLowerCase(),
                    s.runsAfter().isEmpty() ? "-" : String.join(",", s.runsAfter()), producers(graph, id), needs(s)});
        }
        StringBuilder sb = new StringBuilder(Table.render(rows));
        if (problem != null) {
            sb.append("PROBLEM ").append(problem).append('\n');
        } else {
            graph.warnings().forEach(w -> sb.append("WARNING ").append(w).append('\n'));
        }
        return sb.toString();
    }

    /** The installed producers of what the stage consumes, which it waits for without requiring them. */
    private static String producers(StageGraph graph, String id) {
        if (graph == null) {
            return "?";
        }
        List<String> p = graph.prerequisites(id).stream().filter(x -> !graph.requires(id, x)).toList();
        return p.isEmpty() ? "-" : String.join(",", p);
    }

    static String needs(Stage s) {
        try {
            ResourceNeeds n = s.needs(null);
            return n.cpuCores() + " cpu" + (n.gpuSlots() > 0 ? ", " + n.gpuSlots() + " gpu" : "")
                    + (n.memoryMb() > 0 ? ", " + n.memoryMb() + " MB" : "")
                    + (n.gpuSlots() > 0 && n.cpuFallback() ? " (cpu fallback)" : "");
        } catch (RuntimeException e) {
            return "depends on the course";
        }
    }
}
