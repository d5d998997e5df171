package rt.dicom.internal.codec;

/**
 * Sequential DCT JPEG with Huffman coding (ITU-T T.81 processes 1, 2 and 4: baseline and extended, 8 or 12 bits)
 * for one component. The JDK's reader (which TwelveMonkeys delegates DCT to) rejects 12-bit precision, and no
 * maintained Java library on Maven Central decodes it, so 12-bit frames (and 8-bit ones the JDK refuses) come here.
 * The inverse DCT is computed in double precision, so results differ from libjpeg's integer IDCT by rounding only.
 */
public final class JpegExtendedDecoder implements FrameDecoder {

    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33,
        40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COS[x][u] = (u == 0 ? Math.sqrt(0.5) : 1.0) * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    /** A Huffman table as code lengths → (first code, first index), decoded bit by bit (T.81 F.2.2.3). */
    private static final class Huffman {
        final int[] maxCode = new int[18];
        final int[] valPtr = new int[17];
        final int[] minCode = new int[17];
        final int[] values;

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                valPtr[l] = k;
                minCode[l] = code;
                code += counts[l - 1];
                k += counts[l - 1];
                maxCode[l] = counts[l - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4];
    private final Huffman[] ac = new Huffman[4];
    private byte[] in;
    private int pos;
    private int bits;
    private int bitCount;

    @Override
    public int[] decode(byte[] frame, FrameFormat f) throws CodecException {
        in = frame;
        pos = 2;
        if (frame.length < 4 || (frame[0] & 0xFF) != 0xFF || (frame[1] & 0xFF) != 0xD8) {
            throw new CodecException("JPEG frame does not start with SOI");
        }
        int precision = 0;
        int width = 0;
        int height = 0;
        int quantTable = 0;
        int restart = 0;
        while (pos + 4 <= in.length) {
            if ((in[pos] & 0xFF) != 0xFF) {
                throw new CodecException("JPEG marker expected at byte " + pos);
            }
            int marker = in[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            int len = u16(pos + 2);
            int seg = pos + 4;
            int end = pos + 2 + len;
            if (end > in.length) {
                throw new CodecException("JPEG marker segment overruns the frame");
            }
            switch (marker) {
                case 0xC0, 0xC1 -> {
                    precision = in[seg] & 0xFF;
                    height = u16(seg + 1);
                    width = u16(seg + 3);
                    if ((in[seg + 5] & 0xFF) != 1) {
                        throw new CodecException("JPEG frame with " + (in[seg + 5] & 0xFF) + " components");
                    }
                    quantTable = in[seg + 8] & 0x03;
                }
                case 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                    throw new CodecException("JPEG process SOF" + (marker - 0xC0) + " is not sequential DCT");
                case 0xC4 -> readHuffman(seg, end);
                case 0xDB -> readQuant(seg, end);
                case 0xDD -> restart = u16(seg);
                case 0xDA -> {
                    if (width == 0) {
                        throw new CodecException("JPEG scan before the frame header");
                    }
                    int table = in[seg + 2] & 0xFF;
                    pos = end;
                    return scan(f, precision, width, height, quant[quantTable], dc[table >> 4], ac[table & 3],
                            restart);
                }
                default -> {
                    // APPn, COM and others carry nothing a monochrome decode needs
                }
            }
            pos = end;
        }
        throw new CodecException("JPEG frame without a scan");
    }

    private void readHuffman(int p, int end) throws CodecException {
        while (p < end) {
            int tc = (in[p] & 0xFF) >> 4;
            int th = in[p] & 0x03;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = in[p + 1 + i] & 0xFF;
                total += counts[i];
            }
            if (p + 17 + total > end) {
                throw new CodecException("JPEG Huffman table overruns its segment");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = in[p + 17 + i] & 0xFF;
            }
            (tc == 0 ? dc : ac)[th] = new Huffman(counts, values);
            p += 17 + total;
        }
    }

    private void readQuant(int p, int end) {
        while (p < end) {
            boolean sixteen = (in[p] & 0xF0) != 0;
            int id = in[p] & 0x03;
            int[] q = new int[64];
            p++;
            for (int i = 0; i < 64; i++) {
                q[ZIGZAG[i]] = sixteen ? u16(p + 2 * i) : in[p + i] & 0xFF;
            }
            quant[id] = q;
            p += sixteen ? 128 : 64;
        }
    }

