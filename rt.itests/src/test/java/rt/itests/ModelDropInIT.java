package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.osgi.util.tracker.ServiceTracker;
import rt.api.CommandExit;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.nifti.Nifti;
import rt.testsupport.SurefireStyleSummary;

/**
 * Issue 7's drop-in contract on a running framework: the demo model bundle copied into FileInstall's watched folder
 * (as into the app's {@code deploy/}) becomes a model ({@code rt:models}) and a Stage {@code segmentation.custom:rules}
 * that segments a CT; deleting the jar withdraws both and leaves no partial files.
 */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ModelDropInIT {

    static final String MODEL_BSN = "rt.model.rules";
    static final String STAGE_FILTER = "(&(objectClass=rt.api.Stage)(rt.stage.id=segmentation.custom:rules))";
    static final Pattern RULES_ROW = Pattern.compile("(?m)^rules\\s");
    static final long WAIT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor gogo;

    private Path deploy;
    private final List<ServiceListener> listeners = new ArrayList<>();

    @AfterEach
    void removeListeners() {
        listeners.forEach(context::removeServiceListener);
    }

    @BeforeEach
    void commandsAndAnEmptyDeployFolder() throws Exception {
        awaitService("(&(osgi.command.scope=rt)(osgi.command.function=models))");
        awaitService("(&(osgi.command.scope=rt)(osgi.command.function=segment))");
        deploy = Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
        // A jar left behind by an aborted earlier run was installed by FileInstall at start: remove it first.
        Bundle stale = modelBundle();
        try (Stream<Path> files = Files.list(deploy)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        if (stale != null) {
            awaitUninstalled(stale, () -> {
            });
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aModelJarDroppedIntoTheDeployFolderSegmentsAndItsRemovalWithdrawsItCleanly() throws Exception {
        Path jar = Path.of(context.getProperty("rt.model.jar"));
        assertTrue(Files.isRegularFile(jar), "model bundle jar " + jar + " (build rt.model.rules first)");
        assertNull(modelBundle(), "the model bundle is not installed before the drop-in");
        assertNull(context.getServiceReferences((String) null, STAGE_FILTER));
        String before = rt("rt:models").output();
        assertFalse(RULES_ROW.matcher(before).find(), before);

        // Drop-in: a complete file appears at once in the watched folder (copy beside it, then atomic rename).
        Path part = Files.createTempFile(deploy.getParent(), "rt.model.rules", ".part");
        Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
        Path dropped = Files.move(part, deploy.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);

        ServiceReference<?> stage = awaitService(STAGE_FILTER);
        Bundle model = modelBundle();
        assertNotNull(model);
        assertEquals(Bundle.ACTIVE, model.getState());
        assertTrue(model.getLocation().contains(deploy.getFileName().toString()),
                "installed by FileInstall from the folder: " + model.getLocation());
        assertEquals("segmentation.custom:rules", stage.getProperty("rt.stage.id"));
        Gogo.Result models = rt("rt:models");
        assertEquals(CommandExit.OK, models.exit(), models.output());
        assertTrue(RULES_ROW.matcher(models.output()).find(), models.output());

        // The model segments a CT: a NIfTI phantom with body, two lungs and a spine.
        Path work = Files.createTempDirectory("rt-it-model-");
        Path ct = work.resolve("phantom.nii.gz");
        Nifti.write(ct, phantom());
        Path out = work.resolve("seg");
        Gogo.Result seg = rt("rt:segment --input '" + ct + "' --out '" + out + "' --model rules --threads 1");
        assertEquals(CommandExit.OK, seg.exit(), seg.output());
        for (String f : List.of("labels.nii.gz", "RS_rules.dcm", "manifest.json")) {
            Path p = out.resolve(f);
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, f + "\n" + seg.output());
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("rules", manifest.path("model").asText());
        Map<String, Integer> label = new HashMap<>();
        manifest.path("rois").forEach(r -> label.put(r.path("name").asText(), r.path("label").asInt()));
        LabelMap labels = Nifti.readLabels(out.resolve("labels.nii.gz"), Map.of());
        Grid g = labels.grid();
        assertEquals(List.of(64, 48, 32), List.of(g.nx(), g.ny(), g.nz()), "labels on the CT's grid");
        short[] v = labels.labels();
        assertEquals(0, v[g.index(1, 1, 16)], "air outside the body");
        assertEquals(label.getOrDefault("body", -1).intValue(), v[g.index(32, 12, 16)], "soft tissue " + label);
        assertEquals(label.getOrDefault("lung", -1).intValue(), v[g.index(19, 21, 16)], "left lung " + label);
        assertEquals(label.getOrDefault("lung", -1).intValue(), v[g.index(45, 21, 16)], "right lung " + label);
        assertEquals(label.getOrDefault("bone", -1).intValue(), v[g.index(32, 36, 16)], "spine " + label);

        // Removal: the jar leaves the folder → bundle uninstalled, stage and model withdrawn.
        CountDownLatch stageGone = serviceUnregistered(STAGE_FILTER);
        awaitUninstalled(model, () -> Files.delete(dropped));
        assertTrue(stageGone.await(WAIT_MS, TimeUnit.MILLISECONDS), "stage service withdrawn");
        assertNull(context.getServiceReferences((String) null, STAGE_FILTER));
        String after = rt("rt:models").output();
        assertFalse(RULES_ROW.matcher(after).find(), after);
        Gogo.Result gone = rt("rt:stages");
        assertFalse(gone.output().contains("segmentation.custom:rules"), gone.output());
        try (Stream<Path> files = Files.walk(work)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        TestFiles.deleteTree(work);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aJarThatCarriesCodeIsRefusedBeforeAnyOfItRuns() throws Exception {
        Path marker = deploy.getParent().resolve("hostile-activator-ran");
        Files.deleteIfExists(marker);
        System.setProperty(WritesAFileActivator.MARKER_PROPERTY, marker.toString());
        Path jar = deploy.getParent().resolve("looks-like-a-model.jar");
        writeJarWithActivator(jar);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                original.write(b);
                err.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                err.write(b, off, len);
            }
        }, true));
        Path dropped;
        try {
            dropped = Files.move(jar, deploy.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            long end = System.currentTimeMillis() + WAIT_MS;
            while (!err.toString().contains("refused looks-like-a-model.jar") && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000); // FileInstall retries its start: give the activator every chance to run
        } finally {
            System.setErr(original);
        }
        String log = err.toString();
        assertTrue(log.contains("refused looks-like-a-model.jar from the deploy folder: it carries code "
                + "(manifest header Bundle-Activator: rt.itests.WritesAFileActivator)"), log);
        Bundle hostile = null;
        for (Bundle b : context.getBundles()) {
            if ("rt.itests.hostile".equals(b.getSymbolicName())) {
                hostile = b;
            }
        }
        assertNotNull(hostile, "FileInstall installed the jar");
        assertEquals(Bundle.INSTALLED, hostile.getState(), "never resolved, so none of its classes could load");
        assertFalse(Files.exists(marker), "the activator never ran");
        awaitUninstalled(hostile, () -> Files.delete(dropped));
    }

    /** A bundle jar with a manifest naming an activator, and that activator's class file (taken from this bundle). */
    private void writeJarWithActivator(Path jar) throws Exception {
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        java.util.jar.Attributes a = mf.getMainAttributes();
        a.putValue("Manifest-Version", "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "rt.itests.hostile");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("RT-Model", "model/model.yaml");
        a.putValue("Import-Package", "org.osgi.framework");
        a.putValue("Bundle-Activator", WritesAFileActivator.class.getName());
        String entry = WritesAFileActivator.class.getName().replace('.', '/') + ".class";
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), mf);
                java.io.InputStream in = FrameworkUtil.getBundle(getClass()).getEntry(entry).openStream()) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    /** 64×48×32 voxels of 3 mm: air, an elliptic body of soft tissue, two ellipsoid lungs, a spine cylinder. */
    static Volume phantom() {
        Grid g = Grid.axisAligned(64, 48, 32, new double[] {-96, -72, -48}, new double[] {3, 3, 3});
        float[] hu = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    float v = -1000;
                    if (sq((i - 32) / 26.0) + sq((j - 24) / 18.0) <= 1) {
                        v = 40;
                        for (int cx : new int[] {19, 45}) {
                            if (sq((i - cx) / 7.0) + sq((j - 21) / 8.0) + sq((k - 16) / 11.0) <= 1) {
                                v = -820;
                            }
                        }
                        if (sq(i - 32) + sq(j - 36) <= 9) {
                            v = 700;
                        }
                    }
                    hu[g.index(i, j, k)] = v;
                }
            }
        }
        return new Volume(g, hu, Quantity.HU);
    }

    private static double sq(double x) {
        return x * x;
    }

    private Gogo.Result rt(String commandLine) throws Exception {
        return Gogo.execute(gogo, commandLine);
    }

    private Bundle modelBundle() {
        for (Bundle b : context.getBundles()) {
            if (MODEL_BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private ServiceReference<?> awaitService(String filter) throws Exception {
        ServiceTracker<Object, Object> t = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null);
        t.open(true);
        try {
            assertNotNull(t.waitForService(WAIT_MS), "no service " + filter + " within " + WAIT_MS + " ms");
            return t.getServiceReference();
        } finally {
            t.close();
        }
    }

    private CountDownLatch serviceUnregistered(String filter) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        ServiceListener l = e -> {
            if (e.getType() == ServiceEvent.UNREGISTERING) {
                latch.countDown();
            }
        };
        context.addServiceListener(l, filter);
        listeners.add(l);
        if (context.getServiceReferences((String) null, filter) == null) {
            latch.countDown();
        }
        return latch;
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} and waits until {@code bundle} is uninstalled (FileInstall polls its folder). */
    private void awaitUninstalled(Bundle bundle, Action action) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        BundleListener l = e -> {
            if (e.getBundle().getBundleId() == bundle.getBundleId() && e.getType() == BundleEvent.UNINSTALLED) {
                latch.countDown();
            }
        };
        context.addBundleListener(l);
        try {
            action.run();
            if (bundle.getState() != Bundle.UNINSTALLED) {
                assertTrue(latch.await(WAIT_MS, TimeUnit.MILLISECONDS), bundle + " uninstalled by FileInstall");
            }
        } finally {
            context.removeBundleListener(l);
        }
    }
}
