package rt.web.internal.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Stage ids in run order (each after the stages it runs after; ties by id), for the grid's columns. */
public final class StageOrder {

    private StageOrder() {
    }

    /** {@code runsAfter}: stage id → the ids it runs after (ids not in the map are ignored). */
    public static List<String> sort(Map<String, List<String>> runsAfter) {
        Map<String, Integer> waiting = new HashMap<>();
        runsAfter.forEach((id, after) -> waiting.put(id,
                (int) after.stream().filter(a -> runsAfter.containsKey(a) && !a.equals(id)).distinct().count()));
        TreeSet<String> ready = new TreeSet<>();
        waiting.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(next);
            runsAfter.forEach((id, after) -> {
                if (after.contains(next) && !id.equals(next) && waiting.merge(id, -1, Integer::sum) == 0) {
                    ready.add(id);
                }
            });
        }
        // a cycle (the runtime refuses those) would leave ids out: append them rather than lose them
        new TreeSet<>(runsAfter.keySet()).stream().filter(id -> !order.contains(id)).forEach(order::add);
        return order;
    }
}
