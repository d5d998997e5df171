package rt.web.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
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
}
