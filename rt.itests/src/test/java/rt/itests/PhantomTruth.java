package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rt.course.CourseFolder;

/**
 * The closed-form truth of the demo phantom (rt.organize/PHANTOM.md) in the tables a user reads, with the tolerances
 * stated there: the PTV far from the dose step at the ±1 % level (Nelms et al. allow 3 %), organs at the level of
 * their voxel and polygon discretisation, margins as measured between voxel centres (4–6 % smaller volumes).
 */
final class PhantomTruth {

    /** PTV sphere r = 25 mm; lungs ellipsoids 30 × 40 × 60 mm; boost course dose scale (50 + 16) / 50. */
    static final double PTV_CC = 65.450;
    static final double LUNG_CC = 301.593;
    static final double BOOST = 1.32;

    private PhantomTruth() {
    }

    static void check(Path out) throws Exception {
        plainCourse(CourseFolder.of(out, "DEMO001/2024-03"), 1.0);
        plainCourse(CourseFolder.of(out, "DEMO003/2024-03"), 1.0);
        // the boost sum: PTV dose scaled by 1.32 (both grids cover it)
        CourseFolder boost = CourseFolder.of(out, "DEMO002/2024-03");
        List<Map<String, String>> dvh = Tables.read(boost.dvhMetrics());
        Map<String, String> ptv = Tables.row(dvh, "manual", "PTV", boost.dvhMetrics());
        near(66.000, Tables.number(ptv, "dmean_gy"), 0.005, "DEMO002 PTV Dmean (boost sum)");
        near(64.797, Tables.number(ptv, "d95_gy"), 0.01, "DEMO002 PTV D95 (boost sum)");
        near(50.0 * BOOST + 0.05 * 25 * BOOST, Tables.number(ptv, "dmax_gy"), 0.01, "DEMO002 PTV Dmax (boost sum)");
    }

    private static void plainCourse(CourseFolder course, double s) throws Exception {
        String at = course.dir().getParent().getFileName() + " ";
        List<Map<String, String>> dvh = Tables.read(course.dvhMetrics());
        Map<String, String> ptv = Tables.row(dvh, "manual", "PTV", course.dvhMetrics());
        near(PTV_CC, Tables.number(ptv, "volume_cc"), 0.01, at + "PTV volume");
        near(50.000 * s, Tables.number(ptv, "dmean_gy"), 0.005, at + "PTV Dmean");
        near(49.088 * s, Tables.number(ptv, "d95_gy"), 0.01, at + "PTV D95");
        near(51.040 * s, Tables.number(ptv, "d2_gy"), 0.01, at + "PTV D2");
        near(48.750 * s, Tables.number(ptv, "dmin_gy"), 0.01, at + "PTV Dmin");
        near(51.250 * s, Tables.number(ptv, "dmax_gy"), 0.01, at + "PTV Dmax");
        for (String lung : List.of("LUNG_L", "LUNG_R")) {
            Map<String, String> r = Tables.row(dvh, "manual", lung, course.dvhMetrics());
            near(LUNG_CC, Tables.number(r, "volume_cc"), 0.01, at + lung + " volume");
            near(10.000, Tables.number(r, "dmean_gy"), 0.005, at + lung + " Dmean");
            near(7.000, Tables.number(r, "dmin_gy"), 0.01, at + lung + " Dmin");
            near(13.000, Tables.number(r, "dmax_gy"), 0.01, at + lung + " Dmax");
        }
        Map<String, String> spine = Tables.row(dvh, "manual", "SPINE", course.dvhMetrics());
        near(10.000, Tables.number(spine, "dmean_gy"), 0.005, at + "SPINE Dmean");
        // BODY and SPINE are cut by the CT: between the plane-to-plane and the slab convention (PHANTOM.md)
        within(4146.90 * 147 / 150, 4146.90, Tables.number(Tables.row(dvh, "manual", "BODY", course.dvhMetrics()),
                "volume_cc"), 0.01, at + "BODY volume");
        within(6.25, 6.325, Tables.number(spine, "dmin_gy"), 0.01, at + "SPINE Dmin");

        // custom structures: unions are sums, margins as measured between voxel centres
        double lungL = Tables.number(Tables.row(dvh, "manual", "LUNG_L", course.dvhMetrics()), "volume_cc");
        double lungR = Tables.number(Tables.row(dvh, "manual", "LUNG_R", course.dvhMetrics()), "volume_cc");
        near(lungL + lungR, Tables.number(Tables.row(dvh, "custom", "LUNGS", course.dvhMetrics()), "volume_cc"),
                0.01, at + "LUNGS = LUNG_L + LUNG_R");
        double ptv10 = Tables.number(Tables.row(dvh, "custom", "PTV_10", course.dvhMetrics()), "volume_cc");
        within(0.93 * 179.594, 179.594, ptv10, 0, at + "PTV_10 volume (sphere r = 35, voxel-centre margins)");
        near(ptv10 - Tables.number(ptv, "volume_cc"),
                Tables.number(Tables.row(dvh, "custom", "RING_PTV", course.dvhMetrics()), "volume_cc"), 0.03,
                at + "RING_PTV = PTV_10 - PTV");

        // radiomics on the same ROIs: CT numbers of the phantom and the margins' extents
        List<Map<String, String>> rad = Tables.read(course.radiomics());
        Map<String, String> ptvRad = Tables.row(rad, "manual", "PTV", course.radiomics());
        assertEquals(40.0, Tables.number(ptvRad, "original_firstorder_Median"), 1.0, at + "PTV median HU");
        near(PTV_CC * 1000, Tables.number(ptvRad, "original_shape_VoxelVolume"), 0.03, at + "PTV voxel volume mm3");
        assertEquals(-800.0, Tables.number(Tables.row(rad, "manual", "LUNG_L", course.radiomics()),
                "original_firstorder_Median"), 8.0, at + "LUNG_L median HU");
        double d0 = Tables.number(ptvRad, "original_shape_Maximum3DDiameter");
        for (int margin : new int[] {10, 20}) {
            double d = Tables.number(Tables.row(rad, "custom", "PTV_" + margin, course.radiomics()),
                    "original_shape_Maximum3DDiameter");
            assertEquals(margin, (d - d0) / 2, 1.5, at + "PTV_" + margin + " margin from the diameters " + d + " - "
                    + d0);
        }
    }

    private static void near(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.abs(expected),
                what + ": " + actual + ", expected " + expected + " ± " + relative * 100 + " %");
    }

    private static void within(double low, double high, double actual, double relative, String what) {
        assertTrue(actual >= low * (1 - relative) && actual <= high * (1 + relative),
                what + ": " + actual + ", expected " + low + " … " + high + " ± " + relative * 100 + " %");
    }
}
