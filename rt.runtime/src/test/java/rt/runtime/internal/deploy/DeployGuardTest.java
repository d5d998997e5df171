package rt.runtime.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import rt.testsupport.SurefireStyleSummary;

/** The guard's decisions on plain stand-ins of Bundle and BundleContext (the OSGi path is ModelDropInIT's). */
@ExtendWith(SurefireStyleSummary.class)
class DeployGuardTest {

    private static final Path DEPLOY = Path.of("/srv/rt/run/deploy");

    private static DeployGuard guard(String allow) {
        Map<String, String> props = allow == null ? Map.of("felix.fileinstall.dir", DEPLOY.toString())
                : Map.of("felix.fileinstall.dir", DEPLOY.toString(), DeployGuard.ALLOW_PROPERTY, allow);
        BundleContext ctx = (BundleContext) Proxy.newProxyInstance(DeployGuardTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> props.get((String) a[0]);
                    default -> null;
                });
        DeployGuard g = new DeployGuard();
        g.start(ctx);
        return g;
    }

    private static Bundle bundle(long id, String bsn, String location, Map<String, String> headers,
            List<String> entries) {
        return (Bundle) Proxy.newProxyInstance(DeployGuardTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> bsn;
                    case "getLocation" -> location;
                    case "getHeaders" -> new Hashtable<>(headers);
                    case "getEntryPaths" -> "/".equals(a[0]) ? Collections.enumeration(entries) : null;
                    default -> null;
                });
    }

    private static final Map<String, String> ACTIVATOR = Map.of("Bundle-SymbolicName", "x",
            "Bundle-Activator", "x.A");

    @Test
    void onlyCodeFromTheDeployFolderIsRefusedAndTheAllowListLetsAStageThrough() {
        DeployGuard g = guard(null);
        String jar = DEPLOY.resolve("evil.jar").toUri().toString();
        assertTrue(g.isRefused(bundle(5, "x", jar, ACTIVATOR, List.of())));
        assertTrue(g.isRefused(bundle(6, "y", jar + "?start", Map.of(), List.of("y/Main.class"))));
        assertFalse(g.isRefused(bundle(7, "m", jar, Map.of("RT-Model", "model/model.yaml"),
                List.of("model/", "model/model.yaml"))), "a model bundle is data");
        assertFalse(g.isRefused(bundle(8, "x", "file:/srv/rt/app/x.jar", ACTIVATOR, List.of())),
                "bundles of the app itself are not the guard's business");
        assertFalse(g.isRefused(bundle(9, "x", "file:/srv/rt/run/deploy-other/x.jar", ACTIVATOR, List.of())),
                "a sibling folder with the same prefix is not deploy/");
        assertFalse(g.isRefused(bundle(0, "system", jar, ACTIVATOR, List.of())));
        DeployGuard allowing = guard("other.stage, x");
        assertFalse(allowing.isRefused(bundle(5, "x", jar, ACTIVATOR, List.of())));
        assertTrue(allowing.isRefused(bundle(6, "y", jar, ACTIVATOR, List.of())));
        assertEquals("manifest header Bundle-Activator: x.A", g.refusal(bundle(5, "x", jar, ACTIVATOR, List.of())));
    }
}
