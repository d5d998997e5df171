package rt.web.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class SliceRendererTest {

    /** CT 20×10×8 of 2 mm voxels at the origin, HU = 100·i (a ramp along x). */
    private static Volume ct() {
        Grid g = Grid.axisAligned(20, 10, 8, new double[] {0, 0, 0}, new double[] {2, 2, 2});
        float[] v = new float[20 * 10 * 8];
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 10; j++) {
                for (int i = 0; i < 20; i++) {
                    v[g.index(i, j, k)] = 100 * i - 1000;
                }
            }
        }
        return new Volume(g, v, Quantity.HU);
    }

    /** Dose on its own coarser grid (5 mm, shifted): 10 Gy in the dose voxel that covers world x 20..25, else 0. */
    private static Volume dose() {
        Grid g = Grid.axisAligned(8, 8, 8, new double[] {2.5, -2.5, -2.5}, new double[] {5, 5, 5});
        float[] v = new float[8 * 8 * 8];
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 8; j++) {
                v[g.index(4, j, k)] = 10; // centre x = 22.5 mm: covers world x 20..25
            }
        }
        return new Volume(g, v, Quantity.DOSE_GY);
    }

    @Test
    void slicesHaveThePlanesShapeAndTheWindowMapsHuToGrey() {
        SliceRenderer r = new SliceRenderer(-50, 1900, 0.1); // HU -1000 → black, 900 → white
        SliceRenderer.Image axial = r.render(ct(), null, SliceRenderer.Plane.AXIAL, 3, 0);
        assertEquals(20, axial.width());
        assertEquals(10, axial.height());
        assertEquals(0xFF000000, axial.argb()[0]); // i = 0: -1000 HU
        assertEquals(0xFFFFFFFF, axial.argb()[19]); // i = 19: 900 HU
        SliceRenderer.Image sagittal = r.render(ct(), null, SliceRenderer.Plane.SAGITTAL, 99, 0); // clamped to 19
        assertEquals(10, sagittal.width());
        assertEquals(8, sagittal.height());
        assertEquals(0xFFFFFFFF, sagittal.argb()[0]);
        assertEquals(8, r.render(ct(), null, SliceRenderer.Plane.CORONAL, 0, 0).height());
    }

    @Test
    void doseOnItsOwnGridIsWashedExactlyWhereItLies() {
        SliceRenderer r = new SliceRenderer(-50, 1900, 0.1);
        SliceRenderer.Image plain = r.render(ct(), null, SliceRenderer.Plane.AXIAL, 4, 0);
        SliceRenderer.Image washed = r.render(ct(), dose(), SliceRenderer.Plane.AXIAL, 4, 0);
        for (int col = 0; col < 20; col++) {
            boolean inDose = col >= 10 && col <= 12; // world x 20, 22, 24 lie in the dose voxel [20, 25)
            int row = 5;
            if (inDose) {
                assertNotEquals(plain.argb()[row * 20 + col], washed.argb()[row * 20 + col], "col " + col);
            } else {
                assertEquals(plain.argb()[row * 20 + col], washed.argb()[row * 20 + col], "col " + col);
            }
        }
        // jet: dark blue at the floor, pure green half-way, dark red at the maximum
        assertEquals(0x00007F, SliceRenderer.colour(0.0));
        assertEquals(0x00FF00, SliceRenderer.colour(0.5) & 0x00FF00);
        assertEquals(0x7F0000, SliceRenderer.colour(1.0));
    }

    /**
     * A sphere of radius 6 voxels centred on voxel (20, 14, 9) of a 40×30×20 CT, held on a crop of the CT grid (as
     * the rasteriser and label maps give them): on the axial slice through its centre, the outline pixels are
     * exactly the inside voxels with a 4-neighbour outside, in the sphere's colour, and nothing else changes.
     */
    @Test
    void aSphereOutlineLandsOnItsEdgeVoxels() {
        Grid g = Grid.axisAligned(40, 30, 20, new double[] {-40, -30, -20}, new double[] {2, 2, 2});
        Volume ct = new Volume(g, new float[g.nx() * g.ny() * g.nz()], Quantity.HU);
        // crop from voxel (10, 5, 2) of the CT, 21×20×15 voxels
        Grid crop = Grid.axisAligned(21, 20, 15, g.indexToWorld(10, 5, 2), new double[] {2, 2, 2});
        boolean[] in = new boolean[21 * 20 * 15];
        int ci = 20;
        int cj = 14;
        int ck = 9;
        double r = 6;
        for (int k = 0; k < 15; k++) {
            for (int j = 0; j < 20; j++) {
                for (int i = 0; i < 21; i++) {
                    int di = i + 10 - ci;
                    int dj = j + 5 - cj;
                    int dk = k + 2 - ck;
                    in[crop.index(i, j, k)] = di * di + dj * dj + dk * dk <= r * r;
                }
            }
        }
        int red = 0xE6194B;
        SliceRenderer renderer = new SliceRenderer(40, 400, 0.1);
        SliceRenderer.Image plain = renderer.render(ct, null, SliceRenderer.Plane.AXIAL, ck, 0);
        SliceRenderer.Image drawn = renderer.render(ct, null, SliceRenderer.Plane.AXIAL, ck, 0,
                List.of(new SliceRenderer.Contour(new Mask(crop, in), red)), new double[0]);
        int outline = 0;
        for (int j = 0; j < 30; j++) {
            for (int i = 0; i < 40; i++) {
                boolean inside = sq(i - ci) + sq(j - cj) <= r * r;
                boolean edge = inside && (sq(i - 1 - ci) + sq(j - cj) > r * r || sq(i + 1 - ci) + sq(j - cj) > r * r
                        || sq(i - ci) + sq(j - 1 - cj) > r * r || sq(i - ci) + sq(j + 1 - cj) > r * r);
                int p = j * 40 + i;
                assertEquals(edge ? 0xFF000000 | red : plain.argb()[p], drawn.argb()[p], "pixel " + i + "," + j);
                outline += edge ? 1 : 0;
            }
        }
        assertEquals(outline, drawn.outlinePixels()[0]);
        // the extreme points of the circle of radius 6 are outline pixels; the centre is not
        assertEquals(0xFF000000 | red, drawn.argb()[cj * 40 + ci + 6]);
        assertEquals(0xFF000000 | red, drawn.argb()[(cj - 6) * 40 + ci]);
        assertEquals(plain.argb()[cj * 40 + ci], drawn.argb()[cj * 40 + ci]);
        // a slice beyond the sphere draws nothing; coronal through the centre draws the same circle (k flipped)
        assertEquals(0, renderer.render(ct, null, SliceRenderer.Plane.AXIAL, ck + 7, 0,
                List.of(new SliceRenderer.Contour(new Mask(crop, in), red)), new double[0]).outlinePixels()[0]);
        SliceRenderer.Image coronal = renderer.render(ct, null, SliceRenderer.Plane.CORONAL, cj, 0,
                List.of(new SliceRenderer.Contour(new Mask(crop, in), red)), new double[0]);
        assertEquals(outline, coronal.outlinePixels()[0]);
        assertEquals(0xFF000000 | red, coronal.argb()[(20 - 1 - ck) * 40 + ci + 6]);
    }

    @Test
    void isodoseLinesBoundTheDoseAboveTheirLevel() {
        SliceRenderer r = new SliceRenderer(-50, 1900, 0.1);
        SliceRenderer.Image iso = r.render(ct(), dose(), SliceRenderer.Plane.AXIAL, 4, 0, List.of(),
                new double[] {0.5});
        int line = 0xFF000000 | SliceRenderer.isodoseColour(0.5);
        // the dose ≥ 5 Gy band is columns 10..12: its edge columns 10 and 12 carry the line, column 11 only at the
        // slice border rows
        for (int row = 0; row < 10; row++) {
            assertEquals(line, iso.argb()[row * 20 + 10]);
            assertEquals(line, iso.argb()[row * 20 + 12]);
            assertEquals(row == 0 || row == 9, iso.argb()[row * 20 + 11] == line, "row " + row);
            assertTrue(iso.argb()[row * 20 + 9] != line && iso.argb()[row * 20 + 13] != line);
        }
    }

    private static int sq(int v) {
        return v * v;
    }
}
