package rt.dvh.internal.engine;

/**
 * φ of one plane on the fine grid, the φ value beyond which a cell and its neighbours are outside, the largest
 * inscribed distance (φ = d·(d + 2·depth) for the signed distance d), the centroid of the inside cells (cell
 * units), their count and the number of contours.
 */
record Plane(float[] phi, float[] dist, float[] psi, float outside, double depth, double cx, double cy, int area,
        int contours, int best, double[] corners, CornerIndex cornerIndex) {
    /**
     * Values per corner in {@link Plane#corners}: x, y, the outward normal of the face's trace (its straighter edge
     * at the vertex), then the face and the side fitted away from the vertex, to continue beyond it (see
     * OutlineCorners#rimFit: a point of the face's trace, its outward normal, the side's circle's centre and signed
     * curvature).
     */
    static final int CORNER = 11;

    Plane(float[] phi, float[] dist, float[] psi, float outside, double depth, double cx, double cy, int area,
            int contours, int best, double[] corners) {
        this(phi, dist, psi, outside, depth, cx, cy, area, contours, best, corners, new CornerIndex(corners, CORNER));
    }

    /**
     * The corner of the outline (see OutlineCorners#add; x, y in mm) closest to (x, y) if within {@code reach},
     * as its index in {@link #corners} (x, y, and the outward unit normal of the straighter edge at it), or −1.
     */
    int cornerNear(double x, double y, double reach) {
        return cornerIndex.nearest(x, y, reach);
    }
}
