package rt.runtime.internal.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Model bundles are data: a bundle installed from the deploy folder ({@code felix.fileinstall.dir}) that carries code
 * ({@link CodeScan}) never resolves, so none of its classes can load and no activator or component of it runs,
 * unless its symbolic name is in the allow-list {@value #ALLOW_PROPERTY} (comma-separated; a framework or system
 * property, e.g. {@code RT_JAVA_OPTS=-Drt.deploy.allow=my.stage}). Each refusal is printed once with the jar and the
 * reason. A resolver hook is the only point that sees every bundle before its code can run; it is registered by this
 * activator, and FileInstall starts at a later start level (app.bndrun), so no deploy/ bundle resolves before it.
 */
public final class DeployGuard implements BundleActivator, ResolverHookFactory {

    public static final String ALLOW_PROPERTY = "rt.deploy.allow";

    private final Set<Long> reported = ConcurrentHashMap.newKeySet();
    private volatile URI deployDir;
    private volatile Set<String> allowed = Set.of();
    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) {
        String dir = context.getProperty("felix.fileinstall.dir");
        deployDir = dir == null ? null : Path.of(dir).toAbsolutePath().normalize().toUri();
        String allow = context.getProperty(ALLOW_PROPERTY);
        allowed = allow == null ? Set.of() : Set.of(allow.trim().split("\\s*,\\s*"));
        // Also under its own class: the headless runner asks it which deploy/ jars will never start.
        registration = context.registerService(new String[] {ResolverHookFactory.class.getName(),
            DeployGuard.class.getName()}, this, null);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
        }
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeIf(r -> refusal(r.getBundle()) != null);
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton,
                    Collection<BundleCapability> collisionCandidates) {
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
            }

            @Override
            public void end() {
            }
        };
    }

    /** True when the bundle comes from deploy/, carries code and is not allowed: it will never resolve. */
    public boolean isRefused(Bundle b) {
        return refusal(b) != null;
    }

    /** Why the bundle may not resolve, or null; printed the first time. */
    String refusal(Bundle b) {
        if (!fromDeployFolder(b) || allowed.contains(b.getSymbolicName())) {
            return null;
        }
        String reason = CodeScan.codeIn(headers(b), entries(b));
        if (reason != null && reported.add(b.getBundleId())) {
            System.err.println("rt: refused " + jarName(b) + " from the deploy folder: it carries code (" + reason
                    + "); model bundles must be data only. To run a trusted stage bundle, add its symbolic name '"
                    + b.getSymbolicName() + "' to -D" + ALLOW_PROPERTY + "=...");
        }
        return reason;
    }

    private boolean fromDeployFolder(Bundle b) {
        URI dir = deployDir;
        String loc = b.getLocation();
        if (dir == null || loc == null || b.getBundleId() == 0) {
            return false;
        }
        // FileInstall's locations are file: URIs of the jar (a query may follow).
        int q = loc.indexOf('?');
        String path = q < 0 ? loc : loc.substring(0, q);
        try {
            URI u = URI.create(path);
            return "file".equals(u.getScheme()) && Path.of(u).toAbsolutePath().normalize()
                    .startsWith(Path.of(dir));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false;
        }
    }

    private static String jarName(Bundle b) {
        String loc = b.getLocation();
        int q = loc.indexOf('?');
        String path = q < 0 ? loc : loc.substring(0, q);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Map<String, String> headers(Bundle b) {
        Dictionary<String, String> d = b.getHeaders("");
        Map<String, String> m = new HashMap<>();
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            m.put(k, d.get(k));
        }
        return m;
    }

    /** Every entry of the bundle's own jar; getEntryPaths, unlike findEntries, does not resolve the bundle. */
    private static List<String> entries(Bundle b) {
        List<String> out = new ArrayList<>();
        List<String> todo = new ArrayList<>(List.of("/"));
        while (!todo.isEmpty() && out.size() < 100_000) {
            Enumeration<String> e = b.getEntryPaths(todo.remove(todo.size() - 1));
            for (Iterator<String> it = e == null ? null : e.asIterator(); it != null && it.hasNext();) {
                String p = it.next();
                out.add(p);
                if (p.endsWith("/")) {
                    todo.add(p);
                }
            }
        }
        return out;
    }
}
