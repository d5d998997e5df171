package rt.dicom.rt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rt.api.image.Grid;

/**
 * Puts 2D planes with known positions along a normal onto a regular grid: checks spacing, reports gaps, and
 * resamples linearly along the normal when the spacing is not uniform. Package-private helper.
 */
final class SliceStack {

    /** Relative tolerance on the spacing before it counts as non-uniform. */
    private static final double TOLERANCE = 0.01;

    record Result(Grid grid, float[] voxels, boolean uniform, List<String> warnings) {
    }

    private SliceStack() {
    }

    /**
     * @param planes     slice pixel values (nx*ny each) sorted by ascending position
     * @param positions  ascending, distinct positions along the normal
     * @param origin     position (LPS) of voxel (0,0) of the first plane
     * @param defaultThickness spacing used for a single plane
     */
    static Result stack(int nx, int ny, float[][] planes, double[] positions, double[] origin, double[] spacingXy,
            double[] direction, double defaultThickness) {
        List<String> warnings = new ArrayList<>();
        int n = planes.length;
        int plane = nx * ny;
        if (n == 1) {
            double t = defaultThickness > 0 ? defaultThickness : 1.0;
            return new Result(new Grid(nx, ny, 1, origin, new double[] {spacingXy[0], spacingXy[1], t}, direction),
                    planes[0], true, warnings);
        }
        double[] gaps = new double[n - 1];
        for (int k = 1; k < n; k++) {
            gaps[k - 1] = positions[k] - positions[k - 1];
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        boolean uniform = true;
        for (int k = 0; k < gaps.length; k++) {
            if (Math.abs(gaps[k] - median) > Math.max(TOLERANCE * median, 1e-3)) {
                uniform = false;
                if (gaps[k] > 1.5 * median) {
                    warnings.add(String.format("gap of %.3f mm between slices at %.3f and %.3f mm (spacing %.3f mm)",
                            gaps[k], positions[k], positions[k + 1], median));
                }
            }
        }
        if (uniform) {
            double spacing = (positions[n - 1] - positions[0]) / (n - 1);
            float[] voxels = new float[plane * n];
            for (int k = 0; k < n; k++) {
                System.arraycopy(planes[k], 0, voxels, k * plane, plane);
            }
            return new Result(new Grid(nx, ny, n, origin, new double[] {spacingXy[0], spacingXy[1], spacing},
                    direction), voxels, true, warnings);
        }
        double spacing = median;
        int nz = (int) Math.round((positions[n - 1] - positions[0]) / spacing) + 1;
        warnings.add(String.format("non-uniform slice spacing (%.3f to %.3f mm): resampled linearly to %d slices "
                + "at %.3f mm", sorted[0], sorted[sorted.length - 1], nz, spacing));
        float[] voxels = new float[plane * nz];
        int lower = 0;
        for (int k = 0; k < nz; k++) {
            double p = positions[0] + k * spacing;
            while (lower < n - 2 && positions[lower + 1] <= p) {
                lower++;
            }
            double t = (p - positions[lower]) / (positions[lower + 1] - positions[lower]);
            t = Math.max(0, Math.min(1, t));
            float[] a = planes[lower];
            float[] b = planes[lower + 1];
            int base = k * plane;
            for (int i = 0; i < plane; i++) {
                voxels[base + i] = (float) (a[i] + t * (b[i] - a[i]));
            }
        }
        return new Result(new Grid(nx, ny, nz, origin, new double[] {spacingXy[0], spacingXy[1], spacing},
                direction), voxels, false, warnings);
    }
}
