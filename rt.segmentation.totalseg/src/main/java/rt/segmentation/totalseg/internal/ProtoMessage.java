package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol-buffers message being written (the wire format only: varints, fixed32, length-delimited). Enough to
 * write ONNX models. Hand-written rather than protobuf-java because only writing is needed, the ONNX classes would
 * have to be generated with protoc, and weights can be streamed from the float arrays instead of being copied into
 * ByteStrings first (a TotalSegmentator part is ~125 MB of weights).
 */
final class ProtoMessage {

    private record Field(int number, int wireType, long varint, byte[] bytes, ProtoMessage message, float[] floats) {
    }

    private final List<Field> fields = new ArrayList<>();
    private long size = -1;

    ProtoMessage varint(int field, long value) {
        fields.add(new Field(field, 0, value, null, null, null));
        size = -1;
        return this;
    }

    ProtoMessage fixed32(int field, float value) {
        fields.add(new Field(field, 5, Float.floatToRawIntBits(value), null, null, null));
        size = -1;
        return this;
    }

    ProtoMessage string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoMessage bytes(int field, byte[] value) {
        fields.add(new Field(field, 2, 0, value, null, null));
        size = -1;
        return this;
    }

    ProtoMessage message(int field, ProtoMessage value) {
        fields.add(new Field(field, 2, 0, null, value, null));
        size = -1;
        return this;
    }

    /** Little-endian float32 values as one length-delimited field (ONNX {@code TensorProto.raw_data}). */
    ProtoMessage rawFloats(int field, float[] values) {
        fields.add(new Field(field, 2, 0, null, null, values));
        size = -1;
        return this;
    }

    /** Encoded size in bytes. */
    long size() {
        if (size < 0) {
            long n = 0;
            for (Field f : fields) {
                n += varintSize(((long) f.number << 3) | f.wireType);
                switch (f.wireType) {
                    case 0 -> n += varintSize(f.varint);
                    case 5 -> n += 4;
                    default -> {
                        long len = payloadLength(f);
                        n += varintSize(len) + len;
                    }
                }
            }
            size = n;
        }
        return size;
    }

    private static long payloadLength(Field f) {
        if (f.bytes != null) {
            return f.bytes.length;
        }
        if (f.floats != null) {
            return 4L * f.floats.length;
        }
        return f.message.size();
    }

    void writeTo(OutputStream out) throws IOException {
        for (Field f : fields) {
            writeVarint(out, ((long) f.number << 3) | f.wireType);
            switch (f.wireType) {
                case 0 -> writeVarint(out, f.varint);
                case 5 -> {
                    int v = (int) f.varint;
                    out.write(v);
                    out.write(v >>> 8);
                    out.write(v >>> 16);
                    out.write(v >>> 24);
                }
                default -> {
                    writeVarint(out, payloadLength(f));
                    if (f.bytes != null) {
                        out.write(f.bytes);
                    } else if (f.floats != null) {
                        writeFloats(out, f.floats);
                    } else {
                        f.message.writeTo(out);
                    }
                }
            }
        }
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            b.putFloat(v);
        }
        out.write(b.array(), 0, b.position());
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static void writeVarint(OutputStream out, long v) throws IOException {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
