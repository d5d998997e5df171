package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import rt.api.CommandExit;
import rt.course.CourseFolder;
import rt.testsupport.SurefireStyleSummary;

/**
 * A deliberately slow model bundle dropped into the watched deploy folder while the app runs: the stages that consume
 * structures (structures, dvh, radiomics) wait for it on every course, so its ROIs and the custom structure built from
 * them are in every table; a new version of the bundle reruns exactly its consumers, not organize or another model.
 */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ModelConsumersIT {

    static final String MODEL = "slowrules";
    static final String STAGE = "segmentation.custom:" + MODEL;
    static final List<String> CONSUMERS = List.of("structures", "dvh", "radiomics");
    static final List<String> NOT_CONSUMERS = List.of("segmentation.custom:rules");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor gogo;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void consumersWaitForADroppedInModelAndRerunWhenItChanges() throws Exception {
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=run))");
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=model-pack))");
        for (String id : List.of("organize", "structures", "dvh", "radiomics", "segmentation.custom:rules")) {
            Services.awaitStage(context, gogo, id);
        }
        Path work = Files.createTempDirectory("rt-it-model-");
        Path deploy = Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
        Gogo.Result demo = Gogo.execute(gogo, "rt:demo '" + work.resolve("demo") + "' --patients 2 --write-only");
        assertEquals(CommandExit.OK, demo.exit(), demo.output());
        Path input = work.resolve("demo/input");
        try {
            dropInAndRerun(work, deploy, input);
        } finally {
            // the other tests of this framework must not run the slow model
            Files.deleteIfExists(deploy.resolve(MODEL + ".jar"));
        }
        TestFiles.deleteTree(work);
    }

    private void dropInAndRerun(Path work, Path deploy, Path input) throws Exception {
        Path out = work.resolve("out");
        Path config = work.resolve("rt.yaml");
        Files.writeString(config, String.join("\n",
                "structures:",
                "  custom_structures:",
                "    - {name: SLOW_LUNGS, operation: union, source_structures: [slow_lung]}",
                ""));
        Path jar = pack(work, "1.0.0");
        Files.move(jar, deploy.resolve(MODEL + ".jar"), StandardCopyOption.ATOMIC_MOVE);
        Services.awaitStage(context, gogo, STAGE);

        String run = "rt:run --dicom-root '" + input + "' --outdir '" + out + "' --config '" + config
                + "' --stage organize," + STAGE + ",segmentation.custom:rules,structures,crop_ct,dvh,radiomics";
        Gogo.Result first = Gogo.execute(gogo, run);
        assertEquals(CommandExit.OK, first.exit(), first.output());
        List<CourseFolder> courses = List.of(CourseFolder.of(out, "DEMO001/2024-03"),
                CourseFolder.of(out, "DEMO002/2024-03"));
        for (CourseFolder c : courses) {
            for (Path table : List.of(c.dvhMetrics(), c.radiomics())) {
                List<Map<String, String>> rows = Tables.read(table);
                for (String roi : List.of("slow_body", "slow_lung", "slow_bone")) {
                    Tables.row(rows, "segmentation:" + MODEL, roi, table);
                }
                Tables.row(rows, "custom", "SLOW_LUNGS", table);
            }
        }
        Map<String, String> before = started(courses);

        // a new version of the model bundle: its stage and exactly the stages that consume structures rerun
        Path v2 = pack(work, "1.0.1");
        Files.move(v2, deploy.resolve(MODEL + ".jar"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        awaitBundleVersion("rt.model." + MODEL, "1.0.1");
        Services.awaitStage(context, gogo, STAGE);
        Gogo.Result second = Gogo.execute(gogo, run);
        assertEquals(CommandExit.OK, second.exit(), second.output());
        Map<String, String> after = started(courses);
        for (CourseFolder c : courses) {
            for (String stage : List.of(STAGE, "structures", "dvh", "radiomics")) {
                String key = c.dir() + " " + stage;
                assertNotEquals(before.get(key), after.get(key), key + " reran after the model changed");
            }
            for (String stage : NOT_CONSUMERS) {
                String key = c.dir() + " " + stage;
                assertEquals(before.get(key), after.get(key), key + " does not consume the model's ROIs");
            }
        }
    }

    /** A model folder that runs the demo rule network with a tiny patch (many forward passes: slow), packed. */
    private Path pack(Path work, String version) throws Exception {
        Path dir = Files.createDirectories(work.resolve("model-" + version));
        Bundle rules = find("rt.model.rules");
        assertNotNull(rules, "the demo model bundle rt.model.rules");
        try (InputStream in = rules.getEntry("model/rules.onnx").openStream()) {
            Files.copy(in, dir.resolve("rules.onnx"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("model.yaml"), String.join("\n",
                "name: " + MODEL,
                "description: \"the demo rule network on 12-voxel patches: slow on purpose (many forward passes)\"",
                "modality: CT",
                "rank: 0",
                "spacing: [3.0, 3.0, 3.0]",
                "patch_size: [12, 12, 12]",
                "transpose_forward: [0, 1, 2]",
                "normalization: {scheme: CTNormalization, mean: 0.0, std: 1.0, percentile_00_5: -1024.0,"
                        + " percentile_99_5: 3071.0}",
                "labels: {1: slow_body, 2: slow_lung, 3: slow_bone}",
                "step_size: 0.25",
                "mirror_axes: []",
                "folds: [rules.onnx]",
                "channels: 4",
                "label_map: {1: slow_lung, 2: slow_body, 3: slow_bone}",
                "postprocess:",
                "  - {op: body, labels: [slow_body, slow_bone], fill: slow_body}",
                "  - {op: keep_largest, label: slow_lung, count: 2, min_fraction: 0.1, min_depth_mm: 7.5,"
                        + " replace_with: slow_body}",
                ""));
        Path jar = work.resolve(MODEL + "-" + version + ".jar");
        Gogo.Result r = Gogo.execute(gogo, "rt:model-pack '" + dir + "' '" + jar + "' " + version);
        assertEquals(CommandExit.OK, r.exit(), r.output());
        return jar;
    }

    /** When each stage last started, per course (from .state). */
    private static Map<String, String> started(List<CourseFolder> courses) throws Exception {
        Map<String, String> out = new TreeMap<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (CourseFolder c : courses) {
            for (String stage : List.of(STAGE, "segmentation.custom:rules", "structures", "dvh", "radiomics")) {
                Path f = c.stateDir().resolve(stage.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
                assertTrue(Files.isRegularFile(f), f.toString());
                out.put(c.dir() + " " + stage, json.readTree(f.toFile()).path("startedAt").asText());
            }
        }
        return out;
    }

    private Bundle find(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private void awaitBundleVersion(String bsn, String version) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            Bundle b = find(bsn);
            if (b != null && b.getVersion().toString().equals(version) && b.getState() == Bundle.ACTIVE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(bsn + " " + version + " not active within 30 s");
    }
}
