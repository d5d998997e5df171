package rt.dvh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where end caps close, from section measures worked out by hand for solids with a known end. */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class EndCapTest {

    static final double S = 3; // contour spacing (mm)

    @Test
    void sphere_pole_from_three_planes() {
        // sphere of radius 10, end plane 1.7 mm from the pole: depth = extent = √(R² − h²)
        double[] m = new double[3];
        for (int k = 0; k < 3; k++) {
            double h = 10 - 1.7 - k * S;
            m[k] = Math.sqrt(100 - h * h);
        }
        EndCap cap = EndCap.of(m[0], m[1], m[2], m[0], m[1], m[2], S, S, S, false);
        assertNotNull(cap);
        assertEquals(1.7, cap.reach(), 1e-9);
        assertEquals(0, cap.depthAt(1.7), 1e-9);
    }

    @Test
    void tube_lying_across_the_planes_closes_where_its_extent_does() {
        // torus (tube radius 5, centre line radius 12) lying across the planes, end plane δ = 2.5 mm above its
        // lowest point: the depth is the tube's half width √(25 − (5 − δ)²) and is the tube's radius already one
        // plane further in, so its own trend does not close; the extent √(17² − (17 − δ)²) does, at δ = 0
        double[] m = new double[3];
        double[] e = new double[3];
        for (int k = 0; k < 3; k++) {
            double d = 2.5 + k * S;
            m[k] = d < 5 ? Math.sqrt(25 - (5 - d) * (5 - d)) : 5;
            e[k] = Math.sqrt(289 - (17 - d) * (17 - d));
        }
        assertNull(EndCap.of(m[0], m[1], m[2], 100, 100, 100, S, S, S, false), "the depth alone does not close");
        EndCap cap = EndCap.of(m[0], m[1], m[2], e[0], e[1], e[2], S, S, S, false);
        assertNotNull(cap);
        assertEquals(2.5, cap.reach(), 1e-9);
        assertEquals(m[0], cap.depthAt(0), 1e-9);
    }

    @Test
    void ring_closes_by_its_depth_and_a_flat_face_not_at_all() {
        // the top of a torus lying in the planes: an annulus whose width closes as a dome, its extent does not
        double[] m = new double[3];
        double[] e = new double[3];
        for (int k = 0; k < 3; k++) {
            double h = 5 - 1.2 - k * S;
            m[k] = Math.sqrt(25 - h * h);
            e[k] = 12 + m[k];
        }
        EndCap ring = EndCap.of(m[0], m[1], m[2], e[0], e[1], e[2], S, S, S, false);
        assertNotNull(ring);
        assertEquals(1.2, ring.reach(), 1e-9);
        assertNull(EndCap.of(8, 8, 8, 8, 8, 8, S, S, S, false), "a cylinder's flat face");
    }

    @Test
    void oblique_face_closes_from_one_side() {
        // the trace of an oblique flat face sweeping across a section of width 18 mm at 2.48 mm per mm of z, end
        // plane 2.75 mm from where the face leaves the structure: the section is a segment of sagitta h and depth
        // h/2, which one plane further in is already bounded by the width (9 mm); the extent does not close
        double[] m = new double[3];
        for (int k = 0; k < 3; k++) {
            m[k] = Math.min(9, 2.48 * (2.75 + k * S) / 2);
        }
        EndCap cap = EndCap.of(m[0], m[1], m[2], 100, 100, 100, S, S, S, true);
        assertNotNull(cap);
        assertEquals(2.75, cap.reach(), 1e-9);
        // read as a section closing from both sides, the bounded third plane looks like a dome, closing far too soon
        EndCap both = EndCap.of(m[0], m[1], m[2], 100, 100, 100, S, S, S, false);
        assertTrue(both == null || both.reach() < 2, "two-sided reading: " + both);
    }

    @Test
    void holes_filled_and_extent_from_the_centroid() {
        double[][] outer = square(0, 0, 10);
        double[][] hole = square(0, 0, 4);
        List<double[][]> annulus = List.of(outer, hole);
        List<double[][]> filled = EndCap.outerLoops(annulus);
        assertEquals(1, filled.size());
        assertSame(outer, filled.get(0));
        assertEquals(Math.sqrt(50), EndCap.extent(filled), 1e-9);
        // a ring and two islands do not shrink towards their centroid, which lies outside them
        assertTrue(Double.isNaN(EndCap.extent(annulus)));
        List<double[][]> two = List.of(square(-10, 0, 2), square(10, 0, 2));
        assertEquals(two, EndCap.outerLoops(two));
        assertTrue(Double.isNaN(EndCap.extent(two)));
    }

    /** An axis-aligned square of side a centred at (cx, cy), as {xs, ys}. */
    private static double[][] square(double cx, double cy, double a) {
        double h = a / 2;
        return new double[][] {{cx - h, cx + h, cx + h, cx - h}, {cy - h, cy - h, cy + h, cy + h}};
    }
}
