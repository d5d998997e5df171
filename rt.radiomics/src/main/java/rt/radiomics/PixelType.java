package rt.radiomics;

/**
 * The voxel type of an input image. pyradiomics keeps the input type through resampling, so an integer CT resampled
 * with B-splines is truncated back to integers; floating types are kept as they are.
 */
public enum PixelType {
    INT8(-128, 127),
    UINT8(0, 255),
    INT16(Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(0, 65535),
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32(0, 4294967295.0),
    FLOAT32(Double.NaN, Double.NaN),
    FLOAT64(Double.NaN, Double.NaN);

    private final double min;
    private final double max;

    PixelType(double min, double max) {
        this.min = min;
        this.max = max;
    }

    public boolean isInteger() {
        return !Double.isNaN(min);
    }

    /** The value an interpolated sample takes in this type (ITK: clamp to the range, then truncate). */
    public double cast(double v) {
        if (!isInteger()) {
            return v;
        }
        if (v < min) {
            return min;
        }
        if (v > max) {
            return max;
        }
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }
}
