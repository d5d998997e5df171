package rt.itests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

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
}
