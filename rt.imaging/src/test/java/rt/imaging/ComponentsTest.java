package rt.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ComponentsTest {

    static final Grid G = Grid.axisAligned(10, 10, 10, new double[] {0, 0, 0}, new double[] {1, 1, 1});

    @Test
    void cornerContactSeparatesWithSixButNotTwentySix() {
        Mask a = MarginsTest.box(G, 0, 0, 0, 1, 1, 1); // 8 voxels
        Mask b = MarginsTest.box(G, 2, 2, 2, 4, 4, 4); // 27 voxels, touches a at a corner only
        Mask c = MarginsTest.box(G, 7, 7, 7, 7, 7, 7); // 1 voxel, isolated
        Mask all = Masks.union(List.of(a, b, c));
        Components six = ConnectedComponents.label(all, Connectivity.SIX);
        assertEquals(3, six.count());
        assertArrayEquals(new int[] {27, 8, 1}, six.sizes());
        assertEquals(27, six.component(1).count());
        assertTrue(six.component(1).get(3, 3, 3));
        Components full = ConnectedComponents.label(all, Connectivity.TWENTY_SIX);
        assertEquals(2, full.count());
        assertArrayEquals(new int[] {35, 1}, full.sizes());
        assertEquals(27, ConnectedComponents.largest(all, Connectivity.SIX).count());
        assertEquals(35, ConnectedComponents.removeSmall(all, Connectivity.SIX, 2).count());
        assertEquals(0, ConnectedComponents.label(Masks.empty(G), Connectivity.SIX).count());
        assertEquals(0, ConnectedComponents.largest(Masks.empty(G), Connectivity.SIX).count());
    }

    @Test
    void edgeContactCountsOnlyForTwentySix() {
        Mask a = MarginsTest.box(G, 0, 0, 0, 0, 0, 0);
        Mask b = MarginsTest.box(G, 1, 1, 0, 1, 1, 0);
        Mask ab = Masks.union(a, b);
        assertEquals(2, ConnectedComponents.label(ab, Connectivity.SIX).count());
        assertEquals(1, ConnectedComponents.label(ab, Connectivity.TWENTY_SIX).count());
    }

    @Test
    void holesAreFilledIn3dAndPerSlice() {
        // Hollow cube 6^3 with a 4^3 cavity: 3D filling fills the cavity.
        Mask shell = Masks.subtract(MarginsTest.box(G, 2, 2, 2, 7, 7, 7), MarginsTest.box(G, 3, 3, 3, 6, 6, 6));
        assertEquals(216 - 64, shell.count());
        assertEquals(216, Holes.fill(shell).count());
        // Open the lid: the cavity connects to the outside in 3D, but each slice still has a closed ring.
        Mask cup = Masks.subtract(shell, MarginsTest.box(G, 3, 3, 7, 6, 6, 7));
        assertEquals(cup.count(), Holes.fill(cup).count());
        assertEquals(216, Holes.fillPerSlice(cup).count());
        // A background region touching the grid border is never a hole.
        Mask border = MarginsTest.box(G, 0, 0, 0, 9, 9, 0);
        assertEquals(100, Holes.fillPerSlice(border).count());
    }

    @Test
    void booleanOpsOnDifferentCropsOfOneParentGrid() {
        Mask a = Masks.cropToContent(MarginsTest.box(G, 1, 1, 1, 5, 5, 5), 0); // 125
        Mask b = Masks.cropToContent(MarginsTest.box(G, 4, 4, 4, 8, 8, 8), 1); // 125, overlap 2^3 = 8
        assertEquals(250 - 8, Masks.union(a, b).count());
        assertEquals(8, Masks.intersection(a, b).count());
        assertEquals(117, Masks.subtract(a, b).count());
        assertEquals(a.grid(), Masks.subtract(a, b).grid());
        assertEquals(250 - 16, Masks.xor(a, b).count());
        Mask far = Masks.cropToContent(MarginsTest.box(G, 9, 0, 0, 9, 0, 0), 0);
        assertEquals(0, Masks.intersection(a, far).count());
        assertArrayEquals(new int[] {1, 1, 1, 5, 5, 5}, Masks.boundingBox(Masks.embed(a, G)));
        Grid other = Grid.axisAligned(3, 3, 3, new double[] {0.5, 0, 0}, new double[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> Masks.union(a, Masks.empty(other)));
        assertFalse(Masks.isEmpty(a));
    }

    @Test
    void labelMasksAreCropped() {
        short[] l = new short[(int) G.voxelCount()];
        l[G.index(2, 3, 4)] = 5;
        l[G.index(4, 3, 6)] = 5;
        Mask m = Masks.fromLabel(new LabelMap(G, l, Map.of()), 5);
        assertEquals(3, m.grid().nx());
        assertEquals(1, m.grid().ny());
        assertEquals(3, m.grid().nz());
        assertEquals(2, m.count());
        assertEquals(0, Masks.fromLabel(new LabelMap(G, l, Map.of()), 9).count());
    }
}
