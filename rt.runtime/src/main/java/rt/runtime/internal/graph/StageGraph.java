package rt.runtime.internal.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rt.api.Scope;
import rt.api.Stage;

/**
 * The stages of a run ordered by two kinds of edge: runs-after ids (a requirement: the prerequisite must end ok) and
 * artifacts (ordering only: every course stage that {@linkplain Stage#consumes() consumes} a kind runs after every
 * installed course stage that {@linkplain Stage#produces() produces} it, whatever their outcome). A cycle of
 * requirements is an error that names the loop; a runs-after id that no installed stage has, or an artifact edge that
 * would close a cycle, is only a warning.
 */
public final class StageGraph {

    private final Map<String, Stage> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> prerequisites = new HashMap<>();
    private final Map<String, Set<String>> required = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public StageGraph(Collection<Stage> stages) {
        List<Stage> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparing(Stage::id));
        for (Stage s : sorted) {
            if (byId.putIfAbsent(s.id(), s) != null) {
                warnings.add("stage '" + s.id() + "' is registered twice; the second one is ignored");
            }
        }
        for (Stage s : byId.values()) {
            List<String> known = new ArrayList<>();
            for (String dep : s.runsAfter()) {
                if (byId.containsKey(dep)) {
                    known.add(dep);
                } else {
                    warnings.add("stage '" + s.id() + "' runs after '" + dep + "', which is not installed");
                }
            }
            prerequisites.put(s.id(), known);
            required.put(s.id(), Set.copyOf(known));
        }
        addArtifactEdges();
        Set<String> done = new LinkedHashSet<>();
        for (String id : byId.keySet()) {
            visit(id, done, new ArrayList<>());
        }
        order.addAll(done);
    }

    /** Consumer after producer, for course stages; an edge that would close a loop is left out with a warning. */
    private void addArtifactEdges() {
        for (Stage consumer : byId.values()) {
            if (consumer.scope() != Scope.COURSE) {
                continue;
            }
            for (String kind : new java.util.TreeSet<>(consumer.consumes())) {
                for (Stage producer : byId.values()) {
                    if (producer == consumer || producer.scope() != Scope.COURSE
                            || !producer.produces().contains(kind)) {
                        continue;
                    }
                    List<String> deps = prerequisites.get(consumer.id());
                    if (deps.contains(producer.id())) {
                        continue;
                    }
                    if (ancestors(producer.id()).contains(consumer.id())) {
                        warnings.add("stage '" + consumer.id() + "' consumes " + kind + " that '" + producer.id()
                                + "' produces, but '" + producer.id() + "' already runs after it: not ordered");
                        continue;
                    }
                    deps.add(producer.id());
                }
            }
        }
    }

    private void visit(String id, Set<String> done, List<String> path) {
        if (done.contains(id)) {
            return;
        }
        int at = path.indexOf(id);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(path.subList(at, path.size()));
            loop.add(id);
            throw new IllegalStateException("stage graph has a cycle: " + String.join(" -> ", loop));
        }
        path.add(id);
        for (String dep : prerequisites.get(id)) {
            visit(dep, done, path);
        }
        path.remove(path.size() - 1);
        done.add(id);
    }

    /** Stage ids, every stage after its prerequisites (ties broken by id, so the order is stable). */
    public List<String> order() {
        return List.copyOf(order);
    }

    public Stage stage(String id) {
        return byId.get(id);
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /**
     * Direct prerequisites that are installed: the required ones and the producers of what the stage consumes. The
     * stage waits for all of them and its default fingerprint covers all of them.
     */
    public List<String> prerequisites(String id) {
        return List.copyOf(prerequisites.getOrDefault(id, List.of()));
    }

    /**
     * Whether {@code prerequisite} is a requirement of {@code id} (a runs-after id: it must end ok) rather than a
     * producer it only waits for.
     */
    public boolean requires(String id, String prerequisite) {
        return required.getOrDefault(id, Set.of()).contains(prerequisite);
    }

    /** Every stage that (transitively) runs before {@code id}. */
    public Set<String> ancestors(String id) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(prerequisites(id));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (out.add(next)) {
                todo.addAll(prerequisites(next));
            }
        }
        return out;
    }

    /** A cohort stage that runs after some course stage has to wait until every course is done. */
    public boolean isClosingCohortStage(String id) {
        return stage(id).scope() == Scope.COHORT
                && ancestors(id).stream().anyMatch(a -> stage(a).scope() == Scope.COURSE);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