    private int[] scan(FrameFormat f, int precision, int width, int height, int[] q, Huffman dcTable,
            Huffman acTable, int restart) throws CodecException {
        if (q == null || dcTable == null || acTable == null) {
            throw new CodecException("JPEG scan refers to a missing table");
        }
        if (width != f.columns() || height != f.rows()) {
            throw new CodecException("JPEG frame is " + width + "x" + height + ", header says " + f.columns() + "x"
                    + f.rows());
        }
        int bx = (width + 7) / 8;
        int by = (height + 7) / 8;
        int[] out = new int[width * height];
        int max = (1 << precision) - 1;
        int shift = 1 << (precision - 1);
        int[] coef = new int[64];
        double[] tmp = new double[64];
        int pred = 0;
        int mcu = 0;
        for (int y0 = 0; y0 < by; y0++) {
            for (int x0 = 0; x0 < bx; x0++) {
                if (restart > 0 && mcu > 0 && mcu % restart == 0) {
                    skipRestart();
                    pred = 0;
                }
                mcu++;
                java.util.Arrays.fill(coef, 0);
                int t = decodeSymbol(dcTable);
                pred += t == 0 ? 0 : extend(receive(t), t);
                coef[0] = pred * q[0];
                for (int k = 1; k < 64; ) {
                    int rs = decodeSymbol(acTable);
                    int r = rs >> 4;
                    int s = rs & 15;
                    if (s == 0) {
                        if (r != 15) {
                            break;
                        }
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) {
                        throw new CodecException("JPEG coefficient index beyond 63 (corrupt data)");
                    }
                    coef[ZIGZAG[k]] = extend(receive(s), s) * q[ZIGZAG[k]];
                    k++;
                }
                idct(coef, tmp);
                for (int y = 0; y < 8; y++) {
                    int py = y0 * 8 + y;
                    if (py >= height) {
                        break;
                    }
                    for (int x = 0; x < 8; x++) {
                        int px = x0 * 8 + x;
                        if (px < width) {
                            long v = Math.round(tmp[y * 8 + x]) + shift;
                            out[py * width + px] = (int) Math.max(0, Math.min(max, v));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void idct(int[] coef, double[] out) {
        double[] rows = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double s = 0;
                for (int u = 0; u < 8; u++) {
                    s += COS[x][u] * coef[y * 8 + u];
                }
                rows[y * 8 + x] = s;
            }
        }
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double s = 0;
                for (int v = 0; v < 8; v++) {
                    s += COS[y][v] * rows[v * 8 + x];
                }
                out[y * 8 + x] = s;
            }
        }
    }

    private int decodeSymbol(Huffman h) throws CodecException {
        int code = readBit();
        int l = 1;
        while (code > h.maxCode[l]) {
            code = code << 1 | readBit();
            if (++l > 16) {
                throw new CodecException("invalid JPEG Huffman code (corrupt data)");
            }
        }
        int index = h.valPtr[l] + code - h.minCode[l];
        if (index < 0 || index >= h.values.length) {
            throw new CodecException("invalid JPEG Huffman code (corrupt data)");
        }
        return h.values[index];
    }

    private int receive(int s) throws CodecException {
        int v = 0;
        for (int i = 0; i < s; i++) {
            v = v << 1 | readBit();
        }
        return v;
    }

    private static int extend(int v, int t) {
        return v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
    }

    private int readBit() throws CodecException {
        if (bitCount == 0) {
            if (pos >= in.length) {
                throw new CodecException("JPEG data ends before the image is complete");
            }
            int b = in[pos++] & 0xFF;
            if (b == 0xFF) {
                int next = pos < in.length ? in[pos] & 0xFF : 0;
                if (next == 0) {
                    pos++; // stuffed zero byte
                } else {
                    b = 0; // a marker: pad with zeros as libjpeg does; the caller runs out of symbols
                    pos--;
                }
            }
            bits = b;
            bitCount = 8;
        }
        bitCount--;
        return (bits >> bitCount) & 1;
    }

    private void skipRestart() throws CodecException {
        bitCount = 0;
        while (pos + 1 < in.length && !((in[pos] & 0xFF) == 0xFF && (in[pos + 1] & 0xFF) >= 0xD0
                && (in[pos + 1] & 0xFF) <= 0xD7)) {
            pos++;
        }
        if (pos + 1 >= in.length) {
            throw new CodecException("JPEG restart marker missing");
        }
        pos += 2;
    }

    private int u16(int p) {
        return (in[p] & 0xFF) << 8 | (in[p + 1] & 0xFF);
    }
}
