package rt.radiomics.internal.stage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.Csv;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.DemoMr;
import rt.radiomics.RadiomicsParams;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * A demo course with an MR registered to its CT and an RTSTRUCT on the MR (organize's real output): the MR structure
 * set gets MR rows (MR parameters, normalised, on the MR's voxels), the CT set CT rows, told apart by modality and
 * image series.
 */
@ExtendWith(SurefireStyleSummary.class)
class MrRadiomicsTest {

    @TempDir
    Path tmp;

    /** pydicom's MR_small.dcm (Debian python3-pydicom): a real MR slice written by a scanner, not by us. */
    static final Path REAL_MR = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/MR_small.dcm");

    /**
     * A real MR (one slice, 64², 0.3125 mm) with a 12 mm square drawn on it by our RTSTRUCT writer: organize
     * publishes the MR as NIfTI with exactly pydicom's pixel values, and radiomics gives the square one MR row.
     */
    @Test
    void aRealMrWithAStructureSetGetsAnMrRow() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(REAL_MR),
                "[SKIP] " + REAL_MR + " absent (Debian python3-pydicom)");
        Path in = Files.createDirectories(tmp.resolve("input/real"));
        Path out = tmp.resolve("out");
        Files.copy(REAL_MR, in.resolve("MR.dcm"));
        rt.dicom.DicomObject header = rt.dicom.DicomReader.readHeader(REAL_MR).dataset();
        double[] p = header.getDoubles(rt.dicom.Tag.ImagePositionPatient);
        writeSquare(header, p, in.resolve("RS.dcm"));
        TestStageContext org = TestStageContext.builder(out).dicomRoot(tmp.resolve("input")).build();
        assertTrue(new OrganizeStage().run(org).isOk());
        Course c = org.published().get(0);
        CourseFolder folder = new CourseFolder(out.resolve(c.folder()));
        CourseImage mr = CourseImage.list(folder).get(0);
        assertEquals("MR", mr.modality());
        assertEquals(1, mr.structureSets().size(), "the RTSTRUCT is drawn on the MR");
        assertEquals(List.of(), c.objects(rt.api.course.Role.PLANNING_CT), "an MR is never the planning CT");
        assertTrue(!Files.exists(folder.ctImage()));
        rt.api.image.Volume v = rt.nifti.Nifti.readVolume(mr.file(folder), rt.api.image.Quantity.INTENSITY);
        int[] pydicom = pydicomPixels(REAL_MR);
        if (pydicom != null) {
            for (int j = 0; j < 64; j++) {
                for (int i = 0; i < 64; i++) {
                    assertEquals(pydicom[j * 64 + i], v.voxels()[v.grid().index(i, j, 0)], 0, "pixel " + i + "," + j);
                }
            }
        }
        Path mrParams = tmp.resolve("mr.yaml");
        Files.writeString(mrParams, "imageType: {Original: {}}\nfeatureClass: {firstorder: , shape: }\n"
                + "setting: {normalize: true, binWidth: 0.5, label: 1}\n");
        TestStageContext ctx = TestStageContext.builder(out).course(c).workDir(folder.dir())
                .config(Map.of("mr_params", mrParams.toString())).build();
        StageResult r = new RadiomicsStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        List<Map<String, String>> rows = Csv.read(folder.radiomics());
        assertEquals(1, rows.size());
        Map<String, String> row = rows.get(0);
        double mm3 = 12 * 12 * header.getDouble(rt.dicom.Tag.SliceThickness, 0);
        assertAll(() -> assertEquals("MR", row.get("modality")), () -> assertEquals("SQUARE", row.get("roi_name")),
                () -> assertEquals(mr.seriesInstanceUid(), row.get("image_series_uid")),
                () -> assertEquals(mm3, Double.parseDouble(row.get("original_shape_VoxelVolume")), 0.15 * mm3));
    }

    private static void writeSquare(rt.dicom.DicomObject header, double[] p, Path file) throws Exception {
        double x0 = p[0] + 5;
        double y0 = p[1] + 5;
        rt.dicom.rt.RtStructWriter w = new rt.dicom.rt.RtStructWriter(rt.dicom.rt.PatientStudy.of(header),
                rt.dicom.rt.ReferencedSeries.of(List.of(header))).label("ON MR");
        w.addRoi("SQUARE", "ORGAN", new int[] {255, 0, 0}, List.of(rt.dicom.rt.Contour.closed(new double[] {
            x0, y0, p[2], x0 + 12, y0, p[2], x0 + 12, y0 + 12, p[2], x0, y0 + 12, p[2]})));
        w.write(file);
    }

    /** The stored pixel values as pydicom decodes them (row-major), or null without Python/pydicom. */
    private static int[] pydicomPixels(Path file) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return null;
        }
        Process proc = new ProcessBuilder("/usr/bin/python3", "-c", "import sys,pydicom;"
                + "print(' '.join(str(int(x)) for x in pydicom.dcmread(sys.argv[1]).pixel_array.ravel()))",
                file.toString()).redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes()).trim();
        if (proc.waitFor() != 0) {
            System.out.println("[SKIP] pydicom comparison: " + text);
            return null;
        }
        return java.util.Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void anMrStructureSetGetsMrRowsOnTheMr() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 1, false, true);
        TestStageContext org = TestStageContext.builder(out).dicomRoot(in).build();
        assertTrue(new OrganizeStage().run(org).isOk());
        Course c = org.published().get(0);
        Path dir = out.resolve(c.folder());
        // light CT parameters: this test is about which image and parameters each set gets, not CT features
        Path ctParams = tmp.resolve("ct.yaml");
        Files.writeString(ctParams, "imageType: {Original: {}}\nfeatureClass: {firstorder: , shape: }\n"
                + "setting: {binWidth: 25, label: 1}\n");
        TestStageContext ctx = TestStageContext.builder(out).course(c).workDir(dir)
                .config(Map.of("params", ctParams.toString(), "skip_rois", List.of("BODY", "SPINE", "LUNG_L")))
                .cores(2).build();
        StageResult r = new RadiomicsStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        List<Map<String, String>> rows = Csv.read(new CourseFolder(dir).radiomics());
        CourseImage mr = CourseImage.list(new CourseFolder(dir)).stream().filter(i -> "MR".equals(i.modality()))
                .findFirst().orElseThrow();
        Map<String, String> mrPtv = rows.stream().filter(x -> x.get("modality").equals("MR")).findFirst()
                .orElseThrow();
        Map<String, String> ctPtv = rows.stream().filter(x -> x.get("modality").equals("CT")
                && x.get("roi_name").equals("PTV")).findFirst().orElseThrow();
        double sphereCc = 4 / 3.0 * Math.PI * Math.pow(25, 3) / 1000;
        assertAll(
                () -> assertEquals(3, rows.size(), "CT: PTV, LUNG_R; MR: PTV"),
                () -> assertEquals(1, rows.stream().filter(x -> x.get("modality").equals("MR")).count()),
                () -> assertEquals("PTV", mrPtv.get("roi_name")),
                () -> assertTrue(mrPtv.get("source").startsWith("manual:"), mrPtv.get("source")),
                () -> assertEquals("manual", ctPtv.get("source"), "the CT's set keeps its plain name"),
                () -> assertEquals(mr.seriesInstanceUid(), mrPtv.get("image_series_uid")),
                () -> assertEquals(c.planningCtSeriesUid(), ctPtv.get("image_series_uid")),
                () -> assertEquals(RadiomicsParams.bundled("MR").hash(), mrPtv.get("settings_hash")),
                () -> assertTrue(mrPtv.containsKey("log-sigma-2-0-mm-3D_glcm_Contrast"), "the MR parameter set"),
                () -> assertEquals(sphereCc, Double.parseDouble(mrPtv.get("original_shape_MeshVolume")) / 1000,
                        0.1 * sphereCc, "the 25 mm PTV sphere on the MR"),
                // normalised intensities: the PTV (brighter than the body) has a positive mean z-score
                () -> assertTrue(Double.parseDouble(mrPtv.get("original_firstorder_Mean")) > 0
                        && Double.parseDouble(mrPtv.get("original_firstorder_Mean")) < 10,
                        mrPtv.get("original_firstorder_Mean")),
                () -> assertTrue(DemoMr.MR_PTV > DemoMr.MR_BODY));
    }
}
