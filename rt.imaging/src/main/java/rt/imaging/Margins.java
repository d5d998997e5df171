package rt.imaging;

import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.internal.EdtAlgs;

/**
 * Exact margins (morphological dilation/erosion by a Euclidean ball or an "octant ellipsoid", see
 * {@link Margin}) computed with a separable exact distance transform that supports anisotropic spacing and a
 * different semi-axis per half-direction. Distances are between voxel centres.
 *
 * <ul>
 * <li><b>expand</b>: voxel p is inside the result when some inside voxel q has p − q (mm, LPS) in the
 *     structuring element (boundary included, 1e-9 relative slack). Expanding a cube "left 5 mm" moves its
 *     +x face out by 5 mm (5 voxels at 1 mm spacing), the other faces stay. The result grid is the input grid
 *     grown per side by {@code ceil(margin / spacing)} voxels of the margin acting on that side, so nothing is
 *     clipped; crop or embed it afterwards ({@link Masks#cropToContent}, {@link Masks#embed}).</li>
 * <li><b>shrink</b>: the complement of expanding the complement by the reflected element; voxels outside the
 *     input grid count as outside. "Shrink left 5 mm" moves the +x face in by 5 mm. Result on the input grid.</li>
 * <li>Grid axes map to the patient axis of their largest direction cosine (with its sign); for oblique grids
 *     the margin is thus applied along the grid axes nearest to the patient axes.</li>
 * </ul>
 */
public final class Margins {

    private Margins() {
    }

    /** Isotropic expansion by {@code mm} (≥ 0). */
    public static Mask expand(Mask m, double mm) {
        return expand(m, Margin.uniform(mm));
    }

    /** Isotropic shrink by {@code mm} (≥ 0). */
    public static Mask shrink(Mask m, double mm) {
        return shrink(m, Margin.uniform(mm));
    }

    /** Directional expansion (see the class comment). */
    public static Mask expand(Mask m, Margin margin) {
        Grid g = m.grid();
        double[][] axis = axisMargins(g, margin); // per grid axis: {minus-side, plus-side} mm
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            // A voxel at +d from an inside voxel is reached by the plus-side margin: grow the plus side by it.
            lo[a] = (int) Math.ceil(axis[a][0] / g.spacing(a) - 1e-9);
            hi[a] = (int) Math.ceil(axis[a][1] / g.spacing(a) - 1e-9);
        }
        Grid out = Grids.crop(g, -lo[0], -lo[1], -lo[2], g.nx() - 1 + hi[0], g.ny() - 1 + hi[1], g.nz() - 1 + hi[2]);
        Mask padded = Masks.embed(m, out);
        boolean[] r = EdtAlgs.dilate(padded.inside(), Resample.dims(out), out.spacing(), axis);
        return new Mask(out, r);
    }

    /** Directional shrink (see the class comment). */
    public static Mask shrink(Mask m, Margin margin) {
        Grid g = m.grid();
        double[][] axis = axisMargins(g, margin.reflected());
        Grid padded = Grids.crop(g, -1, -1, -1, g.nx(), g.ny(), g.nz());
        boolean[] bg = Masks.not(Masks.embed(m, padded)).inside();
        boolean[] grown = EdtAlgs.dilate(bg, Resample.dims(padded), padded.spacing(), axis);
        Mask grownBg = new Mask(padded, grown);
        return Masks.subtract(m, grownBg);
    }

    /** Per grid axis a: {margin towards −a, margin towards +a} in mm. */
    static double[][] axisMargins(Grid g, Margin m) {
        double[][] out = new double[3][2];
        boolean[] used = new boolean[3];
        double[] neg = {m.right(), m.anterior(), m.inferior()};
        double[] pos = {m.left(), m.posterior(), m.superior()};
        for (int a = 0; a < 3; a++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                if (Math.abs(g.direction(a, c)) > Math.abs(g.direction(a, best))) {
                    best = c;
                }
            }
            if (used[best]) {
                throw new IllegalArgumentException("grid axes too oblique for directional margins: " + g);
            }
            used[best] = true;
            boolean flipped = g.direction(a, best) < 0;
            out[a][0] = flipped ? pos[best] : neg[best];
            out[a][1] = flipped ? neg[best] : pos[best];
        }
        return out;
    }
}
