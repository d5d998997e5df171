package rt.dvh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;

/** DVH math on cases that can be worked out by hand. */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class DvhSamplerTest {

    /** A 1 mm dose grid over [-30, 30]³ mm with dose = f(x, y, z) at the voxel centres. */
    static DoseField dose(java.util.function.DoubleUnaryOperator byX, java.util.function.DoubleUnaryOperator byZ) {
        int n = 61;
        Grid g = Grid.axisAligned(n, n, n, new double[] {-30, -30, -30}, new double[] {1, 1, 1});
        float[] v = new float[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[g.index(i, j, k)] = (float) (byX.applyAsDouble(-30 + i) + byZ.applyAsDouble(-30 + k));
                }
            }
        }
        return new DoseField(new Volume(g, v, Quantity.DOSE_GY));
    }

    /** Square contours of side 2·half centred at the origin on planes z0, z0+dz, …, z1. */
    static RoiPlanes cube(double half, double z0, double z1, double dz) {
        List<double[]> cs = new ArrayList<>();
        for (double z = z0; z <= z1 + 1e-9; z += dz) {
            cs.add(new double[] {-half, -half, z, half, -half, z, half, half, z, -half, half, z});
        }
        return RoiPlanes.of(cs);
    }

    @Test
    void uniform_dose_gives_a_step_dvh() {
        DoseField d = dose(x -> 2.0, z -> 0.0);
        // 20 mm square on planes -9..9 every 2 mm: slab model with half-slice end caps → 20 × 20 × 20 mm = 8 cc
        Dvh dvh = DvhSampler.compute(cube(10, -9, 9, 2), d, DvhSampler.Options.defaults());
        assertAll(
                () -> assertEquals(8.0, dvh.volumeCc(), 0.02),
                () -> assertEquals(2.0, dvh.minGy(), 1e-5),
                () -> assertEquals(2.0, dvh.maxGy(), 1e-5),
                () -> assertEquals(2.0, dvh.meanGy(), 1e-5),
                () -> assertEquals(2.0, dvh.doseAtVolumePct(50), 1e-4),
                () -> assertEquals(100.0, dvh.volumeAtLeastPct(1.999), 1e-6),
                () -> assertEquals(0.0, dvh.volumeAtLeastPct(2.001), 1e-6));
    }

    @Test
    void linear_gradient_through_a_cube() {
        // dose = 10 + 0.5·x Gy over a cube x ∈ [-10, 10]: uniform from 5 to 15 Gy
        DoseField d = dose(x -> 10 + 0.5 * x, z -> 0.0);
        Dvh dvh = DvhSampler.compute(cube(10, -9, 9, 2), d, DvhSampler.Options.defaults());
        assertAll(
                () -> assertEquals(10.0, dvh.doseAtVolumePct(50), 0.01, "D50 = centre dose"),
                () -> assertEquals(10.0, dvh.meanGy(), 0.01),
                () -> assertEquals(5.0, dvh.minGy(), 0.01),
                () -> assertEquals(15.0, dvh.maxGy(), 0.01),
                () -> assertEquals(5 + 10 * 0.98, dvh.doseAtVolumePct(2), 0.01, "D2 = 98th percentile"),
                () -> assertEquals(5 + 10 * 0.05, dvh.doseAtVolumePct(95), 0.01),
                () -> assertEquals(25.0, dvh.volumeAtLeastPct(12.5), 0.1, "V12.5Gy = a quarter"),
                // hottest 1 cc of 8 cc: the top 1/8 of the range
                () -> assertEquals(15 - 10.0 / 8, dvh.doseAtVolumeCc(1.0), 0.01),
                () -> assertEquals(10.0 * 8, dvh.integralDoseGyCc(), 0.2));
    }

    @Test
    void gradient_along_z_uses_the_end_caps() {
        // dose = 20 + z Gy; contours on z = -9 … 9 (2 mm) with caps → z ∈ [-10, 10] → dose 10 … 30 Gy
        DoseField d = dose(x -> 0.0, z -> 20 + z);
        Dvh dvh = DvhSampler.compute(cube(10, -9, 9, 2), d, DvhSampler.Options.defaults());
        assertAll(
                () -> assertEquals(10.0, dvh.minGy(), 1e-3),
                () -> assertEquals(30.0, dvh.maxGy(), 1e-3),
                () -> assertEquals(20.0, dvh.doseAtVolumePct(50), 0.02),
                () -> assertEquals(10 + 20 * 0.01, dvh.doseAtVolumePct(99), 0.03));
    }

    @Test
    void holes_are_subtracted_and_islands_in_holes_added() {
        DoseField d = dose(x -> 1.0, z -> 0.0);
        List<double[]> cs = new ArrayList<>();
        for (double z = -4; z <= 4; z += 2) {
            cs.add(square(10, z)); // 20×20
            cs.add(square(5, z));  // hole 10×10
            cs.add(square(2, z));  // island 4×4
        }
        Dvh dvh = DvhSampler.compute(RoiPlanes.of(cs), d, DvhSampler.Options.defaults());
        // (400 − 100 + 16) mm² × 10 mm (5 planes × 2 mm incl. caps) = 3.16 cc; the sub-cell outline rounds each of
        // the 12 right-angle corners a little (< 1 % here)
        assertEquals(3.16, dvh.volumeCc(), 3.16 * 0.01);
    }

    @Test
    void a_sphere_between_coarse_planes_keeps_its_volume() {
        // r = 12 mm contoured every 3 mm: slab stacking loses 1.6 %, the squared-radius interpolation much less
        DoseField d = dose(x -> 1.0, z -> 0.0);
        List<double[]> cs = new ArrayList<>();
        for (double z = -12; z <= 12; z += 3) {
            double r = Math.max(Math.sqrt(144 - z * z), 0.1);
            double[] c = new double[3 * 180];
            for (int p = 0; p < 180; p++) {
                double a = 2 * Math.PI * p / 180;
                c[3 * p] = r * Math.cos(a);
                c[3 * p + 1] = r * Math.sin(a);
                c[3 * p + 2] = z;
            }
            cs.add(c);
        }
        Dvh dvh = DvhSampler.compute(RoiPlanes.of(cs), d, DvhSampler.Options.defaults());
        double exact = 4.0 / 3 * Math.PI * 1728 / 1000;
        assertTrue(Math.abs(dvh.volumeCc() / exact - 1) < 0.02, "volume " + dvh.volumeCc() + " vs " + exact);
    }

    @Test
    void outside_the_dose_grid_counts_as_zero_dose() {
        DoseField d = dose(x -> 5.0, z -> 0.0);
        // contours z ∈ [20, 40]: caps → [19, 41]; the grid ends at z = 30.5 → half of 22 mm is outside
        Dvh dvh = DvhSampler.compute(cube(5, 20, 40, 2), d, DvhSampler.Options.defaults());
        assertEquals(0.0, dvh.minGy(), 1e-9);
        assertEquals(100.0 * 11.5 / 22, dvh.volumeAtLeastPct(4.9), 0.5);
    }

    @Test
    void copied_contours_give_the_same_dvh_as_rebuilt_planes() {
        DoseField d = DvhSamplerTest.dose(x -> 10 + 0.3 * x, z -> 0.1 * z);
        RoiPlanes copied = DvhSamplerTest.cube(8, -6, 6, 1.5);
        // the same planes, each with a vertex moved by 1e-9 mm: no plane equals its neighbour any more
        java.util.List<double[]> cs = new java.util.ArrayList<>();
        for (int k = 0; k < copied.planeCount(); k++) {
            double[][] p = copied.polygons().get(k).get(0);
            double[] c = new double[3 * p[0].length];
            for (int n = 0; n < p[0].length; n++) {
                c[3 * n] = p[0][n] + (n == 0 ? 1e-9 * k : 0);
                c[3 * n + 1] = p[1][n];
                c[3 * n + 2] = copied.z()[k];
            }
            cs.add(c);
        }
        Dvh a = DvhSampler.compute(copied, d, DvhSampler.Options.defaults());
        Dvh b = DvhSampler.compute(RoiPlanes.of(cs), d, DvhSampler.Options.defaults());
        assertEquals(b.volumeCc(), a.volumeCc(), 1e-6);
        assertEquals(b.meanGy(), a.meanGy(), 1e-6);
        assertEquals(b.doseAtVolumePct(95), a.doseAtVolumePct(95), 1e-6);
        assertEquals(b.minGy(), a.minGy(), 1e-6);
        assertEquals(b.maxGy(), a.maxGy(), 1e-6);
    }

    @Test
    void end_caps_and_between_planes_are_configurable() {
        DoseField d = dose(x -> 2.0, z -> 0.0);
        RoiPlanes cube = cube(10, -9, 9, 2); // 20 mm squares on planes -9 … 9
        java.util.function.Function<String[], Double> cc = m -> DvhSampler.compute(cube, d,
                DvhSampler.Options.defaults().withModel(DvhSampler.Model.of(m[0], m[1]))).volumeCc();
        assertAll(
                () -> assertEquals(8.0, cc.apply(new String[] {"interpolate", "taper"}), 0.02, "half a spacing"),
                () -> assertEquals(8.0, cc.apply(new String[] {"interpolate", "extrude"}), 0.02),
                () -> assertEquals(7.2, cc.apply(new String[] {"interpolate", "none"}), 0.02, "ends at the planes"),
                () -> assertEquals(8.0, cc.apply(new String[] {"nearest", "extrude"}), 0.02),
                () -> assertEquals(7.2, cc.apply(new String[] {"NEAREST", "None"}), 0.02));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DvhSampler.Model.of("linear", "taper"));
        assertTrue(e.getMessage().startsWith("between_planes: 'linear' is not one of"), e.getMessage());
    }

    @Test
    void a_tilted_cylinder_is_not_pinched_between_its_planes() {
        // r = 5 mm, axis tilted 45° in x: each plane's ellipse is its neighbour shifted by the spacing; without the
        // centroid alignment the blend narrows it half-way between planes (r² − t(1−t)·3² at 3 mm)
        DoseField d = dose(x -> 1.0, z -> 0.0);
        List<double[]> cs = new ArrayList<>();
        for (double z = -9; z <= 9 + 1e-9; z += 3) {
            double[] c = new double[3 * 180];
            for (int p = 0; p < 180; p++) {
                double a = 2 * Math.PI * p / 180;
                c[3 * p] = z + 5 * Math.sqrt(2) * Math.cos(a); // section of the tilted cylinder: an ellipse
                c[3 * p + 1] = 5 * Math.sin(a);
                c[3 * p + 2] = z;
            }
            cs.add(c);
        }
        Dvh dvh = DvhSampler.compute(RoiPlanes.of(cs), d, DvhSampler.Options.defaults());
        double exact = Math.PI * 5 * 5 * Math.sqrt(2) * 21 / 1000; // ellipse area × (7 planes × 3 mm)
        assertEquals(exact, dvh.volumeCc(), exact * 0.01);
    }

    static double[] square(double half, double z) {
        return new double[] {-half, -half, z, half, -half, z, half, half, z, -half, half, z};
    }
}
