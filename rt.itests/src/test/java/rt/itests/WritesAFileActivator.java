package rt.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The payload of a hostile "model" jar built by {@link ModelDropInIT}: if it ever runs, it leaves a file behind (what
 * a real attacker's code could do as the user running ./rt). The deploy guard must keep it from running at all.
 */
public final class WritesAFileActivator implements BundleActivator {

    public static final String MARKER_PROPERTY = "rt.itest.marker";

    @Override
    public void start(BundleContext context) throws Exception {
        Files.writeString(Path.of(System.getProperty(MARKER_PROPERTY)), "code from deploy/ ran\n");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
