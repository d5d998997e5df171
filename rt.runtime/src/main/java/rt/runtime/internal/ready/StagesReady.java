package rt.runtime.internal.ready;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.condition.Condition;
import rt.api.Stage;

/**
 * The runtime's statement that the installed stages are registered: an OSGi condition service
 * {@code osgi.condition.id=rt.stages.ready}, registered once
 * <ul>
 * <li>every jar that was in {@code deploy/} at start-up is installed and active (or a resolved fragment), refused by
 * the resolver, or not a bundle at all;</li>
 * <li>every active bundle that declares {@code osgi.service;objectClass=rt.api.Stage} in its Provide-Capability
 * (bnd writes it for each DS component that provides a Stage) has registered at least one Stage service;</li>
 * <li>every active model bundle (manifest header {@code RT-Model}) has its {@code segmentation.custom:<name>} stage:
 * the extender registers a SegmentationModel service naming the bundle, and a Stage with the same model name.</li>
 * </ul>
 * Headless commands wait for it ({@link #await}) instead of guessing from a quiet period. Bundles and services are
 * re-checked on each bundle or service event.
 */
@Component(service = StagesReady.class, immediate = true)
public final class StagesReady {

    public static final String CONDITION_ID = "rt.stages.ready";
    static final String MODEL_HEADER = "RT-Model";
    static final String MODEL_SERVICE = "rt.segmentation.engine.SegmentationModel";
    static final String MODEL_NAME = "rt.model.name";
    static final String MODEL_BUNDLE = "rt.model.bundle";

    private final BundleContext context;
    private final List<String> deployJarsAtStart;
    private final Object lock = new Object();
    private final BundleListener bundles = e -> check();
    private final ServiceListener services = e -> check();
    /** Deploy bundles the resolver refused (tried from {@link #await}, never from inside an event callback). */
    private final java.util.Set<Long> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
    private ServiceRegistration<Condition> condition;

    @Activate
    public StagesReady(BundleContext context) {
        this.context = context;
        this.deployJarsAtStart = deployBundleJars(context.getProperty("felix.fileinstall.dir"));
        context.addBundleListener(bundles);
        context.addServiceListener(services);
        check();
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundles);
        context.removeServiceListener(services);
        synchronized (lock) {
            if (condition != null) {
                try {
                    condition.unregister();
                } catch (IllegalStateException gone) {
                    // framework stopping
                }
                condition = null;
            }
        }
    }

    /**
     * Registers the condition the first time nothing is missing. Registering fires a service event, which calls this
     * again on the same thread: the flag is claimed before, so that call returns at once.
     */
    private void check() {
        if (claimed.get() || !missing().isEmpty() || !claimed.compareAndSet(false, true)) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, CONDITION_ID);
        ServiceRegistration<Condition> reg;
        try {
            reg = context.registerService(Condition.class, Condition.INSTANCE, props);
        } catch (IllegalStateException stopping) {
            return; // the bundle is stopping
        }
        synchronized (lock) {
            condition = reg;
            lock.notifyAll();
        }
    }

    /** Waits until ready; returns what is still missing after the timeout (empty = ready). */
    public List<String> await(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            tryResolveDeployBundles();
            check();
            synchronized (lock) {
                if (condition != null) {
                    return List.of();
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    List<String> m = missing();
                    return m.isEmpty() ? List.of("the runtime was stopping") : m;
                }
                lock.wait(Math.min(left, 100)); // woken by check(); the timeout re-tries resolving
            }
        }
    }

    /** What the stages are still waiting for, one line each, naming the bundle or jar. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (String jar : deployJarsAtStart) {
            String problem = deployJarPending(jar);
            if (problem != null) {
                out.add(problem);
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                continue;
            }
            if (declaresStages(b) && registeredStages(b) == 0) {
                out.add("bundle " + b.getSymbolicName() + " " + b.getVersion()
                        + " declares rt.api.Stage services but has registered none (unsatisfied reference?)");
            }
            String header = b.getHeaders("").get(MODEL_HEADER);
            if (header != null && !header.isBlank() && !modelStageRegistered(b)) {
                out.add("model bundle " + b.getSymbolicName() + " " + b.getVersion()
                        + " has no segmentation.custom stage yet (is rt.segmentation.custom active?)");
            }
        }
        return out;
    }

    private String deployJarPending(String jar) {
        for (Bundle b : context.getBundles()) {
            if (!b.getLocation().endsWith("/" + jar)) {
                continue;
            }
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            int state = b.getState();
            if (state == Bundle.ACTIVE || (fragment && state == Bundle.RESOLVED) || state == Bundle.UNINSTALLED) {
                return null;
            }
            if (state == Bundle.INSTALLED && refused.contains(b.getBundleId())) {
                return null; // refused by the resolver (or missing imports): FileInstall will never start it
            }
            return "deploy/" + jar + " (" + b.getSymbolicName() + ") is not started yet";
        }
        return "deploy/" + jar + " is not installed yet";
    }

    /** Deploy bundles still INSTALLED: one resolve attempt tells whether they can ever start. */
    private void tryResolveDeployBundles() {
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.INSTALLED && !refused.contains(b.getBundleId())
                    && deployJarsAtStart.stream().anyMatch(j -> b.getLocation().endsWith("/" + j))
                    && !context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(b))) {
                refused.add(b.getBundleId());
            }
        }
    }

    /** True when the bundle's manifest says one of its components provides rt.api.Stage. */
    static boolean declaresStages(Bundle b) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        if (rev == null) {
            return false;
        }
        for (BundleCapability c : rev.getDeclaredCapabilities("osgi.service")) {
            Object classes = c.getAttributes().get("objectClass");
            if (classes instanceof List<?> l && l.contains(Stage.class.getName())
                    || Stage.class.getName().equals(classes)) {
                return true;
            }
        }
        return false;
    }

    private int registeredStages(Bundle b) {
        ServiceReference<?>[] refs = b.getRegisteredServices();
        int n = 0;
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            if (r.getProperty("objectClass") instanceof String[] names && List.of(names).contains(Stage.class.getName())) {
                n++;
            }
        }
        return n;
    }

    private boolean modelStageRegistered(Bundle model) {
        try {
            ServiceReference<?>[] models = context.getAllServiceReferences(MODEL_SERVICE,
                    "(" + MODEL_BUNDLE + "=" + model.getSymbolicName() + ")");
            for (ServiceReference<?> m : models == null ? new ServiceReference<?>[0] : models) {
                Object name = m.getProperty(MODEL_NAME);
                ServiceReference<?>[] stages = context.getAllServiceReferences(Stage.class.getName(),
                        "(" + MODEL_NAME + "=" + name + ")");
                if (stages != null && stages.length > 0) {
                    return true;
                }
            }
            return false;
        } catch (InvalidSyntaxException e) {
            return false; // a model name with filter syntax in it: its stage cannot be looked up this way
        }
    }

    /** The jars in the deploy folder now that carry a Bundle-SymbolicName (FileInstall installs only those). */
    static List<String> deployBundleJars(String dir) {
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile j = new JarFile(p.toFile())) {
                    var mf = j.getManifest();
                    if (mf != null && mf.getMainAttributes().getValue("Bundle-SymbolicName") != null) {
                        out.add(p.getFileName().toString());
                    }
                } catch (IOException notAJar) {
                    // FileInstall cannot install it either
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

}
