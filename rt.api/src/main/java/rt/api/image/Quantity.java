package rt.api.image;

/** What the values of a volume mean. */
public enum Quantity {
    /** CT Hounsfield units. */
    HU,
    /** Absorbed dose in Gy. */
    DOSE_GY,
    /** MR or other intensities without physical unit. */
    INTENSITY,
    OTHER
}
