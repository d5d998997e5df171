package rt.web.internal.view;

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
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CohortFolder;
import rt.course.CohortManifest;
import rt.course.CourseFolder;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtStructWriter;
import rt.testsupport.SurefireStyleSummary;

/**
 * A course folder written by the producers' own writers (cohort manifest, RTSTRUCT writer, a segmentation model's
 * label map and manifest): the viewer finds both sets' ROIs, and a drawn ROI's outline lies on its contour.
 */
@ExtendWith(SurefireStyleSummary.class)
class CourseStructuresTest {

    @TempDir
    Path out;

    @Test
    void manualAndSegmentedRoisAreFoundAndOutlinedWhereTheyLie() throws Exception {
        Grid g = Grid.axisAligned(40, 40, 10, new double[] {-39, -39, -9}, new double[] {2, 2, 2});
        Volume ct = new Volume(g, new float[g.nx() * g.ny() * g.nz()], Quantity.HU);
        CourseFolder folder = CourseFolder.of(out, "P1/C1");
        java.nio.file.Files.createDirectories(folder.dir());
        // manual: a 20 mm square PTV (x, y in -10..10 mm) on every plane
        PatientStudy ps = PatientStudy.newStudy("P1", "P^One");
        String forUid = Uids.create();
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), forUid));
        List<Contour> ptv = new ArrayList<>();
        for (int k = 0; k < g.nz(); k++) {
            double z = g.indexToWorld(0, 0, k)[2];
            ptv.add(Contour.closed(new double[] {-10, -10, z, 10, -10, z, 10, 10, z, -10, 10, z}));
        }
        rs.addRoi("PTV", "PTV", new int[] {255, 0, 0}, ptv);
        rs.write(folder.dir().resolve("RS.dcm"));
        Course c = new Course("P1", "C1", "P1/C1", null, 1, forUid, null, null, null,
                List.of(new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "x", null, forUid, "RS.dcm", null)), Map.of());
        CohortManifest.write(CohortFolder.of(out), List.of(c));
        // segmentation: label 1 "rectum" = voxels i, j in 2..5 on every plane
        short[] labels = new short[g.nx() * g.ny() * g.nz()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 2; j <= 5; j++) {
                for (int i = 2; i <= 5; i++) {
                    labels[g.index(i, j, k)] = 1;
                }
            }
        }
        // label 2 "bladder" = i, j in 30..33 on planes 2..4 only
        for (int k = 2; k <= 4; k++) {
            for (int j = 30; j <= 33; j++) {
                for (int i = 30; i <= 33; i++) {
                    labels[g.index(i, j, k)] = 2;
                }
            }
        }
        ModelFolder seg = folder.model("total");
        rt.nifti.Nifti.write(seg.labels(), new LabelMap(g, labels, Map.of(1, "rectum", 2, "bladder")));
        new SegmentationManifest("total", null, null, null, null, "cpu", 1, null,
                List.of(new SegmentationManifest.Roi(1, "rectum", 0, 0), new SegmentationManifest.Roi(2, "bladder", 0, 0)),
                Map.of()).write(seg);

        CourseStructures.Loaded loaded = CourseStructures.load(out, "P1/C1", g);
        assertEquals(List.of(), loaded.problems());
        assertEquals(List.of("PTV[manual]", "rectum[segmentation:total]", "bladder[segmentation:total]"),
                loaded.structures().stream().map(s -> s.name() + "[" + s.source() + "]").toList());
        // each label's mask is its bounding box on the CT lattice: 4×4×3 voxels from (30, 30, 2), all inside
        rt.api.image.Mask bladder = loaded.structures().get(2).mask();
        assertEquals(48, bladder.count());
        assertEquals(48, bladder.grid().voxelCount());
        assertEquals(List.of(30, 30, 2), java.util.Arrays.stream(rt.imaging.Grids.offset(g, bladder.grid())).boxed()
                .toList());

        List<SliceRenderer.Contour> both = loaded.structures().subList(0, 2).stream()
                .map(s -> new SliceRenderer.Contour(s.mask(), s.rgb())).toList();
        SliceRenderer.Image img = new SliceRenderer(40, 400, 0.1).render(ct, null, SliceRenderer.Plane.AXIAL, 5, 0,
                both, new double[0]);
        int ptvColour = 0xFF000000 | loaded.structures().get(0).rgb();
        int rectumColour = 0xFF000000 | loaded.structures().get(1).rgb();
        // voxel centres x = -39 + 2i: the PTV (|x| <= 10) holds i = 15..24; its edge columns are 15 and 24
        int row = 20;
        for (int i = 0; i < 40; i++) {
            boolean edge = i == 15 || i == 24;
            assertEquals(edge, img.argb()[row * 40 + i] == ptvColour, "PTV column " + i);
        }
        // the rectum square's corners and edges (2..5) carry its colour, its inside (3..4) does not
        assertEquals(rectumColour, img.argb()[2 * 40 + 2]);
        assertEquals(rectumColour, img.argb()[5 * 40 + 3]);
        assertTrue(img.argb()[3 * 40 + 3] != rectumColour);
        assertEquals(12, img.outlinePixels()[1]);
        // the viewer opens at the PTV's centre: voxels 15..24 in x and y, all 10 planes
        assertEquals(List.of(19, 19, 4), java.util.Arrays.stream(CourseStructures.centre(loaded.structures(), g))
                .boxed().toList());
    }
}
