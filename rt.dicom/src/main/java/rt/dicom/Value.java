package rt.dicom;

import java.util.List;

/**
 * One attribute value: either raw bytes as read (a slice of the reader's buffer, never copied) or a Java value set
 * in code (String, double[], int[], short[], byte[], or the items of a sequence). Immutable once created.
 */
final class Value {

    final VR vr;
    final byte[] buf;
    final int off;
    final int len;
    final boolean bigEndian;
    /** Java value: String, double[], int[], short[], byte[]; null for raw values and sequences. */
    final Object object;
    /** Sequence items (mutable list owned by the data set), or null. */
    final List<DicomObject> items;
    /** Encapsulated (fragmented) pixel data: the raw slice spans the fragments, not decodable here. */
    final boolean encapsulated;

    private Value(VR vr, byte[] buf, int off, int len, boolean bigEndian, Object object, List<DicomObject> items,
            boolean encapsulated) {
        this.vr = vr;
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.bigEndian = bigEndian;
        this.object = object;
        this.items = items;
        this.encapsulated = encapsulated;
    }

    static Value raw(VR vr, byte[] buf, int off, int len, boolean bigEndian) {
        return new Value(vr, buf, off, len, bigEndian, null, null, false);
    }

    static Value encapsulated(VR vr, byte[] buf, int off, int len) {
        return new Value(vr, buf, off, len, false, null, null, true);
    }

    static Value of(VR vr, Object object) {
        return new Value(vr, null, 0, 0, false, object, null, false);
    }

    static Value sequence(List<DicomObject> items) {
        return new Value(VR.SQ, null, 0, 0, false, null, items, false);
    }

    boolean isRaw() {
        return buf != null;
    }
}
