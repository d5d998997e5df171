package rt.dicom.rt;

import java.util.List;

/**
 * One contour of an ROI.
 *
 * @param type   geometric type
 * @param points x0,y0,z0, x1,y1,z1, … in LPS mm (shared, not copied)
 * @param referencedSopInstanceUids the image(s) the contour was drawn on (Contour Image Sequence), may be empty
 */
public record Contour(ContourType type, double[] points, List<String> referencedSopInstanceUids) {

    public Contour {
        if (type == null || points == null || points.length % 3 != 0) {
            throw new IllegalArgumentException("a contour needs a type and x,y,z triplets");
        }
        referencedSopInstanceUids = referencedSopInstanceUids == null ? List.of()
                : List.copyOf(referencedSopInstanceUids);
    }

    /** A closed planar contour without image references. */
    public static Contour closed(double[] points) {
        return new Contour(ContourType.CLOSED_PLANAR, points, List.of());
    }

    public int pointCount() {
        return points.length / 3;
    }

    /** The z coordinate of the first point (the plane of an axial planar contour). */
    public double z() {
        return points.length >= 3 ? points[2] : Double.NaN;
    }
}
