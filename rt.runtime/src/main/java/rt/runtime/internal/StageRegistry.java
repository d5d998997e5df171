package rt.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import rt.api.Stage;

/**
 * Every {@link Stage} service currently registered. Stages come and go with their bundles (hot drop-in); a run takes
 * a snapshot at its start and hears about departures through {@link #onWithdrawn}.
 */
@Component(service = StageRegistry.class, immediate = true)
public final class StageRegistry {

    private final List<Stage> stages = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> withdrawalListeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeStage")
    void addStage(Stage stage) {
        stages.add(stage);
    }

    void removeStage(Stage stage) {
        stages.remove(stage);
        String id = stage.id();
        withdrawalListeners.forEach(l -> l.accept(id));
    }

    /** The stages registered now, sorted by id. */
    public List<Stage> stages() {
        List<Stage> copy = new ArrayList<>(stages);
        copy.sort(Comparator.comparing(Stage::id));
        return copy;
    }

    /** Calls the listener with the id of every stage that leaves, until the returned handle is closed. */
    public AutoCloseable onWithdrawn(Consumer<String> listener) {
        withdrawalListeners.add(listener);
        return () -> withdrawalListeners.remove(listener);
    }
}
