package rt.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class RasterizerTest {

    /** 1 mm grid, voxel centres at integer mm, 40 x 40 x 11 voxels from (0,0,0). */
    static final Grid GRID = Grid.axisAligned(40, 40, 11, new double[] {0, 0, 0}, new double[] {1, 1, 1});

    /** An axis-aligned rectangle at height z, counter-clockwise unless reversed. */
    static double[] rect(double x0, double y0, double x1, double y1, double z, boolean reversed) {
        double[] p = {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z};
        if (!reversed) {
            return p;
        }
        return new double[] {x0, y0, z, x0, y1, z, x1, y1, z, x1, y0, z};
    }

    @Test
    void squareOnVoxelFacesCoversExactlyItsVoxels() {
        // 10 mm square with edges on voxel faces (centres at 5..14): 10 x 10 voxels.
        Mask m = Rasterizer.mask(GRID, List.of(rect(4.5, 4.5, 14.5, 14.5, 3, false)));
        assertEquals(100, m.count());
        assertEquals(0.1, m.volumeCc(), 1e-12);
        assertArrayEquals(new int[] {0, 0, 0, 9, 9, 0}, Masks.boundingBox(m));
        assertArrayEquals(new double[] {5, 5, 3}, m.grid().indexToWorld(0, 0, 0), 1e-9);
    }

    @Test
    void edgesThroughVoxelCentresFollowTheHalfOpenRule() {
        // Edges at x = 0 and x = 10 pass through centres: left/bottom inside, right/top outside → 10 x 10.
        Mask m = Rasterizer.mask(GRID, List.of(rect(0, 0, 10, 10, 0, true)));
        assertEquals(100, m.count());
    }

    @Test
    void holesSubtractAndIslandsInHolesAdd() {
        double[] outer = rect(4.5, 4.5, 24.5, 24.5, 5, false); // 20 x 20 = 400
        double[] hole = rect(9.5, 9.5, 19.5, 19.5, 5, false); // 10 x 10 = 100, same orientation on purpose
        double[] island = rect(12.5, 12.5, 16.5, 16.5, 5, true); // 4 x 4 = 16
        assertEquals(300, Rasterizer.mask(GRID, List.of(outer, hole)).count());
        assertEquals(316, Rasterizer.mask(GRID, List.of(hole, island, outer)).count());
    }

    @Test
    void supersampledOccupancyOfAHalfCoveredVoxelIsOneHalf() {
        // Voxel (10, 10) spans [9.5, 10.5]²; the polygon covers x in [9.5, 10] of it, all of y.
        for (int s : new int[] {2, 4, 8}) {
            Occupancy o = Rasterizer.occupancy(GRID, List.of(rect(9.5, 9.5, 10, 10.5, 0, false)), s, Double.NaN);
            assertEquals(1, o.grid().nx());
            assertEquals(0.5f, o.fraction()[0], 0f, "subdivisions " + s);
            assertEquals(0.0005, o.volumeCc(), 1e-12);
        }
        // A quarter: both halves.
        Occupancy q = Rasterizer.occupancy(GRID, List.of(rect(9.5, 9.5, 10, 10, 0, false)), 4, Double.NaN);
        assertEquals(0.25f, q.fraction()[0], 0f);
    }

    @Test
    void supersampledAreaOfATriangleConverges() {
        // Right triangle with legs 10 mm: area 50 mm²; 16x16 sampling per voxel.
        double[] tri = {4.5, 4.5, 0, 14.5, 4.5, 0, 4.5, 14.5, 0};
        Occupancy o = Rasterizer.occupancy(GRID, List.of(tri), 16, Double.NaN);
        assertEquals(0.050, o.volumeCc(), 0.050 * 0.01);
    }

    @Test
    void contourPlanesActAsSlabsOnAFinerGrid() {
        // Contours every 3 mm at z = 3, 6 on a 1 mm grid: slabs [1.5, 7.5] → planes z = 2..7 (1.5 and 7.5 are
        // exactly half-way: included).
        List<double[]> cs = List.of(rect(4.5, 4.5, 6.5, 6.5, 3, false), rect(4.5, 4.5, 8.5, 6.5, 6, false));
        Mask m = Rasterizer.mask(GRID, cs);
        int[] box = Masks.boundingBox(m);
        double[] lo = m.grid().indexToWorld(box[0], box[1], box[2]);
        double[] hi = m.grid().indexToWorld(box[3], box[4], box[5]);
        assertEquals(2, lo[2], 1e-9);
        assertEquals(7, hi[2], 1e-9);
        // z = 2, 3, 4 take the plane at 3 (2x2 = 4 voxels); z = 5, 6, 7 the plane at 6 (4x2 = 8); z = 4.5 is a tie
        // only for non-integer grids.
        assertEquals(3 * 4 + 3 * 8, m.count());
        // With an explicit 1 mm thickness only the contour planes themselves.
        assertEquals(4 + 8, Rasterizer.mask(GRID, cs, 1.0).count());
    }

    @Test
    void obliqueGridsGoThroughWorldToIndex() {
        // Grid rotated 90° about z: i runs along +y, j along −x. The 10 x 10 mm square still covers 100 voxels.
        Grid rotated = new Grid(40, 40, 5, new double[] {30, 0, 0}, new double[] {1, 1, 1},
                new double[] {0, 1, 0, -1, 0, 0, 0, 0, 1});
        Mask m = Rasterizer.mask(rotated, List.of(rect(4.5, 4.5, 14.5, 14.5, 2, false)));
        assertEquals(100, m.count());
        Mask full = Masks.embed(m, rotated);
        // world (5, 5, 2) is index i = y = 5, j = 30 − x = 25, k = 2
        assertEquals(true, full.get(5, 25, 2));
        assertEquals(false, full.get(4, 25, 2));
    }

    @Test
    void contoursMissingTheGridGiveAnEmptyMask() {
        Mask m = Rasterizer.mask(GRID, List.of(rect(100, 100, 110, 110, 3, false)));
        assertEquals(0, m.count());
        assertEquals(1, m.grid().voxelCount());
        List<double[]> none = new ArrayList<>();
        assertEquals(0, Rasterizer.mask(GRID, none).count());
    }
}
