package rt.organize.internal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.Contour;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.testsupport.SurefireStyleSummary;

/**
 * {@code rt:demo --defects} without OSGi: the extra patient's files carry the three planted QC defects (a CT slice
 * missing, the PTV partly outside the dose grid, an ROI without contours) and the normal patients carry none.
 */
@ExtendWith(SurefireStyleSummary.class)
class DemoDefectsTest {

    @TempDir
    Path tmp;

    @Test
    void theDefectPatientComesAfterTheNormalOnes() {
        List<DemoCohort.PatientSpec> s = DemoCohort.specs(3, true);
        assertEquals(4, s.size());
        assertEquals(List.of(DemoCohort.Kind.PLAIN, DemoCohort.Kind.BOOST, DemoCohort.Kind.REPLAN,
                DemoCohort.Kind.DEFECTS), s.stream().map(DemoCohort.PatientSpec::kind).toList());
        assertEquals("DEMO004", s.get(3).patientId());
        assertEquals(DemoCohort.specs(3), DemoCohort.specs(3, false), "without --defects the cohort is unchanged");
        assertEquals(1, s.get(3).plans().size());
    }

    @Test
    void theDefectPatientsFilesCarryTheDefectsAndTheOthersDoNot() throws Exception {
        DemoCohort.Written w = DemoCohort.write(tmp, 3, true);
        assertEquals(4, w.patients().size());
        for (DemoCohort.PatientSpec p : w.patients()) {
            boolean defects = p.kind() == DemoCohort.Kind.DEFECTS;
            Path dir = tmp.resolve(p.patientId());
            String who = p.patientId();

            // 1. CT slices: one position missing in the middle → a gap of twice the spacing.
            double[] z = ctSliceZ(dir);
            assertEquals(defects ? Phantom.CT_SLICES - 1 : Phantom.CT_SLICES, z.length, who);
            double[] gaps = new double[z.length - 1];
            for (int k = 0; k < gaps.length; k++) {
                gaps[k] = z[k + 1] - z[k];
            }
            long wide = Arrays.stream(gaps).filter(g -> g > 1.5 * Phantom.CT_SLICE).count();
            assertEquals(defects ? 1 : 0, wide, who + ": gaps " + Arrays.toString(gaps));
            if (defects) {
                double missing = Phantom.ctOrigin(2) + DemoCohort.DEFECT_MISSING_SLICE * Phantom.CT_SLICE;
                assertTrue(Arrays.stream(z).noneMatch(v -> Math.abs(v - missing) < 1e-6), "slice z=" + missing);
                assertTrue(z[0] < missing && missing < z[z.length - 1], "the gap is inside the series");
            }

            // 2. Empty ROI: declared, without contours; every other ROI has contours.
            RtStruct rs = RtStructReader.read(dir.resolve("RS.dcm"));
            List<String> empty = rs.rois().stream().filter(r -> r.contours().isEmpty()).map(Roi::name).toList();
            assertEquals(defects ? List.of(DemoCohort.DEFECT_EMPTY_ROI) : List.of(), empty, who);

            // 3. Dose grid vs PTV: the fraction of the PTV's contour area on planes outside the grid's z range.
            Roi ptv = rs.roi("PTV").orElseThrow();
            for (int n = 0; n < p.plans().size(); n++) {
                Grid g = RtDoseReader.read(dir.resolve("RD." + (n + 1) + ".dcm")).volume().grid();
                double outside = fractionOutsideSlab(ptv, g);
                if (defects) {
                    // QC fails a target with more than 1 % outside; the planes z = -22.5 … -13.5 lie below the grid.
                    assertTrue(outside > 0.10 && outside < 0.30, who + ": PTV outside the dose grid " + outside);
                    assertTrue(inPlaneInside(ptv, g), "the cut is along z only");
                } else {
                    assertEquals(0.0, outside, who);
                    assertTrue(inPlaneInside(ptv, g), who);
                }
            }
        }
    }

    /** Sorted ImagePositionPatient z of the CT files in {@code dir}. */
    private static double[] ctSliceZ(Path dir) throws Exception {
        List<Path> cts;
        try (Stream<Path> s = Files.list(dir)) {
            cts = s.filter(f -> f.getFileName().toString().startsWith("CT.")).sorted().toList();
        }
        double[] z = new double[cts.size()];
        for (int i = 0; i < z.length; i++) {
            var h = DicomReader.readHeader(cts.get(i)).dataset();
            assertEquals("CT", h.getString(Tag.Modality));
            z[i] = h.getDoubles(Tag.ImagePositionPatient)[2];
        }
        Arrays.sort(z);
        return z;
    }

    /** Fraction of the ROI's contour area (planes weighted by area) whose plane lies outside the grid's z range. */
    private static double fractionOutsideSlab(Roi roi, Grid g) {
        double zLo = g.indexToWorld(0, 0, 0)[2];
        double zHi = g.indexToWorld(0, 0, g.nz() - 1)[2];
        double total = 0;
        double outside = 0;
        for (Contour c : roi.contours()) {
            double a = area(c.points());
            total += a;
            if (c.z() < zLo - 1e-6 || c.z() > zHi + 1e-6) {
                outside += a;
            }
        }
        assertTrue(total > 0);
        return outside / total;
    }

    /** Every contour point lies within the grid's x/y extent (voxel centres of the outermost columns/rows). */
    private static boolean inPlaneInside(Roi roi, Grid g) {
        double[] lo = g.indexToWorld(0, 0, 0);
        double[] hi = g.indexToWorld(g.nx() - 1, g.ny() - 1, 0);
        for (Contour c : roi.contours()) {
            double[] p = c.points();
            for (int i = 0; i < p.length; i += 3) {
                if (p[i] < lo[0] || p[i] > hi[0] || p[i + 1] < lo[1] || p[i + 1] > hi[1]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double area(double[] p) {
        int n = p.length / 3;
        double s = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += p[3 * i] * p[3 * j + 1] - p[3 * j] * p[3 * i + 1];
        }
        return Math.abs(s) / 2;
    }

    @Test
    void withoutDefectsNoPatientIsOfTheDefectKind() throws Exception {
        DemoCohort.Written w = DemoCohort.write(tmp, 1);
        assertEquals(1, w.patients().size());
        assertFalse(Files.exists(tmp.resolve("DEMO002")));
        assertEquals(Phantom.CT_SLICES + 1 + 2, w.files());
    }
}
