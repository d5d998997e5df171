package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import rt.api.CommandExit;
import rt.testsupport.SurefireStyleSummary;

/**
 * {@code rt:demo} end to end in the app's bundle set: the synthetic 3-patient cohort (plain, boost, replan) through
 * every installed stage, checked against the output layout of DESIGN.md §5. Radiomics (and its robustness stage)
 * run with a reduced parameter file (demo.bndrun {@code -runenv}) so that the run stays within a few minutes on 2
 * cores.
 */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class DemoIT {

    /** Every stage of the app; rt:demo runs what is installed, so wait until all are there. */
    static final List<String> STAGES = List.of("organize", "segmentation", "segmentation.custom:rules", "structures",
            "crop_ct", "dvh", "radiomics", "radiomics.robustness", "qc", "report", "aggregate");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor gogo;

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void demoCohortThroughEveryStageWritesTheOutputContract() throws Exception {
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=demo))");
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=run))");
        for (String id : STAGES) {
            Services.awaitStage(context, gogo, id);
        }
        // demo.bndrun's -runenv: reduced radiomics parameters (rt:demo passes its own --config; RT_* wins over it).
        for (String env : List.of("RT_RADIOMICS__PARAMS", "RT_RADIOMICS_ROBUSTNESS__PARAMS")) {
            String file = System.getenv(env);
            assertTrue(file != null && Files.isRegularFile(Path.of(file)), env + " = " + file);
        }
        Path out = Files.createTempDirectory("rt-it-demo-");
        long t0 = System.nanoTime();
        Gogo.Result r = Gogo.execute(gogo, "rt:demo '" + out + "'");
        System.out.printf("[DemoIT] rt:demo %s: exit %d in %.0f s; last lines:%n%s%n", out, r.exit(),
                (System.nanoTime() - t0) / 1e9, tail(r.output(), 12));
        assertEquals(CommandExit.OK, r.exit(), r.output());

        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(out.resolve("cohort/manifest.json").toFile());
        assertEquals(3, manifest.path("courses").size(), manifest.toString());
        Map<String, JsonNode> coursesByPatient = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode c : manifest.path("courses")) {
            Path dir = out.resolve(c.path("path").asText());
            for (String f : List.of("course.json", "ct.nii.gz", "dose.nii.gz", "dvh/dvh_metrics.csv",
                    "dvh/dvh_curves.json", "radiomics/radiomics.csv", "radiomics/robustness.csv", "qc/qc.json",
                    "report.html", "segmentation/rules/labels.nii.gz", "segmentation/rules/RS_rules.dcm",
                    "segmentation/rules/manifest.json", "metadata/case.json", "metadata/fractions.csv")) {
                if (!Files.isRegularFile(dir.resolve(f)) || Files.size(dir.resolve(f)) == 0) {
                    missing.add(c.path("path").asText() + "/" + f);
                }
            }
            if (missing.isEmpty()) {
                assertTrue(dataRows(dir.resolve("dvh/dvh_metrics.csv")) > 0, dir + " dvh rows");
                List<String> header = List.of(Files.readAllLines(dir.resolve("dvh/dvh_metrics.csv")).get(0).split(","));
                assertTrue(header.containsAll(List.of("patient_id", "course_id", "source", "roi_name", "volume_cc",
                        "dmean_gy", "d95_gy", "d2_gy")), "dvh_metrics.csv columns " + header);
                assertTrue(dataRows(dir.resolve("radiomics/radiomics.csv")) > 0, dir + " radiomics rows");
                assertFalse(json.readTree(dir.resolve("qc/qc.json").toFile()).isEmpty(), dir + " qc.json");
            }
            coursesByPatient.put(c.path("patient").asText(), json.readTree(dir.resolve("course.json").toFile()));
        }
        assertEquals(List.of(), missing, "outputs missing or empty in " + out);

        // DemoCohort: DEMO001 plain, DEMO002 primary + boost (summed), DEMO003 primary + replan (first plan only).
        JsonNode boost = coursesByPatient.get("DEMO002");
        JsonNode replan = coursesByPatient.get("DEMO003");
        assertNotNull(boost, coursesByPatient.keySet().toString());
        assertNotNull(replan, coursesByPatient.keySet().toString());
        assertTrue(boost.path("dose").path("summed").asBoolean(), boost.path("dose").toString());
        assertEquals("boost_summed", boost.path("dose").path("classification").asText());
        assertFalse(replan.path("dose").path("summed").asBoolean(true), replan.path("dose").toString());

        Path xlsx = out.resolve("cohort/results.xlsx");
        assertTrue(Files.isRegularFile(xlsx), xlsx.toString());
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry wb = zip.getEntry("xl/workbook.xml");
            assertNotNull(wb, "results.xlsx is an OOXML workbook");
            String workbook = new String(zip.getInputStream(wb).readAllBytes(), StandardCharsets.UTF_8);
            for (String sheet : List.of("Courses", "DVH", "Radiomics", "QC", "Plans", "Fractions", "Metadata")) {
                assertTrue(workbook.contains("name=\"" + sheet + "\""), "sheet " + sheet + " in " + workbook);
            }
        }
        // Clinical metadata: one Plans row per demo plan (1 + 2 + 2), one Metadata row per course.
        assertEquals(5, dataRows(out.resolve("cohort/plans.csv")), "plans.csv");
        assertEquals(3, dataRows(out.resolve("cohort/metadata.csv")), "metadata.csv");
        StageAgreement.check(out, manifest, json);
        PhantomTruth.check(out);
        System.out.println("[DemoIT] stage seconds summed over the courses (.state/*.json durationMs): "
                + stageSeconds(out, manifest, json));
        TestFiles.deleteTree(out);
    }

    private static Map<String, Long> stageSeconds(Path out, JsonNode manifest, ObjectMapper json) throws Exception {
        Map<String, Long> ms = new TreeMap<>();
        for (JsonNode c : manifest.path("courses")) {
            Path state = out.resolve(c.path("path").asText()).resolve(".state");
            try (Stream<Path> files = Files.list(state)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    JsonNode s = json.readTree(f.toFile());
                    ms.merge(s.path("stage").asText(), s.path("durationMs").asLong(), Long::sum);
                }
            }
        }
        ms.replaceAll((k, v) -> Math.round(v / 1000.0));
        return ms;
    }

    private static long dataRows(Path csv) throws Exception {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).count();
    }

    private static String tail(String s, int lines) {
        String[] all = s.split("\n");
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
