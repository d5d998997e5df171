package rt.dicom.internal.codec;

/**
 * JPEG-LS (ITU-T T.87 / ISO 14495-1) decoder for one component, lossless and near-lossless (NEAR > 0), 2 to 16
 * bits. Written here because no maintained pure-Java JPEG-LS decoder is on Maven Central (TwelveMonkeys and
 * jai-imageio have none; dcm4che's needs native OpenCV). Follows the decoding procedure of T.87 Annex A: context
 * modelling with gradient quantisation, median edge prediction with bias correction, limited-length Golomb codes,
 * and run mode with run interruption samples.
 */
public final class JpegLsDecoder implements FrameDecoder {

    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10,
        11, 12, 13, 14, 15};

    @Override
    public int[] decode(byte[] frame, FrameFormat f) throws CodecException {
        Header h = Header.parse(frame);
        if (h.width != f.columns() || h.height != f.rows()) {
            throw new CodecException("JPEG-LS frame is " + h.width + "x" + h.height + ", header says " + f.columns()
                    + "x" + f.rows());
        }
        return new Scan(h, frame).decode();
    }

    /** Frame and scan parameters from the markers before the entropy-coded data. */
    private static final class Header {
        int precision;
        int width;
        int height;
        int near;
        int maxVal;
        int t1;
        int t2;
        int t3;
        int reset = 64;
        int dataStart;

        static Header parse(byte[] b) throws CodecException {
            Header h = new Header();
            if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
                throw new CodecException("JPEG-LS frame does not start with SOI");
            }
            int p = 2;
            boolean frame = false;
            while (p + 4 <= b.length) {
                if ((b[p] & 0xFF) != 0xFF) {
                    throw new CodecException("JPEG-LS marker expected at byte " + p);
                }
                int marker = b[p + 1] & 0xFF;
                if (marker == 0xFF) {
                    p++; // fill byte
                    continue;
                }
                int len = u16(b, p + 2);
                int seg = p + 4;
                if (p + 2 + len > b.length) {
                    throw new CodecException("JPEG-LS marker segment overruns the frame");
                }
                switch (marker) {
                    case 0xF7 -> { // SOF55
                        h.precision = b[seg] & 0xFF;
                        h.height = u16(b, seg + 1);
                        h.width = u16(b, seg + 3);
                        int components = b[seg + 5] & 0xFF;
                        if (components != 1) {
                            throw new CodecException("JPEG-LS frame with " + components + " components");
                        }
                        frame = true;
                    }
                    case 0xF8 -> { // LSE
                        int id = b[seg] & 0xFF;
                        if (id != 1) {
                            throw new CodecException("JPEG-LS extension " + id + " (mapping tables) not supported");
                        }
                        h.maxVal = u16(b, seg + 1);
                        h.t1 = u16(b, seg + 3);
                        h.t2 = u16(b, seg + 5);
                        h.t3 = u16(b, seg + 7);
                        h.reset = u16(b, seg + 9) == 0 ? 64 : u16(b, seg + 9);
                    }
                    case 0xDA -> { // SOS
                        if (!frame) {
                            throw new CodecException("JPEG-LS scan before the frame header");
                        }
                        int ns = b[seg] & 0xFF;
                        h.near = b[seg + 1 + 2 * ns] & 0xFF;
                        int pointTransform = b[seg + 3 + 2 * ns] & 0x0F;
                        if (ns != 1 || pointTransform != 0) {
                            throw new CodecException("JPEG-LS scan with " + ns + " components / point transform "
                                    + pointTransform + " not supported");
                        }
                        h.dataStart = p + 2 + len;
                        h.defaults();
                        return h;
                    }
                    case 0xD8, 0xD9 -> throw new CodecException("unexpected JPEG marker " + marker);
                    default -> {
                        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC) {
                            throw new CodecException("not a JPEG-LS frame (JPEG frame marker FF" + Integer
                                    .toHexString(marker).toUpperCase() + ")");
                        }
                    }
                }
                p += 2 + len;
            }
            throw new CodecException("JPEG-LS frame without a scan");
        }

        /** Default MAXVAL and thresholds (T.87 C.2.4.1.1) where the LSE segment gave none. */
        void defaults() throws CodecException {
            if (precision < 2 || precision > 16) {
                throw new CodecException("JPEG-LS precision " + precision + " outside 2..16");
            }
            if (maxVal == 0) {
                maxVal = (1 << precision) - 1;
            }
            int f;
            int d1;
            int d2;
            int d3;
            if (maxVal >= 128) {
                f = (Math.min(maxVal, 4095) + 128) / 256;
                d1 = f * (3 - 2) + 2 + 3 * near;
                d2 = f * (7 - 3) + 3 + 5 * near;
                d3 = f * (21 - 4) + 4 + 7 * near;
            } else {
                f = 256 / (maxVal + 1);
                d1 = Math.max(2, 3 / f + 3 * near);
                d2 = Math.max(3, 7 / f + 5 * near);
                d3 = Math.max(4, 21 / f + 7 * near);
            }
            if (t1 == 0) {
                t1 = clamp(d1, near + 1);
            }
            if (t2 == 0) {
                t2 = clamp(d2, t1);
            }
            if (t3 == 0) {
                t3 = clamp(d3, t2);
            }
        }

        private int clamp(int i, int j) {
            return i > maxVal || i < j ? j : i;
        }
    }

    /** The state of one scan: bit reader, context statistics and the two reconstructed lines. */
    private static final class Scan {
        final Header h;
        final byte[] in;
        int pos;
        long bits;
        int bitCount;
        final int near;
        final int range;
        final int qbpp;
        final int limit;
        final int[] a = new int[367];
        final int[] b = new int[367];
        final int[] c = new int[367];
        final int[] n = new int[367];
        final int[] nn = new int[367];
        int runIndex;

        Scan(Header h, byte[] in) {
            this.h = h;
            this.in = in;
            this.pos = h.dataStart;
            this.near = h.near;
            this.range = (h.maxVal + 2 * near) / (2 * near + 1) + 1;
            this.qbpp = ceilLog2(range);
            int bpp = Math.max(2, ceilLog2(h.maxVal + 1));
            this.limit = 2 * (bpp + Math.max(8, bpp));
            int a0 = Math.max(2, (range + 32) / 64);
            java.util.Arrays.fill(a, a0);
            java.util.Arrays.fill(n, 1);
        }

        int[] decode() throws CodecException {
            int w = h.width;
            int[] out = new int[w * h.height];
            // lines with one extra sample on each side: index x+1 holds sample x
            int[] prev = new int[w + 2];
            int[] cur = new int[w + 2];
            for (int y = 0; y < h.height; y++) {
                cur[0] = prev[1];
                prev[w + 1] = prev[w];
                int x = 0;
                while (x < w) {
                    int ra = cur[x];
                    int rb = prev[x + 1];
                    int rc = prev[x];
                    int rd = prev[x + 2];
                    int d1 = rd - rb;
                    int d2 = rb - rc;
                    int d3 = rc - ra;
                    if (Math.abs(d1) <= near && Math.abs(d2) <= near && Math.abs(d3) <= near) {
                        x = runMode(cur, prev, x, w);
                    } else {
                        cur[x + 1] = regular(ra, rb, rc, quantize(d1), quantize(d2), quantize(d3));
                        x++;
                    }
                }
                System.arraycopy(cur, 1, out, y * w, w);
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return out;
        }

        private int regular(int ra, int rb, int rc, int q1, int q2, int q3) throws CodecException {
            int sign = 1;
            if (q1 < 0 || q1 == 0 && (q2 < 0 || q2 == 0 && q3 < 0)) {
                sign = -1;
                q1 = -q1;
                q2 = -q2;
                q3 = -q3;
            }
            int q = (q1 * 9 + q2) * 9 + q3; // 1..364 after the sign flip
            int px;
            if (rc >= Math.max(ra, rb)) {
                px = Math.min(ra, rb);
            } else if (rc <= Math.min(ra, rb)) {
                px = Math.max(ra, rb);
            } else {
                px = ra + rb - rc;
            }
            px += sign * c[q];
            px = Math.max(0, Math.min(h.maxVal, px));
            int k = 0;
            while ((n[q] << k) < a[q]) {
                k++;
            }
            int m = golomb(k, limit);
            int err;
            if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) {
                err = (m & 1) != 0 ? (m - 1) >> 1 : -(m >> 1) - 1;
            } else {
                err = (m & 1) != 0 ? -((m + 1) >> 1) : m >> 1;
            }
            b[q] += err * (2 * near + 1);
            a[q] += Math.abs(err);
            if (n[q] == h.reset) {
                a[q] >>= 1;
                b[q] = b[q] >= 0 ? b[q] >> 1 : -((1 - b[q]) >> 1);
                n[q] >>= 1;
            }
            n[q]++;
            if (b[q] <= -n[q]) {
                b[q] += n[q];
                if (c[q] > -128) {
                    c[q]--;
                }
                if (b[q] <= -n[q]) {
                    b[q] = -n[q] + 1;
                }
            } else if (b[q] > 0) {
                b[q] -= n[q];
                if (c[q] < 127) {
                    c[q]++;
                }
                if (b[q] > 0) {
                    b[q] = 0;
                }
            }
            return reconstruct(px, sign * err);
        }

        /** Decodes a run starting at x (and its interruption sample); returns the next x. */
        private int runMode(int[] cur, int[] prev, int x, int w) throws CodecException {
            int ra = cur[x];
            int left = w - x;
            int count = 0;
            while (readBit() == 1) {
                int seg = Math.min(1 << J[runIndex], left - count);
                count += seg;
                if (seg == 1 << J[runIndex] && runIndex < 31) {
                    runIndex++;
                }
                if (count == left) {
                    break;
                }
            }
            boolean interrupted = count < left;
            if (interrupted) {
                count += J[runIndex] > 0 ? readBits(J[runIndex]) : 0;
                if (count > left) {
                    throw new CodecException("JPEG-LS run overruns the line");
                }
            }
            for (int i = 0; i < count; i++) {
                cur[x + 1 + i] = ra;
            }
            x += count;
            if (!interrupted || x == w) {
                return x;
            }
            int rb = prev[x + 1];
            int riType = Math.abs(ra - rb) <= near ? 1 : 0;
            int px = riType == 1 ? ra : rb;
            int q = 365 + riType;
            int temp = riType == 0 ? a[q] : a[q] + (n[q] >> 1);
            int k = 0;
            while ((n[q] << k) < temp) {
                k++;
            }
            int em = golomb(k, limit - J[runIndex] - 1);
            int t = em + riType;
            int map = t & 1;
            int abs = (t + map) >> 1;
            boolean negative = (k != 0 || 2 * nn[q] >= n[q]) == (map == 1);
            int err = negative ? -abs : abs;
            if (err < 0) {
                nn[q]++;
            }
            a[q] += (em + 1 - riType) >> 1;
            if (n[q] == h.reset) {
                a[q] >>= 1;
                n[q] >>= 1;
                nn[q] >>= 1;
            }
            n[q]++;
            if (riType == 0 && ra > rb) {
                err = -err;
            }
            cur[x + 1] = reconstruct(px, err);
            if (runIndex > 0) {
                runIndex--;
            }
            return x + 1;
        }

        private int reconstruct(int px, int err) {
            int rx = px + err * (2 * near + 1);
            if (rx < -near) {
                rx += range * (2 * near + 1);
            } else if (rx > h.maxVal + near) {
                rx -= range * (2 * near + 1);
            }
            return Math.max(0, Math.min(h.maxVal, rx));
        }

        private int quantize(int d) {
            if (d <= -h.t3) {
                return -4;
            } else if (d <= -h.t2) {
                return -3;
            } else if (d <= -h.t1) {
                return -2;
            } else if (d < -near) {
                return -1;
            } else if (d <= near) {
                return 0;
            } else if (d < h.t1) {
                return 1;
            } else if (d < h.t2) {
                return 2;
            } else if (d < h.t3) {
                return 3;
            }
            return 4;
        }

        /** A limited-length Golomb code with parameter k (T.87 A.5.3). */
        private int golomb(int k, int lim) throws CodecException {
            int q = 0;
            while (true) {
                if (bitCount == 0) {
                    need(1);
                }
                long window = bits << (64 - bitCount);
                if (window == 0) {
                    q += bitCount;
                    bitCount = 0;
                } else {
                    int zeros = Long.numberOfLeadingZeros(window);
                    q += zeros;
                    bitCount -= zeros + 1;
                    break;
                }
                if (q > lim) {
                    throw new CodecException("JPEG-LS code longer than its limit (corrupt data)");
                }
            }
            if (q > lim) {
                throw new CodecException("JPEG-LS code longer than its limit (corrupt data)");
            }
            if (q < lim - qbpp - 1) {
                return k == 0 ? q : (q << k) | readBits(k);
            }
            return readBits(qbpp) + 1;
        }

        private int readBit() throws CodecException {
            if (bitCount == 0) {
                need(1);
            }
            bitCount--;
            return (int) (bits >>> bitCount) & 1;
        }

        private int readBits(int count) throws CodecException {
            if (bitCount < count) {
                need(count);
            }
            bitCount -= count;
            return (int) (bits >>> bitCount) & ((1 << count) - 1);
        }

        /**
         * Fills the bit buffer to at least {@code count} bits (as far as the data goes). After an 0xFF byte the next
         * byte carries 7 bits (its MSB is a stuffed 0); an 0xFF followed by a byte with the MSB set is a marker, the
         * end of the scan.
         */
        private void need(int count) throws CodecException {
            while (bitCount <= 56 && pos < in.length) {
                boolean afterFf = pos > h.dataStart && (in[pos - 1] & 0xFF) == 0xFF;
                int v = in[pos] & 0xFF;
                if (afterFf) {
                    if ((v & 0x80) != 0) {
                        break; // a marker
                    }
                    bits = bits << 7 | v;
                    bitCount += 7;
                } else {
                    bits = bits << 8 | v;
                    bitCount += 8;
                }
                pos++;
            }
            if (bitCount < count) {
                throw new CodecException("JPEG-LS data ends before the image is complete");
            }
        }

        private static int ceilLog2(int v) {
            return 32 - Integer.numberOfLeadingZeros(v - 1);
        }
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }
}
