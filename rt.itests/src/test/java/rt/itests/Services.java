package rt.itests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for a service (a command, a stage) that bundles register asynchronously. */
final class Services {

    private Services() {
    }

    static void await(BundleContext context, String filter) throws Exception {
        ServiceTracker<Object, Object> t = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null);
        t.open(true);
        try {
            assertNotNull(t.waitForService(30_000), "no service " + filter + " within 30 s");
        } finally {
            t.close();
        }
    }

    /**
     * Waits for a stage until the runtime lists it ({@code rt:stages}), not only for its service: the runtime's stage
     * registry hears of the service in the same event as a tracker here, in no set order, so a run started as soon as
     * the service shows could still find no such stage (seen once, on a busy machine).
     */
    static void awaitStage(BundleContext context, CommandProcessor gogo, String id) throws Exception {
        await(context, "(&(objectClass=rt.api.Stage)(rt.stage.id=" + id + "))");
        long end = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Gogo.Result listed = Gogo.execute(gogo, "rt:stages");
            if (listed.output().lines().anyMatch(line -> line.strip().split("\\s+")[0].equals(id))) {
                return;
            }
            if (System.nanoTime() > end) {
                fail("rt:stages did not list " + id + " within 30 s:\n" + listed.output());
            }
            Thread.sleep(50);
        }
    }
}
