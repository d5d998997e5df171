package rt.dicom.internal.codec;

/**
 * RLE Lossless (PS3.5 G): a 64-byte header of segment offsets, then one PackBits segment per byte plane of a
 * sample, most significant byte first. Small and exact, so written here rather than pulled in.
 */
public final class RleDecoder implements FrameDecoder {

    @Override
    public int[] decode(byte[] frame, FrameFormat f) throws CodecException {
        if (frame.length < 64) {
            throw new CodecException("RLE frame shorter than its 64-byte header");
        }
        int segments = u32(frame, 0);
        int bytesPerSample = f.bitsAllocated() / 8;
        if (segments != bytesPerSample) {
            throw new CodecException("RLE frame has " + segments + " segments, " + bytesPerSample
                    + " expected for one " + f.bitsAllocated() + "-bit sample per pixel");
        }
        int n = f.samples();
        int[] out = new int[n];
        byte[] plane = new byte[n];
        for (int s = 0; s < segments; s++) {
            int start = u32(frame, 4 + 4 * s);
            int end = s + 1 < segments ? u32(frame, 8 + 4 * s) : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new CodecException("RLE segment " + s + " offset " + start + " outside the frame");
            }
            unpack(frame, start, end, plane);
            int shift = 8 * (segments - 1 - s);
            for (int i = 0; i < n; i++) {
                out[i] |= (plane[i] & 0xFF) << shift;
            }
        }
        return out;
    }

    /** PackBits: a control byte n, then n+1 literal bytes (n >= 0) or one byte repeated 1-n times (n < 0). */
    private static void unpack(byte[] in, int pos, int end, byte[] out) throws CodecException {
        int o = 0;
        while (o < out.length && pos < end) {
            int n = in[pos++];
            if (n >= 0) {
                int count = n + 1;
                if (pos + count > end || o + count > out.length) {
                    throw new CodecException("RLE literal run overruns the segment");
                }
                System.arraycopy(in, pos, out, o, count);
                pos += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (pos >= end || o + count > out.length) {
                    throw new CodecException("RLE replicate run overruns the segment");
                }
                java.util.Arrays.fill(out, o, o + count, in[pos++]);
                o += count;
            }
        }
        if (o < out.length) {
            throw new CodecException("RLE segment decodes to " + o + " bytes, " + out.length + " expected");
        }
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
