package rt.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Encodes one non-sequence value as Explicit VR Little Endian bytes, padded to even length. */
final class ValueEncoder {

    private ValueEncoder() {
    }

    static ByteBuffer encode(Value v, Charset charset) {
        byte[] bytes = bytes(v, charset);
        if ((bytes.length & 1) == 1) {
            byte[] padded = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            padded[bytes.length] = v.vr.padding();
            bytes = padded;
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(Value v, Charset charset) {
        if (v.isRaw()) {
            byte[] out = new byte[v.len];
            System.arraycopy(v.buf, v.off, out, 0, v.len);
            int size = v.vr.bytesPerValue();
            if (v.bigEndian && size > 1) {
                int unit = v.vr == VR.AT ? 2 : size;
                for (int i = 0; i + unit <= out.length; i += unit) {
                    for (int a = i, b = i + unit - 1; a < b; a++, b--) {
                        byte t = out[a];
                        out[a] = out[b];
                        out[b] = t;
                    }
                }
            }
            return out;
        }
        Object o = v.object;
        if (o instanceof String s) {
            Charset cs = v.vr == VR.PN || v.vr == VR.LO || v.vr == VR.SH || v.vr == VR.LT || v.vr == VR.ST
                    || v.vr == VR.UT || v.vr == VR.UC ? charset : StandardCharsets.ISO_8859_1;
            return s.getBytes(cs);
        }
        if (o instanceof byte[] b) {
            return b.clone();
        }
        if (o instanceof short[] s) {
            ByteBuffer bb = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bb.asShortBuffer().put(s);
            return bb.array();
        }
        if (o instanceof int[] a) {
            return switch (v.vr) {
                case IS -> join(a).getBytes(StandardCharsets.ISO_8859_1);
                case US, SS -> {
                    ByteBuffer bb = ByteBuffer.allocate(a.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    for (int x : a) {
                        bb.putShort((short) x);
                    }
                    yield bb.array();
                }
                case AT -> {
                    ByteBuffer bb = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (int x : a) {
                        bb.putShort((short) (x >>> 16)).putShort((short) x);
                    }
                    yield bb.array();
                }
                default -> {
                    ByteBuffer bb = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    bb.asIntBuffer().put(a);
                    yield bb.array();
                }
            };
        }
        if (o instanceof double[] d) {
            return switch (v.vr) {
                case DS -> {
                    StringBuilder sb = new StringBuilder(d.length * 8);
                    for (int n = 0; n < d.length; n++) {
                        if (n > 0) {
                            sb.append('\\');
                        }
                        sb.append(NumberParser.formatDs(d[n]));
                    }
                    yield sb.toString().getBytes(StandardCharsets.ISO_8859_1);
                }
                case FL, OF -> {
                    ByteBuffer bb = ByteBuffer.allocate(d.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (double x : d) {
                        bb.putFloat((float) x);
                    }
                    yield bb.array();
                }
                default -> {
                    ByteBuffer bb = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    bb.asDoubleBuffer().put(d);
                    yield bb.array();
                }
            };
        }
        throw new IllegalStateException("cannot encode " + (o == null ? "null" : o.getClass().getSimpleName()));
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < a.length; n++) {
            if (n > 0) {
                sb.append('\\');
            }
            sb.append(a[n]);
        }
        return sb.toString();
    }
}
