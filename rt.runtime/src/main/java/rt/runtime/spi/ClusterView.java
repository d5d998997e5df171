package rt.runtime.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** What {@code rt:status} shows about the cluster this runtime is a member of (rt.cluster provides it). */
@ConsumerType
public interface ClusterView {

    /**
     * The members with their budgets and what each runs now, and each run's done/total tasks with a cluster-wide
     * ETA; null when this runtime is in no cluster now.
     */
    String statusText();
}
