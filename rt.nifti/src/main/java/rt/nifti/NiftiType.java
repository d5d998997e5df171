package rt.nifti;

/** NIfTI-1 datatypes handled here, with their {@code datatype} codes and sizes in bytes. */
public enum NiftiType {
    UINT8(2, 1), INT16(4, 2), INT32(8, 4), FLOAT32(16, 4), FLOAT64(64, 8), INT8(256, 1), UINT16(512, 2);

    private final int code;
    private final int bytes;

    NiftiType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }

    /** The type of a datatype code, or null when not supported. */
    public static NiftiType ofCode(int code) {
        for (NiftiType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
