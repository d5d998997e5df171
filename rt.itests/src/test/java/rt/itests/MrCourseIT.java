package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
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
import rt.course.CohortFolder;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.SegmentationManifest;
import rt.testsupport.SurefireStyleSummary;

/**
 * A CT course that also has an MR in its own study and frame, an RTSTRUCT drawn on the MR and a spatial registration
 * MR → CT ({@code rt:demo --mr}, our writers), through the real app: organize keeps them in the CT's course and
 * records the REG in course.json; an MR model (dropped in) runs on the MR and the CT model on the CT; radiomics gives
 * MR rows for the MR structure set and the MR model (MR parameters, on the MR), in the course's radiomics.csv and in
 * the cohort table; DVH and QC stay on the planning CT.
 */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class MrCourseIT {

    static final String MR_MODEL = "mrrules";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor gogo;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void anMrWithItsStructureSetAndRegistrationGetsMrRadiomicsRows() throws Exception {
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=run))");
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=demo))");
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=model-pack))");
        for (String id : List.of("organize", "dvh", "radiomics", "qc", "aggregate", "segmentation.custom:rules")) {
            Services.awaitStage(context, gogo, id);
        }
        Path work = Files.createTempDirectory("rt-it-mr-");
        Path deploy = Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
        Gogo.Result demo = Gogo.execute(gogo, "rt:demo '" + work.resolve("demo") + "' --patients 1 --mr --write-only");
        assertEquals(CommandExit.OK, demo.exit(), demo.output());
        Path jar = packMrModel(work);
        Files.move(jar, deploy.resolve(MR_MODEL + ".jar"), StandardCopyOption.ATOMIC_MOVE);
        try {
            Services.awaitStage(context, gogo, "segmentation.custom:" + MR_MODEL);
            runAndCheck(work);
        } finally {
            Files.deleteIfExists(deploy.resolve(MR_MODEL + ".jar"));
        }
        TestFiles.deleteTree(work);
    }

    private void runAndCheck(Path work) throws Exception {
        Path out = work.resolve("out");
        // light MR parameters (normalised, Original only): which image and parameters each set gets is the point
        Path mrParams = work.resolve("mr.yaml");
        Files.writeString(mrParams, String.join("\n", "imageType: {Original: {}}",
                "featureClass: {shape: , firstorder: }",
                "setting: {normalize: true, normalizeScale: 1, binWidth: 0.5, resampledPixelSpacing: [2, 2, 2],"
                        + " interpolator: sitkBSpline, label: 1}", ""));
        Path config = work.resolve("rt.yaml");
        Files.writeString(config, "radiomics: {mr_params: '" + mrParams + "', skip_rois: [BODY]}\n");
        Gogo.Result r = Gogo.execute(gogo, "rt:run --dicom-root '" + work.resolve("demo/input") + "' --outdir '"
                + out + "' --config '" + config + "' --stage organize,segmentation,segmentation.custom:rules,"
                + "segmentation.custom:" + MR_MODEL + ",structures,dvh,radiomics,qc,aggregate");
        assertEquals(CommandExit.OK, r.exit(), r.output());

        ObjectMapper json = new ObjectMapper();
        CourseFolder course = CourseFolder.of(out, "DEMO001/2024-03");
        JsonNode record = json.readTree(course.courseJson().toFile());
        assertEquals(1, json.readTree(new CohortFolder(out.resolve("cohort")).manifest().toFile()).path("courses")
                .size(), "the MR, its RTSTRUCT and the REG join the CT's course");
        JsonNode reg = record.path("registrations").path(0);
        assertEquals(2, reg.path("frames").size(), record.path("registrations").toString());
        CourseImage mr = CourseImage.list(course).stream().filter(i -> "MR".equals(i.modality())).findFirst()
                .orElseThrow(() -> new AssertionError("no MR in " + record.path("images")));
        assertTrue(mr.registration().startsWith("REG "), mr.registration());
        assertEquals(mr.frameOfReferenceUid(), reg.path("frames").path(1).path("frame_of_reference_uid").asText());

        // the MR model ran on the MR, the CT model on the CT
        SegmentationManifest onMr = SegmentationManifest.read(course.model(MR_MODEL)).orElseThrow();
        assertEquals(mr.file(course).normalize(), course.resolve(onMr.input()).normalize());
        SegmentationManifest onCt = SegmentationManifest.read(course.model("rules")).orElseThrow();
        assertEquals(course.ctImage().normalize(), course.resolve(onCt.input()).normalize());

        List<Map<String, String>> rows = Tables.read(course.radiomics());
        String mrFile = Path.of(mr.structureSets().get(0)).getFileName().toString();
        String mrSource = "manual:" + mrFile.substring(0, mrFile.length() - ".dcm".length());
        Map<String, String> mrPtv = Tables.row(rows, mrSource, "PTV", course.radiomics());
        assertEquals("MR", mrPtv.get("modality"));
        assertEquals(mr.seriesInstanceUid(), mrPtv.get("image_series_uid"));
        Map<String, String> ctPtv = rows.stream().filter(x -> "CT".equals(x.get("modality"))
                && "PTV".equals(x.get("roi_name")) && "manual".equals(x.get("source"))).findFirst()
                .orElseThrow(() -> new AssertionError("no CT row manual/PTV in " + course.radiomics()));
        assertNotEquals(ctPtv.get("settings_hash"), mrPtv.get("settings_hash"), "MR parameters on the MR");
        double sphereCc = 4 / 3.0 * Math.PI * Math.pow(25, 3) / 1000;
        assertEquals(sphereCc, Tables.number(mrPtv, "original_shape_MeshVolume") / 1000, 0.1 * sphereCc);
        assertTrue(rows.stream().filter(x -> ("segmentation:" + MR_MODEL).equals(x.get("source")))
                .allMatch(x -> "MR".equals(x.get("modality"))), "the MR model's ROIs are analysed on the MR");

        // the cohort table carries the MR rows
        List<Map<String, String>> cohort = Tables.read(out.resolve("cohort/radiomics.csv"));
        assertEquals("MR", Tables.row(cohort, mrSource, "PTV", out.resolve("cohort/radiomics.csv")).get("modality"));

        // DVH and QC stay on the planning CT: no DVH row of the MR structure set, frame of reference not failed
        List<Map<String, String>> dvh = Tables.read(course.dvhMetrics());
        assertTrue(dvh.stream().noneMatch(x -> mrSource.equals(x.get("source"))), "no DVH of the MR set");
        assertTrue(dvh.stream().anyMatch(x -> "PTV".equals(x.get("roi_name"))), "DVH of the CT set");
        JsonNode qc = json.readTree(course.qc().toFile());
        assertTrue(List.of("PASS", "WARNING").contains(frameCheck(qc)), qc.toString());
    }

    private static String frameCheck(JsonNode qc) {
        for (JsonNode c : qc.path("checks")) {
            if ("frame_of_reference".equals(c.path("id").asText())) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    /** The demo rule network declared as an MR model (no normalisation): it must run on the MR only. */
    private Path packMrModel(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("model-mr"));
        Bundle rules = null;
        for (Bundle b : context.getBundles()) {
            if ("rt.model.rules".equals(b.getSymbolicName())) {
                rules = b;
            }
        }
        assertNotNull(rules, "the demo model bundle rt.model.rules");
        try (InputStream in = rules.getEntry("model/rules.onnx").openStream()) {
            Files.copy(in, dir.resolve("rules.onnx"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("model.yaml"), String.join("\n",
                "name: " + MR_MODEL,
                "description: \"the demo rule network declared MR (test)\"",
                "modality: MR",
                "rank: 0",
                "spacing: [4.0, 4.0, 4.0]",
                "patch_size: [32, 32, 32]",
                "transpose_forward: [0, 1, 2]",
                "normalization: {scheme: NoNormalization}",
                "labels: {1: mr_a, 2: mr_b, 3: mr_c}",
                "step_size: 0.5",
                "mirror_axes: []",
                "folds: [rules.onnx]",
                "channels: 4",
                "label_map: {1: mr_a, 2: mr_b, 3: mr_c}",
                ""));
        Path jar = work.resolve(MR_MODEL + ".jar");
        Gogo.Result r = Gogo.execute(gogo, "rt:model-pack '" + dir + "' '" + jar + "' 1.0.0");
        assertEquals(CommandExit.OK, r.exit(), r.output());
        return jar;
    }
}
