package rt.dicom;

/** DICOM value representations (PS3.5 section 6.2). */
public enum VR {
    AE(' ', 0), AS(' ', 0), AT(0, 4), CS(' ', 0), DA(' ', 0), DS(' ', 0), DT(' ', 0), FL(0, 4), FD(0, 8),
    IS(' ', 0), LO(' ', 0), LT(' ', 0), OB(0, 1), OD(0, 8), OF(0, 4), OL(0, 4), OV(0, 8), OW(0, 2), PN(' ', 0),
    SH(' ', 0), SL(0, 4), SQ(0, 0), SS(0, 2), ST(' ', 0), SV(0, 8), TM(' ', 0), UC(' ', 0), UI(0, 0), UL(0, 4),
    UN(0, 1), UR(' ', 0), US(0, 2), UT(' ', 0), UV(0, 8);

    private final byte padding;
    private final int bytesPerValue;

    VR(int padding, int bytesPerValue) {
        this.padding = (byte) padding;
        this.bytesPerValue = bytesPerValue;
    }

    /** The two-character code packed as {@code (c0 << 8) | c1}. */
    public int code() {
        String n = name();
        return (n.charAt(0) << 8) | n.charAt(1);
    }

    /** The VR for a two-character code, or {@code null} when the bytes are no VR. */
    public static VR of(int c0, int c1) {
        if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') {
            return null;
        }
        return BY_CODE[(c0 - 'A') * 26 + (c1 - 'A')];
    }

    /** Parses a VR name such as {@code "DS"}; {@code null} when unknown. */
    public static VR parse(String name) {
        return name == null || name.length() != 2 ? null : of(name.charAt(0), name.charAt(1));
    }

    /** Whether Explicit VR encodes this VR with 2 reserved bytes and a 32-bit length. */
    public boolean hasLongLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, UC, UN, UR, UT, SV, UV -> true;
            default -> false;
        };
    }

    /** Whether values are character strings (decoded with the Specific Character Set where it applies). */
    public boolean isString() {
        return padding == ' ' || this == UI;
    }

    /** Whether the value is a single text value in which a backslash is no value separator. */
    public boolean isText() {
        return this == LT || this == ST || this == UT || this == UR;
    }

    /** Whether the value is binary numbers of fixed size ({@link #bytesPerValue()} > 0). */
    public boolean isBinary() {
        return bytesPerValue > 0;
    }

    /** Bytes per value for binary VRs, 0 for strings and SQ. */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** Byte used to pad values to even length: space for strings, NUL for UI and binary. */
    public byte padding() {
        return padding;
    }

    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            BY_CODE[(vr.name().charAt(0) - 'A') * 26 + (vr.name().charAt(1) - 'A')] = vr;
        }
    }
}
