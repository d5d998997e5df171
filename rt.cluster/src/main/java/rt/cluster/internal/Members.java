package rt.cluster.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;

/** Starts this runtime's Hazelcast member from {@link ClusterSettings}; nothing else in the bundle creates one. */
final class Members {

    static final String ROLE = "rt.role";
    static final String CPU = "rt.cpu";
    static final String GPU = "rt.gpu";

    private Members() {
    }

    static HazelcastInstance start(ClusterSettings s, String role, int cpu, int gpu) {
        Config c = new Config();
        c.setClusterName(s.wireName());
        c.setInstanceName("rt-" + role + "-" + s.bind() + "-" + s.port());
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        // the member is declared gone after lease_s without a heartbeat; its courses are then re-queued
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(s.leaseSeconds()));
        c.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", s.bind());
        c.getMemberAttributeConfig().setAttribute(ROLE, role);
        c.getMemberAttributeConfig().setAttribute(CPU, String.valueOf(cpu));
        c.getMemberAttributeConfig().setAttribute(GPU, String.valueOf(gpu));
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(s.port()).setPortAutoIncrement(false);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>(s.join());
        members.add(s.bind() + ":" + s.port());
        join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(3);
        // Hazelcast finds its own services through the context class loader; in OSGi that is ours, not its bundle's
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(Hazelcast.class.getClassLoader());
        try {
            return Hazelcast.newHazelcastInstance(c);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Whether a member that takes work (every member) has GPU slots now. */
    static boolean anyWithGpu(HazelcastInstance hz) {
        return hz.getCluster().getMembers().stream().anyMatch(m -> gpuSlots(m) > 0);
    }

    static int gpuSlots(com.hazelcast.cluster.Member m) {
        try {
            String v = m.getAttribute(GPU);
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Waits (at most {@code timeoutMs}) until every partition has its backup: data written before that lives on one
     * member only, and a member lost then takes it along.
     */
    static void awaitSafe(HazelcastInstance hz, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!hz.getPartitionService().isClusterSafe() && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
    }
}
