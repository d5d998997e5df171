package rt.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.LabelMap;
import rt.course.CourseFolder;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtStructWriter;
import rt.nifti.Nifti;
import rt.testsupport.SurefireStyleSummary;

/** A course folder with ct.nii.gz, an RTSTRUCT and a segmentation: the report draws manual and auto structures. */
@ExtendWith(SurefireStyleSummary.class)
class FileImageSourceTest {

    @TempDir
    Path out;

    @Test
    void drawsManualAndAutomaticStructuresFromTheCourseFiles() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = Fixtures.course(out, "P1", "C1", 2);
        SyntheticCt s = new SyntheticCt(64, 64, 30, 2.0, 3.0);
        Nifti.write(dir.resolve("ct.nii.gz"), s.ct);
        // auto: label 1 = the synthetic "rectum" overlay
        short[] labels = new short[s.ct.voxels().length];
        boolean[] auto = s.overlays.get(2).mask().inside();
        for (int n = 0; n < labels.length; n++) {
            labels[n] = (short) (auto[n] ? 1 : 0);
        }
        // the model's outputs through the course contract that the segmentation stages write with
        ModelFolder seg = new CourseFolder(dir).model("total");
        Nifti.write(seg.labels(), new LabelMap(s.ct.grid(), labels, Map.of(1, "rectum")));
        new SegmentationManifest("total", null, null, null, null, "cpu", 1, null,
                List.of(new SegmentationManifest.Roi(1, "rectum", 0, 0)), Map.of()).write(seg);
        // manual: a square PTV on 5 planes around the centre
        PatientStudy ps = PatientStudy.newStudy("P1", "P^One");
        String forUid = Uids.create();
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), forUid));
        List<Contour> ptv = new ArrayList<>();
        for (int k = 13; k <= 17; k++) {
            double z = s.ct.grid().indexToWorld(0, 0, k)[2];
            ptv.add(Contour.closed(new double[] {-10, -10, z, 10, -10, z, 10, 10, z, -10, 10, z}));
        }
        rs.addRoi("PTV", "PTV", new int[] {255, 0, 0}, ptv);
        rs.addRoi("Couch", "SUPPORT", new int[] {0, 0, 255}, List.of(ptv.get(0)));
        rs.write(dir.resolve("RS.dcm"));
        Course c = new Course("P1", "C1", "P1/C1", null, 1, forUid, null, null, null,
                List.of(new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "x", null, forUid, "RS.dcm", null)), Map.of());
        CourseDir cd = new CourseDir("P1", "C1", "P1/C1", dir, c);
        // the dose as organize writes it: dose.nii.gz on its own grid, 50 Gy in a block around the centre
        rt.api.image.Grid dg = rt.api.image.Grid.axisAligned(20, 20, 10, new double[] {-38, -38, -27},
                new double[] {4, 4, 6});
        float[] dv = new float[(int) dg.voxelCount()];
        for (int k = 3; k < 7; k++) {
            for (int j = 7; j < 13; j++) {
                for (int i = 7; i < 13; i++) {
                    dv[dg.index(i, j, k)] = 50f;
                }
            }
        }
        Nifti.write(new CourseFolder(dir).dose(), new rt.api.image.Volume(dg, dv, rt.api.image.Quantity.DOSE_GY));
        ReportPage.Images images = CourseImages.load(new FileImageSource(), cd);
        assertEquals(5, images.slices().size(), String.valueOf(images.note()));
        List<String> legend = images.legend().stream().filter(l -> !l.source().startsWith("isodose"))
                .map(l -> l.name() + "[" + l.source() + "]").toList();
        assertEquals(List.of("30 % (15.0 Gy)", "50 % (25.0 Gy)", "80 % (40.0 Gy)", "95 % (47.5 Gy)"),
                images.legend().stream().filter(l -> l.source().equals("isodose of max 50.0 Gy")).map(l -> l.name())
                        .toList());
        assertEquals(List.of("PTV[manual]", "rectum[segmentation:total]"), legend, String.valueOf(images.note()));
        String html = ReportPage.render(cd, images, "t");
        assertTrue(html.contains("segmentation:total"));
    }
}
