package rt.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DICOM data set (or sequence item): attributes sorted by tag. Values read from a file stay as raw bytes and are
 * decoded by the typed getters on demand (numbers straight from bytes); values set in code are kept as Java values
 * and encoded by {@link DicomWriter}. Getters are lenient: absent attributes give {@code null}, an empty array or the
 * given default; unparsable numbers give NaN (doubles) or 0 (ints). Not thread-safe for writing.
 */
public final class DicomObject {

    private int[] tags;
    private Value[] values;
    private int size;
    private Charset charset;

    /** An empty data set (default character repertoire). */
    public DicomObject() {
        this(StandardCharsets.ISO_8859_1);
    }

    DicomObject(Charset charset) {
        this.tags = new int[8];
        this.values = new Value[8];
        this.charset = charset;
    }

    // ---------------------------------------------------------------- structure

    /** Number of attributes (top level of this data set). */
    public int size() {
        return size;
    }

    /** The tags present, ascending (unsigned). */
    public int[] tags() {
        return Arrays.copyOf(tags, size);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The VR of an attribute, or {@code null} when absent. */
    public VR vr(int tag) {
        Value v = value(tag);
        return v == null ? null : v.vr;
    }

    /** Encoded value length in bytes for raw values, -1 for values set in code or sequences, -2 when absent. */
    public int rawLength(int tag) {
        Value v = value(tag);
        return v == null ? -2 : v.isRaw() ? v.len : -1;
    }

    /** Whether the attribute holds encapsulated (compressed, fragmented) pixel data. */
    public boolean isEncapsulated(int tag) {
        Value v = value(tag);
        return v != null && v.encapsulated;
    }

    /** Removes an attribute; returns whether it was present. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        return true;
    }

    // ---------------------------------------------------------------- strings

    /** The first value as a trimmed string (the whole value for LT/ST/UT/UR), or {@code null} when absent/empty. */
    public String getString(int tag) {
        String[] all = getStrings(tag);
        return all.length == 0 || all[0].isEmpty() ? null : all[0];
    }

    /** {@link #getString(int)} or a default. */
    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null ? defaultValue : s;
    }

    /** All values as trimmed strings (numbers formatted), empty when absent. */
    public String[] getStrings(int tag) {
        Value v = value(tag);
        if (v == null || v.items != null) {
            return new String[0];
        }
        if (v.vr.isBinary() || v.object instanceof double[] || v.object instanceof int[]) {
            double[] d = getDoubles(tag);
            String[] out = new String[d.length];
            for (int n = 0; n < d.length; n++) {
                out[n] = d[n] == Math.rint(d[n]) && Math.abs(d[n]) < 1e15 ? Long.toString((long) d[n])
                        : Double.toString(d[n]);
            }
            return out;
        }
        String whole = v.isRaw() ? decode(v) : (String) v.object;
        if (whole.isEmpty()) {
            return new String[0];
        }
        if (v.vr.isText()) {
            return new String[] {stripTrailing(whole)};
        }
        String[] parts = whole.split("\\\\", -1);
        for (int n = 0; n < parts.length; n++) {
            parts[n] = trim(parts[n]);
        }
        return parts;
    }

