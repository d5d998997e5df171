package rt.dicom.rt;

/** Contour Geometric Type (3006,0042). */
public enum ContourType {
    POINT, OPEN_PLANAR, OPEN_NONPLANAR, CLOSED_PLANAR, CLOSEDPLANAR_XOR;

    /** The type for a DICOM defined term; {@code null} when unknown. */
    public static ContourType of(String term) {
        if (term == null) {
            return null;
        }
        try {
            return valueOf(term.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the contour encloses an area (CLOSED_PLANAR or CLOSEDPLANAR_XOR). */
    public boolean isClosed() {
        return this == CLOSED_PLANAR || this == CLOSEDPLANAR_XOR;
    }
}
