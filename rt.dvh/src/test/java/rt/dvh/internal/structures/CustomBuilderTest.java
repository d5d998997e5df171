package rt.dvh.internal.structures;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.Masks;
import rt.imaging.Rasterizer;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class CustomBuilderTest {

    /** 1 mm grid over [-40, 40]³ mm. */
    static final Grid GRID = Grid.axisAligned(81, 81, 81, new double[] {-40, -40, -40}, new double[] {1, 1, 1});

    /** Voxel centres with x ∈ [x0, x1], y ∈ [y0, y1], z ∈ [z0, z1] (all integers), as contours. */
    static Mask box(int x0, int x1, int y0, int y1, int z0, int z1) {
        List<double[]> cs = new ArrayList<>();
        double e = 0.4; // contours between voxel centres
        for (int z = z0; z <= z1; z++) {
            cs.add(new double[] {x0 - e, y0 - e, z, x1 + e, y0 - e, z, x1 + e, y1 + e, z, x0 - e, y1 + e, z});
        }
        return Rasterizer.mask(GRID, cs, 1.0);
    }

    /** {xmin, xmax, ymin, ymax, zmin, zmax} of the inside voxel centres, mm. */
    static double[] extent(Mask m) {
        int[] b = Masks.boundingBox(m);
        double[] lo = m.grid().indexToWorld(b[0], b[1], b[2]);
        double[] hi = m.grid().indexToWorld(b[3], b[4], b[5]);
        return new double[] {lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]};
    }

    static Map<String, Object> entry(String name, String op, List<String> sources, Object margin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("operation", op);
        m.put("source_structures", sources);
        if (margin != null) {
            m.put("margin", margin);
        }
        return m;
    }

    @Test
    void directional_margins_give_the_exact_extents_of_a_cube() {
        Mask cube = box(-10, 10, -10, 10, -10, 10);
        Map<String, Object> margin = new LinkedHashMap<>();
        margin.put("right_mm", 1);     // −x
        margin.put("left_mm", 2);      // +x
        margin.put("anterior_mm", 3);  // −y
        margin.put("posterior_mm", 4); // +y
        margin.put("inferior_mm", 5);  // −z
        margin.put("superior_mm", 6);  // +z
        List<CustomSpec> specs = CustomSpec.parseAll(List.of(entry("cube_prv", "union", List.of("Cube"), margin)),
                "test");
        CustomBuilder.Outcome o = new CustomBuilder(Map.of("Cube", cube)).build(specs).get(0);
        double[] ext = extent(o.mask());
        assertAll(
                () -> assertEquals(-11, ext[0], 1e-9, "right"),
                () -> assertEquals(12, ext[1], 1e-9, "left"),
                () -> assertEquals(-13, ext[2], 1e-9, "anterior"),
                () -> assertEquals(14, ext[3], 1e-9, "posterior"),
                () -> assertEquals(-15, ext[4], 1e-9, "inferior"),
                () -> assertEquals(16, ext[5], 1e-9, "superior"),
                () -> assertEquals("cube_prv", o.roiName()));
    }

    @Test
    void negative_directional_margin_shrinks_only_that_side() {
        Mask cube = box(-10, 10, -10, 10, -10, 10);
        List<CustomSpec> specs = CustomSpec.parseAll(List.of(entry("c", "union", List.of("cube"),
                Map.of("anterior_mm", -4, "left_mm", 3))), "test");
        double[] ext = extent(new CustomBuilder(Map.of("Cube", cube)).build(specs).get(0).mask());
        assertEquals(List.of(-10.0, 13.0, -6.0, 10.0, -10.0, 10.0),
                List.of(ext[0], ext[1], ext[2], ext[3], ext[4], ext[5]));
    }

    @Test
    void operations_and_results_as_later_sources() {
        Map<String, Mask> src = new LinkedHashMap<>();
        src.put("A", box(-10, 0, -5, 5, -5, 5));  // 11 × 11 × 11
        src.put("B", box(-3, 10, -5, 5, -5, 5));  // 14 × 11 × 11, overlap x ∈ [-3, 0]: 4 columns
        List<CustomSpec> specs = CustomSpec.parseAll(List.of(
                entry("U", "union", List.of("A", "B"), null),
                entry("I", "intersection", List.of("A", "B"), null),
                entry("S", "subtract", List.of("A", "B"), null),
                entry("X", "xor", List.of("A", "B"), null),
                entry("U_ring", "subtract", List.of("U", "I"), null)), "test");
        List<CustomBuilder.Outcome> out = new CustomBuilder(src).build(specs);
        int plane = 11 * 11;
        assertAll(
                () -> assertEquals(21 * plane, out.get(0).mask().count()),
                () -> assertEquals(4 * plane, out.get(1).mask().count()),
                () -> assertEquals(7 * plane, out.get(2).mask().count()),
                () -> assertEquals(17 * plane, out.get(3).mask().count()),
                () -> assertEquals(17 * plane, out.get(4).mask().count()));
    }

    @Test
    void missing_source_marks_a_union_partial_and_skips_the_rest() {
        Map<String, Mask> src = Map.of("iliac_artery_left", box(-5, 5, -5, 5, -5, 5));
        List<CustomSpec> specs = CustomSpec.parseAll(List.of(
                entry("iliac", "union", List.of("Iliac Artery Left", "iliac_artery_right"), 2.0),
                entry("cut", "subtract", List.of("iliac_artery_left", "bowel"), null),
                entry("later", "union", List.of("iliac"), null)), "test");
        List<CustomBuilder.Outcome> out = new CustomBuilder(src).build(specs);
        assertAll(
                () -> assertEquals("iliac__partial", out.get(0).roiName()),
                () -> assertEquals(List.of("iliac_artery_right"), out.get(0).missing()),
                () -> assertTrue(out.get(0).mask().count() > 11 * 11 * 11, "2 mm margin applied"),
                () -> assertFalse(out.get(1).built()),
                () -> assertNull(out.get(1).mask()),
                () -> assertTrue(out.get(1).skipped().contains("bowel"), out.get(1).skipped()),
                () -> assertTrue(out.get(2).built(), "a partial result is still a source"));
    }

    @Test
    void bad_definitions_are_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CustomSpec.parseAll(
                List.of(entry("x", "merge", List.of("a"), null)), "rt.yaml"));
        assertTrue(e.getMessage().contains("rt.yaml: entry 1 (x)") && e.getMessage().contains("merge"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CustomSpec.parseAll(
                List.of(entry("x", "union", List.of("a"), Map.of("up_mm", 3))), "rt.yaml"));
        assertTrue(e.getMessage().contains("up_mm"), e.getMessage());
    }
}