    private String decode(Value v) {
        Charset cs = v.vr == VR.UI || v.vr == VR.CS || v.vr == VR.DA || v.vr == VR.TM || v.vr == VR.DT
                || v.vr == VR.AS || v.vr == VR.DS || v.vr == VR.IS || v.vr == VR.AE ? StandardCharsets.ISO_8859_1
                        : charset;
        return new String(v.buf, v.off, v.len, cs);
    }

    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == 0)) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == 0)) {
            b--;
        }
        return s.substring(a, b);
    }

    private static String stripTrailing(String s) {
        int b = s.length();
        while (b > 0 && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == 0)) {
            b--;
        }
        return s.substring(0, b);
    }

    // ---------------------------------------------------------------- numbers

    /** All values as doubles: DS/IS parsed from the bytes, binary VRs (US, SS, UL, SL, FL, FD, OF, OD, OW …)
     * decoded in the data set's byte order; {@code null} when absent. */
    public double[] getDoubles(int tag) {
        Value v = value(tag);
        if (v == null || v.items != null) {
            return null;
        }
        if (!v.isRaw()) {
            Object o = v.object;
            if (o instanceof double[] d) {
                return d.clone();
            }
            if (o instanceof int[] a) {
                return Arrays.stream(a).asDoubleStream().toArray();
            }
            if (o instanceof short[] s) {
                double[] d = new double[s.length];
                boolean unsigned = v.vr == VR.US || v.vr == VR.OW;
                for (int n = 0; n < s.length; n++) {
                    d[n] = unsigned ? s[n] & 0xFFFF : s[n];
                }
                return d;
            }
            if (o instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                return NumberParser.parseDoubles(b, 0, b.length);
            }
            return null;
        }
        if (!v.vr.isBinary()) {
            return NumberParser.parseDoubles(v.buf, v.off, v.len);
        }
        ByteBuffer bb = ByteBuffer.wrap(v.buf, v.off, v.len).slice()
                .order(v.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n = v.len / v.vr.bytesPerValue();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (v.vr) {
                case US, OW -> bb.getShort() & 0xFFFF;
                case SS -> bb.getShort();
                case UL, OL -> bb.getInt() & 0xFFFFFFFFL;
                case SL -> bb.getInt();
                case FL, OF -> bb.getFloat();
                case FD, OD -> bb.getDouble();
                case SV -> bb.getLong();
                case UV, OV -> (double) bb.getLong();
                case AT -> (bb.getShort() & 0xFFFF) << 16 | (bb.getShort() & 0xFFFF);
                default -> bb.get() & 0xFF;
            };
        }
        return d;
    }

    /** All values as ints (DS rounded, binary decoded; AT as {@code group << 16 | element}); {@code null} when
     * absent. */
    public int[] getInts(int tag) {
        Value v = value(tag);
        if (v != null && v.isRaw() && !v.vr.isBinary() && v.items == null) {
            return NumberParser.parseInts(v.buf, v.off, v.len);
        }
        if (v != null && v.object instanceof int[] a) {
            return a.clone();
        }
        double[] d = getDoubles(tag);
        if (d == null) {
            return null;
        }
        int[] out = new int[d.length];
        for (int n = 0; n < d.length; n++) {
            out[n] = Double.isNaN(d[n]) ? 0 : (int) (long) Math.rint(d[n]);
        }
        return out;
    }

    /** The first value as double, or the default when absent, empty or unparsable. */
    public double getDouble(int tag, double defaultValue) {
        double[] d = getDoubles(tag);
        return d == null || d.length == 0 || Double.isNaN(d[0]) ? defaultValue : d[0];
    }

    /** The first value as int, or the default when absent or empty. */
    public int getInt(int tag, int defaultValue) {
        double[] d = getDoubles(tag);
        return d == null || d.length == 0 || Double.isNaN(d[0]) ? defaultValue : (int) Math.round(d[0]);
    }

    // ---------------------------------------------------------------- binary and sequences

    /** The encoded value bytes (a copy; little endian for values set in code), or {@code null}. */
    public byte[] getBytes(int tag) {
        ByteBuffer b = getValueBuffer(tag);
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A read-only view of the encoded value with the data set's byte order (no copy for values read from a file),
     * or {@code null} when absent or a sequence. Use for pixel data. */
    public ByteBuffer getValueBuffer(int tag) {
        Value v = value(tag);
        if (v == null || v.items != null) {
            return null;
        }
        if (v.isRaw()) {
            return ByteBuffer.wrap(v.buf, v.off, v.len).slice().asReadOnlyBuffer()
                    .order(v.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
        return ValueEncoder.encode(v, charset).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The items of a sequence (live list), empty when absent or not a sequence. */
    public List<DicomObject> getSequence(int tag) {
        Value v = value(tag);
        return v == null || v.items == null ? List.of() : v.items;
    }

    /** Item {@code index} of a sequence, or {@code null}. */
    public DicomObject getItem(int tag, int index) {
        List<DicomObject> items = getSequence(tag);
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    /** The first item of a sequence, or {@code null}. */
    public DicomObject getItem(int tag) {
        return getItem(tag, 0);
    }

    // ---------------------------------------------------------------- setters (fluent)

    /** Sets string values with the VR of the data dictionary. */
    public DicomObject putString(int tag, String... values) {
        return putString(tag, DicomDictionary.vrOf(tag), values);
    }

    /** Sets string values with an explicit VR; {@code null} or no values give an empty (zero-length) value. */
    public DicomObject putString(int tag, VR vr, String... values) {
        if (vr == VR.SQ || vr.isBinary() && vr != VR.UN) {
            throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr + ", not a string");
        }
        String joined = values == null ? "" : String.join("\\",
                Arrays.stream(values).map(s -> s == null ? "" : s).toArray(String[]::new));
        return put(tag, Value.of(vr, joined));
    }

    /** Sets numbers: DS/IS are formatted as text, FL/FD/OF/OD/US/SS/UL/SL encoded binary. VR from the dictionary. */
    public DicomObject putDoubles(int tag, double... values) {
        return putDoubles(tag, DicomDictionary.vrOf(tag), values);
    }

    /** Sets numbers with an explicit VR. */
    public DicomObject putDoubles(int tag, VR vr, double... values) {
        if (vr == VR.IS || vr == VR.US || vr == VR.SS || vr == VR.UL || vr == VR.SL || vr == VR.AT) {
            int[] ints = new int[values.length];
            for (int n = 0; n < values.length; n++) {
                ints[n] = (int) Math.round(values[n]);
            }
            return put(tag, Value.of(vr, ints));
        }
        if (vr != VR.DS && vr != VR.FL && vr != VR.FD && vr != VR.OF && vr != VR.OD) {
            throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr + ", not a number");
        }
        return put(tag, Value.of(vr, values.clone()));
    }

    /** Sets integers (IS, US, SS, UL, SL, AT, or DS/FL/FD). VR from the dictionary. */
    public DicomObject putInts(int tag, int... values) {
        return putInts(tag, DicomDictionary.vrOf(tag), values);
    }

    /** Sets integers with an explicit VR. */
    public DicomObject putInts(int tag, VR vr, int... values) {
        if (vr == VR.DS || vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            return put(tag, Value.of(vr, Arrays.stream(values).asDoubleStream().toArray()));
        }
        if (vr != VR.IS && vr != VR.US && vr != VR.SS && vr != VR.UL && vr != VR.SL && vr != VR.AT
                && vr != VR.OL) {
            throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr + ", not an integer");
        }
        return put(tag, Value.of(vr, values.clone()));
    }

    /** Sets 16-bit words (OW, US, SS), e.g. pixel data; the array is not copied. */
    public DicomObject putShorts(int tag, VR vr, short[] values) {
        if (vr != VR.OW && vr != VR.US && vr != VR.SS) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": 16-bit values need OW, US or SS, not " + vr);
        }
        return put(tag, Value.of(vr, values));
    }

    /** Sets raw little-endian value bytes (OB, OW, OL, UN, or any binary VR); the array is not copied. */
    public DicomObject putBytes(int tag, VR vr, byte[] value) {
        if (vr == VR.SQ) {
            throw new IllegalArgumentException("use putSequence for SQ");
        }
        return put(tag, Value.of(vr, value));
    }

    /** Sets a sequence to these items (the list is copied into a mutable one). */
    public DicomObject putSequence(int tag, List<DicomObject> items) {
        return put(tag, Value.sequence(new ArrayList<>(items)));
    }

    /** Appends a new empty item to the sequence {@code tag} (creating the sequence) and returns the item. */
    public DicomObject addItem(int tag) {
        DicomObject item = new DicomObject(charset);
        Value v = value(tag);
        if (v == null || v.items == null) {
            List<DicomObject> items = new ArrayList<>();
            put(tag, Value.sequence(items));
            items.add(item);
        } else {
            v.items.add(item);
        }
        return item;
    }

    /** Copies the given attributes (those present) from another data set; values are shared, sequences copied
     * shallowly. Strings read from a file are decoded with the source's character set. */
    public DicomObject copyFrom(DicomObject source, int... tagsToCopy) {
        for (int tag : tagsToCopy) {
            Value v = source.value(tag);
            if (v == null) {
                continue;
            }
            if (v.items != null) {
                put(tag, Value.sequence(new ArrayList<>(v.items)));
            } else if (v.isRaw() && v.vr.isString()) {
                put(tag, Value.of(v.vr, source.decode(v)));
            } else {
                put(tag, v);
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- internals

    Charset charset() {
        return charset;
    }

    void setCharset(Charset charset) {
        this.charset = charset;
    }

    Value value(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : values[i];
    }

    Value valueAt(int index) {
        return values[index];
    }

    int tagAt(int index) {
        return tags[index];
    }

    DicomObject put(int tag, Value v) {
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            append(tag, v);
            return this;
        }
        int i = indexOf(tag);
        if (i >= 0) {
            values[i] = v;
            return this;
        }
        int at = -i - 1;
        grow();
        System.arraycopy(tags, at, tags, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        tags[at] = tag;
        values[at] = v;
        size++;
        return this;
    }

    private void append(int tag, Value v) {
        grow();
        tags[size] = tag;
        values[size] = v;
        size++;
    }

    private void grow() {
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
    }

    private int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** A human-readable dump, one line per attribute, nested items indented; long values shortened. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        dump(sb, "");
        return sb.toString();
    }

    private void dump(StringBuilder sb, String indent) {
        for (int i = 0; i < size; i++) {
            int tag = tags[i];
            Value v = values[i];
            String kw = DicomDictionary.keywordOf(tag);
            sb.append(indent).append(Tag.toString(tag)).append(' ').append(v.vr).append(' ')
                    .append(kw == null ? "?" : kw);
            if (v.items != null) {
                sb.append(" (").append(v.items.size()).append(" items)\n");
                for (int n = 0; n < v.items.size(); n++) {
                    sb.append(indent).append("  item ").append(n + 1).append('\n');
                    v.items.get(n).dump(sb, indent + "    ");
                }
                continue;
            }
            String text;
            if (v.encapsulated) {
                text = "<encapsulated " + v.len + " bytes>";
            } else if (v.vr == VR.OB || v.vr == VR.OW || v.vr == VR.UN || v.vr == VR.OF || v.vr == VR.OD
                    || v.vr == VR.OL || v.vr == VR.OV) {
                text = "<" + (v.isRaw() ? v.len : "set") + " bytes>";
            } else {
                text = String.join("\\", getStrings(tag));
            }
            if (text.length() > 80) {
                text = text.substring(0, 77) + "...";
            }
            sb.append(" [").append(text).append("]\n");
        }
    }

    @Override
    public String toString() {
        return "DicomObject[" + size + " attributes]";
    }
}
