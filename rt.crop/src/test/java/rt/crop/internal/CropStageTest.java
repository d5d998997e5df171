package rt.crop.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CtCrop;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.nifti.Nifti;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.Phantom;
import rt.testsupport.RefData;
import rt.testsupport.TestStageContext;

/**
 * {@code crop_ct} on the demo phantom (written and organized by organize's own writers; landmarks: the manual lungs,
 * ellipsoids reaching z = ±{@value Phantom#LUNG_AZ} mm) and on the real CT of {@code totalseg-example} with the
 * segmentation TotalSegmentator made of it (landmarks measured independently with nibabel: lungs up to slice 29,
 * L1 on slices 4–21, T12 on 15–29, no C7, L5 or femur; slices of 3 mm from z = 94.30 mm).
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class CropStageTest {

    @TempDir
    static Path tmp;
    static Course phantom;
    static Path phantomDir;

    @BeforeAll
    static void organizeTheDemo() throws Exception {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 1);
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        phantom = ctx.published().get(0);
        phantomDir = out.resolve(phantom.folder());
    }

    static CtCrop crop(Path out, Course course, Map<String, ?> config) throws Exception {
        StageResult r = new CropStage().run(TestStageContext.builder(out).course(course).config(config).build());
        assertEquals(StageResult.Status.OK, r.status(), r.reason());
        System.out.println("[CropStageTest] " + course.key() + " " + config + ": " + r.reason());
        return CtCrop.read(new CourseFolder(out.resolve(course.folder()))).orElseThrow();
    }

    @Test
    void thoraxOnThePhantomKeepsTheSlicesOfTheLungs() throws Exception {
        CtCrop c = crop(tmp.resolve("out"), phantom, Map.of("region", "thorax", "superior_margin_mm", 0.0,
                "inferior_margin_mm", 0.0));
        // CT slices at z = −73.5 + 3k; the lungs' contours reach the planes z = ±58.5 (|z| < 60)
        assertAll(
                () -> assertEquals(-58.5, c.requestedInferiorMm(), 1e-6),
                () -> assertEquals(58.5, c.requestedSuperiorMm(), 1e-6),
                () -> assertEquals(5, c.firstSlice()),
                () -> assertEquals(44, c.lastSlice()),
                () -> assertEquals(-60, c.inferiorMm(), 1e-6),
                () -> assertEquals(60, c.superiorMm(), 1e-6),
                () -> assertEquals("manual", c.landmarks().get(0).source()),
                () -> assertEquals("LUNG_L+LUNG_R", c.landmarks().get(0).structure()));
        CourseFolder f = new CourseFolder(phantomDir);
        Volume ct = Nifti.readVolume(f.ctImage(), Quantity.HU);
        Volume cropped = Nifti.readVolume(CtCrop.croppedCt(f), Quantity.HU);
        int plane = ct.grid().nx() * ct.grid().ny();
        assertEquals(40, cropped.grid().nz());
        assertEquals(-58.5, cropped.grid().origin()[2], 1e-4);
        assertArrayEquals(Arrays.copyOfRange(ct.voxels(), 5 * plane, 45 * plane), cropped.voxels(),
                "the kept slices, unchanged");
        assertEquals(List.of("crop"), List.of(new CropStage().outputPaths().get(0)));
    }

    @Test
    void autoRegionFollowsTheSiteAndAMarginBeyondTheScanKeepsItsEnd() throws Exception {
        CtCrop c = crop(tmp.resolve("out"), phantom, Map.of());
        assertEquals("thorax", c.region(), "the demo is a chest CT: site " + phantom.site());
        assertEquals(78.5, c.requestedSuperiorMm(), 1e-6, "lungs + 20 mm");
        assertTrue(c.keepsWholeCt(), "the phantom's CT ends 15 mm beyond its lungs");
        assertEquals(List.of(), c.fallbacks(), "both landmarks found");
        assertEquals(2, c.limits().size(), c.limits().toString());
        JsonNode json = new ObjectMapper().readTree(CtCrop.file(new CourseFolder(phantomDir)).toFile());
        assertEquals("thorax", json.path("region").asText(), json.toString());
    }

    @Test
    void realCtWithItsTotalSegmentatorLandmarks() throws Exception {
        Path ref = RefData.resolve("totalseg-example"); // skips with a message where absent (fails under CI)
        Path out = tmp.resolve("real");
        CourseFolder f = CourseFolder.of(out, "TSEX/C1");
        Files.createDirectories(f.dir());
        Files.copy(ref.resolve("example_ct.nii.gz"), f.ctImage());
        JsonNode classes = new ObjectMapper().readTree(ref.resolve("total_v2_class_map.json").toFile()).path("total");
        LabelMap labels = Nifti.readLabels(ref.resolve("example_seg.nii.gz"), Map.of());
        Set<Integer> present = new TreeSet<>();
        for (short v : labels.labels()) {
            present.add((int) v);
        }
        present.remove(0);
        List<SegmentationManifest.Roi> rois = new ArrayList<>();
        for (int v : present) {
            rois.add(new SegmentationManifest.Roi(v, classes.path(Integer.toString(v)).asText(), 1, 0));
        }
        ModelFolder model = f.model("total");
        Files.createDirectories(model.dir());
        Files.copy(ref.resolve("example_seg.nii.gz"), model.labels());
        new SegmentationManifest("total", "TotalSegmentator total (reference output)", "refdata", "ct.nii.gz", null,
                "cpu", 0, null, rois, Map.of()).write(model);
        Course course = new Course("TSEX", "C1", "TSEX/C1", null, 0, null, null, null, null, List.of(), Map.of());
        double z0 = 94.30175781;
        CtCrop thorax = crop(out, course, Map.of("region", "thorax", "superior_margin_mm", 0.0,
                "inferior_margin_mm", 0.0));
        CtCrop abdomen = crop(out, course, Map.of("region", "abdomen"));
        CtCrop pelvis = crop(out, course, Map.of("region", "pelvis"));
        assertAll(
                // thorax: no C7 → top of the lungs (slice 29); bottom of L1 (slice 4)
                () -> assertEquals(z0 + 3 * 29, thorax.requestedSuperiorMm(), 1e-3),
                () -> assertEquals(z0 + 3 * 4, thorax.requestedInferiorMm(), 1e-3),
                () -> assertEquals(4, thorax.firstSlice()),
                () -> assertEquals(29, thorax.lastSlice()),
                // abdomen: top of T12 (slice 29) + 20 mm → slice 35; no L5 → the CT's first slice
                () -> assertEquals(z0 + 3 * 29 + 20, abdomen.requestedSuperiorMm(), 1e-3),
                () -> assertEquals(0, abdomen.firstSlice()),
                () -> assertEquals(35, abdomen.lastSlice()),
                () -> assertTrue(abdomen.fallbacks().get(0).startsWith("inferior: no L5 vertebra")),
                // pelvis: top of L1 (slice 21); no femur → the CT's first slice
                () -> assertEquals(0, pelvis.firstSlice()),
                () -> assertEquals(21, pelvis.lastSlice()),
                () -> assertEquals(112, pelvis.ctSlices()));
    }
}
