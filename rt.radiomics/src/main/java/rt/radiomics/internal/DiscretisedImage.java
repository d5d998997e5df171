package rt.radiomics.internal;

/**
 * One derived image of a ROI as the feature classes read it, made straight from the working image through the ROI's
 * {@link RegionLayout} in two passes over the ROI's voxels: the masked values (bin edges and firstorder), then their
 * grey levels written into the padded array of {@link Neighbours} while the levels present are marked. The same
 * values and levels as cropping the box ({@link Pipeline#cropRoi}), {@link Discretizer#discretize}, {@link Gray#of} and
 * {@code new Neighbours(gray, pad)}, without the box-sized crop and unpadded level array.
 */
final class DiscretisedImage {

    /** The intensities inside the mask, in array order ({@link Roi#maskedValues()}). */
    final double[] values;
    /** How many of them have each grey level (index = level), or null when not asked for. */
    final int[] levelCounts;
    /** Ng, the levels present and their look-up table; no unpadded voxel array (null). */
    final Gray gray;
    final Neighbours nb;

    private DiscretisedImage(double[] values, int[] levelCounts, Gray gray, Neighbours nb) {
        this.values = values;
        this.levelCounts = levelCounts;
        this.gray = gray;
        this.nb = nb;
    }

    /**
     * @param image         the working image the layout was made for (Not modified)
     * @param withCounts    whether to count the voxels per level ({@link #levelCounts}, firstorder's)
     */
    static DiscretisedImage of(float[] image, RegionLayout layout, double binWidth, int binCount,
            boolean withCounts) {
        int[] source = layout.source;
        int[] voxels = layout.voxels;
        int n = voxels.length;
        double[] values = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double v = image[source[k]];
            values[k] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] edges = Discretizer.edges(min, max, binWidth, binCount);
        double first = edges[0];
        double perStep = Discretizer.perStep(edges);
        int[] g = new int[layout.paddedLength];
        // digitize gives 0 .. edges.length
        boolean[] present = new boolean[edges.length + 1];
        int[] counts = withCounts ? new int[edges.length + 1] : null;
        if (counts != null) {
            for (int k = 0; k < n; k++) {
                int l = Discretizer.level(values[k], edges, first, perStep);
                g[voxels[k]] = l;
                counts[l]++;
            }
            for (int l = 0; l < counts.length; l++) {
                present[l] = counts[l] > 0;
            }
        } else {
            for (int k = 0; k < n; k++) {
                int l = Discretizer.level(values[k], edges, first, perStep);
                g[voxels[k]] = l;
                present[l] = true;
            }
        }
        Gray gray = Gray.withLevels(layout.nx, layout.ny, layout.nz, null, present);
        int[] nbVoxels = voxels;
        int[] spanStart = layout.spanStart;
        int[] spanEnd = layout.spanEnd;
        if (present[0]) {
            // a value below the first edge (−0.0 against an edge of 0.0) has level 0, which the classes read as
            // outside the region: such voxels leave the voxel list and the spans, as they do from Neighbours'
            int kept = 0;
            for (int p : voxels) {
                if (g[p] > 0) {
                    kept++;
                }
            }
            nbVoxels = new int[kept];
            kept = 0;
            for (int p : voxels) {
                if (g[p] > 0) {
                    nbVoxels[kept++] = p;
                }
            }
            int[][] spans = Neighbours.spans(nbVoxels, layout.sx);
            spanStart = spans[0];
            spanEnd = spans[1];
        }
        Neighbours nb = new Neighbours(g, nbVoxels, spanStart, spanEnd, layout.pad, layout.sx, layout.sxy);
        return new DiscretisedImage(values, counts, gray, nb);
    }
}
