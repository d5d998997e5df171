package rt.imaging;

/**
 * One closed planar contour extracted from a mask slice.
 *
 * @param slice  k index of the slice in the grid of the mask it came from
 * @param points x,y,z triples in LPS mm (flat); the polygon is implicitly closed (the first point is not
 *               repeated) and no two consecutive points are equal; collinear points are removed
 * @param hole   whether this contour bounds a hole (background enclosed by the region); outer contours run
 *               counter-clockwise and holes clockwise in the (i, j) index plane of the grid
 */
public record SliceContour(int slice, double[] points, boolean hole) {

    public int pointCount() {
        return points.length / 3;
    }
}
