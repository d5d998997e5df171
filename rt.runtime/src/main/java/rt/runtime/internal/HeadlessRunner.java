package rt.runtime.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import rt.runtime.internal.ready.StagesReady;
import rt.api.CommandExit;

/**
 * Headless mode ({@code ./rt <command> [args]}, framework property {@code rt.headless=true}): runs {@code rt:<command>}
 * through a Gogo session, exactly as the shell would, and makes its exit code the process's.
 *
 * <p>The bnd launcher calls a {@code Callable<Integer>} service registered with {@code main.thread=true} on its main
 * thread once all bundles are started, then stops the framework and exits with the returned code. The command starts
 * when the runtime states that the installed stages are registered ({@link StagesReady}, the condition
 * {@code rt.stages.ready}), not after a quiet period. That replaces the
 * launcher's own 117 ("framework stopped") and lets every component deactivate cleanly. The command-line arguments come
 * from the launcher's service property {@code launcher.arguments}.
 */
@Component(immediate = true)
public final class HeadlessRunner {

    private static final long WAIT_MS = 30_000;

    private final BundleContext context;
    private final StagesReady ready;
    private ServiceRegistration<?> registration;

    @Activate
    public HeadlessRunner(BundleContext context, @Reference StagesReady ready) {
        this.context = context;
        this.ready = ready;
        if ("true".equals(context.getProperty("rt.headless"))) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("main.thread", "true");
            registration = context.registerService(Callable.class.getName(), new Main(), props);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
    }

    /** A named class, not a lambda: the launcher checks that {@code call()} is declared to return Integer. */
    final class Main implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
            String[] args = launcherArguments();
            if (args.length == 0) {
                err.println("rt: no command given; commands: " + String.join(", ", rtCommands())
                        + " (./rt shell for the interactive prompt)");
                return CommandExit.USAGE;
            }
            try {
                // The launcher may call us while the start-level thread is still starting bundles; a command must
                // see every installed stage, so wait for the framework to finish starting first.
                waitForStartup();
                List<String> missing = ready.await(readyTimeoutMs());
                if (!missing.isEmpty()) {
                    err.println("rt " + args[0] + ": the installed stages are not all registered after "
                            + readyTimeoutMs() / 1000 + " s: " + String.join("; ", missing));
                    return CommandExit.SOME_FAILED;
                }
                CommandProcessor processor = await(CommandProcessor.class);
                if (!awaitCommand(args[0])) {
                    err.println("rt: unknown command '" + args[0] + "'; commands: " + String.join(", ", rtCommands())
                            + " (./rt shell for the interactive prompt)");
                    return CommandExit.USAGE;
                }
                CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err);
                try {
                    session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
                    session.execute(GogoQuoting.commandLine("rt:" + args[0], Arrays.copyOfRange(args, 1, args.length)));
                    Object code = session.get(CommandExit.SESSION_VARIABLE);
                    return code instanceof Number n ? n.intValue() : CommandExit.OK;
                } finally {
                    session.close();
                }
            } catch (Exception | OutOfMemoryError e) {
                Throwable cause = commandFailure(e);
                err.println("rt " + args[0] + ": " + describe(cause));
                return cause instanceof IllegalArgumentException ? CommandExit.USAGE : CommandExit.SOME_FAILED;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    /** What went wrong in a command: Gogo wraps what the command method threw (an error too) in reflection's. */
    static Throwable commandFailure(Throwable t) {
        while (t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One line for the user: the message, or what ran out and what to do about it. */
    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + (t.getMessage() == null ? "heap" : t.getMessage()) + ", maximum heap "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): give it more with RT_HEAP_MB=<MB>";
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private String[] launcherArguments() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(launcher.arguments=*)");
            if (refs != null && refs.length > 0 && refs[0].getProperty("launcher.arguments") instanceof String[] a) {
                return a;
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new String[0];
    }

    /**
     * Whether {@code rt:<name>} is registered, waiting a little: commands of other bundles (rt.cluster's rt:worker)
     * are DS components whose registration may trail the stages being ready on a loaded machine.
     */
    private boolean awaitCommand(String name) throws InterruptedException {
        long end = System.currentTimeMillis() + 5_000;
        while (!rtCommands().contains(name)) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The functions registered under the Gogo scope {@code rt}, sorted. */
    private List<String> rtCommands() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=rt)");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object f = ref.getProperty("osgi.command.function");
                if (f instanceof String[] many) {
                    names.addAll(Arrays.asList(many));
                } else if (f != null) {
                    names.add(f.toString());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(names);
    }

    /** Waits until the framework reached its beginning start level and every bundle meant to run is active. */
    private void waitForStartup() throws InterruptedException {
        FrameworkStartLevel framework = context.getBundle(0).adapt(FrameworkStartLevel.class);
        int beginning = parseInt(context.getProperty("org.osgi.framework.startlevel.beginning"), 1);
        long end = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < end) {
            int level = framework.getStartLevel();
            if (level >= beginning && allStarted(level)) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private boolean allStarted(int level) {
        for (Bundle b : context.getBundles()) {
            BundleStartLevel start = b.adapt(BundleStartLevel.class);
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            if (b.getBundleId() == 0 || fragment || start == null) {
                continue;
            }
            if (start.isPersistentlyStarted() && start.getStartLevel() <= level && b.getState() != Bundle.ACTIVE) {
                return false;
            }
        }
        return true;
    }

    /** How long a command waits for the stages ({@code -Drt.ready.timeout.s=N}, default 60). */
    private long readyTimeoutMs() {
        return parseInt(context.getProperty("rt.ready.timeout.s"), 60) * 1000L;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private <T> T await(Class<T> type) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                return context.getService(ref);
            }
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for " + type.getSimpleName());
            }
            Thread.sleep(20);
        }
    }
}
