package rt.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import rt.runtime.spi.ClusterView;

/**
 * The Hazelcast member this runtime runs now, if any (a worker's, or a {@code --cluster} run's while it lasts): what
 * {@code rt:status} shows of the cluster.
 */
@Component(service = {ClusterPresence.class, ClusterView.class})
public final class ClusterPresence implements ClusterView {

    private final Set<HazelcastInstance> members = ConcurrentHashMap.newKeySet();

    /** A handle whose closing throws nothing. */
    interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    /** Shows {@code hz} in {@code rt:status} until the handle is closed. */
    Shown enter(HazelcastInstance hz) {
        members.add(hz);
        return () -> members.remove(hz);
    }

    @Override
    public String statusText() {
        for (HazelcastInstance hz : members) {
            try {
                if (hz.getLifecycleService().isRunning()) {
                    return ClusterStatus.text(hz);
                }
            } catch (RuntimeException e) {
                // leaving the cluster right now: as if not in one
            }
        }
        return null;
    }
}
