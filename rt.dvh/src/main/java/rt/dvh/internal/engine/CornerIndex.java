package rt.dvh.internal.engine;

/**
 * The corners of one plane's outline (see {@link Plane#corners}) bucketed on a coarse square grid, so that
 * the corner nearest a sample is found among the few buckets its reach covers instead of by a scan of every corner:
 * the rim rules ask for it at every sample lying between two planes' outlines, and an outline such as a BODY's
 * has hundreds of corners per plane. Answers exactly as the scan does (the nearest, the first in order on a tie).
 */
final class CornerIndex {

    /**
     * Bucket side (mm). A query first searches the 3×3 buckets around the point, which hold every corner within a
     * bucket side of it: on outlines with corners all along them (a BODY drawn as a staircase) the nearest is
     * almost always that close, and the box of the full reach (about 11 mm on 3 mm planes) is searched only when
     * it is not.
     */
    private static final double BUCKET_MM = 4.0;

    private final double[] corners;
    private final int stride;
    private final double x0;
    private final double y0;
    private final int nx;
    private final int ny;
    private final int[] start; // per bucket (row-major), where its corners begin in items; one more for the end
    private final int[] items; // corner offsets into corners, bucket by bucket, ascending within a bucket

    /** @param stride values per corner in {@code corners} (x and y first) */
    CornerIndex(double[] corners, int stride) {
        this.corners = corners;
        this.stride = stride;
        int n = corners.length / stride;
        double xMin = Double.POSITIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < corners.length; c += stride) {
            xMin = Math.min(xMin, corners[c]);
            xMax = Math.max(xMax, corners[c]);
            yMin = Math.min(yMin, corners[c + 1]);
            yMax = Math.max(yMax, corners[c + 1]);
        }
        boolean any = n > 0 && Double.isFinite(xMin + xMax + yMin + yMax);
        x0 = any ? xMin : 0;
        y0 = any ? yMin : 0;
        nx = any ? (int) ((xMax - xMin) / BUCKET_MM) + 1 : 1;
        ny = any ? (int) ((yMax - yMin) / BUCKET_MM) + 1 : 1;
        start = new int[nx * ny + 1];
        items = new int[any ? n : 0];
        if (!any) {
            return;
        }
        for (int c = 0; c < corners.length; c += stride) {
            start[bucket(c) + 1]++;
        }
        for (int b = 0; b < nx * ny; b++) {
            start[b + 1] += start[b];
        }
        int[] fill = java.util.Arrays.copyOf(start, nx * ny);
        for (int c = 0; c < corners.length; c += stride) {
            items[fill[bucket(c)]++] = c;
        }
    }

    private int bucket(int c) {
        int i = Math.min(nx - 1, (int) ((corners[c] - x0) / BUCKET_MM));
        int j = Math.min(ny - 1, (int) ((corners[c + 1] - y0) / BUCKET_MM));
        return j * nx + i;
    }

    /** The offset of the corner nearest (x, y) if closer than {@code reach}, the first on a tie; else −1. */
    int nearest(double x, double y, double reach) {
        if (items.length == 0 || Double.isNaN(reach)) {
            return -1;
        }
        // the buckets that the square of side 2·reach around the point touches, a hair wider so that rounding in
        // the distance test cannot admit a corner outside them
        double r = Math.abs(reach) * (1 + 1e-9) + 1e-9;
        double fi0 = Math.floor((x - r - x0) / BUCKET_MM);
        double fi1 = Math.floor((x + r - x0) / BUCKET_MM);
        double fj0 = Math.floor((y - r - y0) / BUCKET_MM);
        double fj1 = Math.floor((y + r - y0) / BUCKET_MM);
        if (fi1 < 0 || fj1 < 0 || fi0 > nx - 1 || fj0 > ny - 1) {
            return -1;
        }
        double best = reach * reach;
        double bi = Math.floor((x - x0) / BUCKET_MM);
        double bj = Math.floor((y - y0) / BUCKET_MM);
        if (bi >= 0 && bj >= 0 && bi < nx && bj < ny) {
            int near = search((int) Math.max(0, bi - 1), (int) Math.min(nx - 1, bi + 1), (int) Math.max(0, bj - 1),
                    (int) Math.min(ny - 1, bj + 1), x, y, best);
            if (near >= 0) {
                double dx = corners[near] - x;
                double dy = corners[near + 1] - y;
                // every corner at most this far lies in those buckets (a hair less than a side, for rounding)
                double sure = BUCKET_MM * (1 - 1e-9);
                if (dx * dx + dy * dy < sure * sure) {
                    return near;
                }
            }
        }
        return search((int) Math.max(0, fi0), (int) Math.min(nx - 1, fi1), (int) Math.max(0, fj0),
                (int) Math.min(ny - 1, fj1), x, y, best);
    }

    /** The nearest corner to (x, y) in buckets [i0, i1] × [j0, j1] closer than √best, the first on a tie; else −1. */
    private int search(int i0, int i1, int j0, int j1, double x, double y, double best) {
        int found = -1;
        for (int j = j0; j <= j1; j++) {
            for (int b = j * nx + i0, end = j * nx + i1; b <= end; b++) {
                for (int k = start[b]; k < start[b + 1]; k++) {
                    int c = items[k];
                    double dx = corners[c] - x;
                    double dy = corners[c + 1] - y;
                    double d2 = dx * dx + dy * dy;
                    if (d2 < best || d2 == best && found >= 0 && c < found) {
                        best = d2;
                        found = c;
                    }
                }
            }
        }
        return found;
    }
}
