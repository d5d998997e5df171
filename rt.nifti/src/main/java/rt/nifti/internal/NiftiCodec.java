package rt.nifti.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.nifti.ImageFormatException;
import rt.nifti.ImageHeader;
import rt.nifti.NiftiType;

/** NIfTI-1 single-file codec. */
public final class NiftiCodec {

    static final int HEADER_SIZE = 348;
    static final int VOX_OFFSET = 352;

    private NiftiCodec() {
    }

    /** A header plus (optionally) its scaled voxel values. */
    public record Image(ImageHeader header, float[] values) {

        /** The voxels as a volume of the given quantity. */
        public Volume volume(Quantity quantity) {
            return new Volume(header.grid(), values, quantity);
        }

        /** The voxels as a label map (values must be integers in 0..32767, else an ImageFormatException). */
        public LabelMap labels(Path file, Map<Integer, String> names) throws ImageFormatException {
            return new LabelMap(header.grid(), toLabels(file, values), names);
        }
    }

    public static Image read(Path file, boolean voxels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, "no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = raw;
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            if (gz) {
                in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            }
            byte[] hdr = new byte[HEADER_SIZE];
            try {
                readFully(in, hdr, 0, hdr.length);
            } catch (EOFException e) {
                throw new ImageFormatException(file, "too short for a NIfTI-1 header (348 bytes)");
            }
            ByteBuffer h = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
            int size = h.getInt(0);
            if (size != HEADER_SIZE) {
                h.order(ByteOrder.BIG_ENDIAN);
                if (h.getInt(0) != HEADER_SIZE) {
                    int be = h.getInt(0);
                    if (size == 540 || be == 540) {
                        throw new ImageFormatException(file, "NIfTI-2 is not supported (sizeof_hdr 540)");
                    }
                    throw new ImageFormatException(file, "not a NIfTI-1 file (sizeof_hdr " + size + ")");
                }
            }
            Parsed p = parseHeader(file, h, gz ? -1 : Files.size(file));
            if (!voxels) {
                return new Image(p.header, null);
            }
            long skip = p.voxOffset - HEADER_SIZE;
            skipFully(file, in, skip);
            float[] values = VoxelReader.read(file, in, p.header.type(), h.order(), p.count,
                    p.header.slope(), p.header.intercept());
            return new Image(p.header, values);
        } catch (EOFException e) {
            throw new ImageFormatException(file, "truncated: voxel data ends early", e);
        } catch (java.util.zip.ZipException e) {
            throw new ImageFormatException(file, "corrupt gzip stream: " + e.getMessage(), e);
        }
    }

    private record Parsed(ImageHeader header, long voxOffset, int count) {
    }

    private static Parsed parseHeader(Path file, ByteBuffer h, long fileSize) throws ImageFormatException {
        String magic = new String(bytes(h, 344, 4), StandardCharsets.ISO_8859_1);
        if (magic.startsWith("ni1")) {
            throw new ImageFormatException(file, "two-file NIfTI (.hdr/.img) is not supported");
        }
        if (!magic.startsWith("n+1")) {
            throw new ImageFormatException(file, "bad NIfTI-1 magic '" + magic.trim() + "'");
        }
        int ndim = h.getShort(40);
        if (ndim < 1 || ndim > 7) {
            throw new ImageFormatException(file, "bad dim[0] " + ndim);
        }
        int[] dim = {1, 1, 1};
        for (int d = 1; d <= ndim; d++) {
            int v = h.getShort(40 + 2 * d);
            if (v <= 0) {
                throw new ImageFormatException(file, "bad dim[" + d + "] " + v);
            }
            if (d <= 3) {
                dim[d - 1] = v;
            } else if (v != 1) {
                throw new ImageFormatException(file, "only 3D images are supported (dim[" + d + "] = " + v + ")");
            }
        }
        int code = h.getShort(70);
        NiftiType type = NiftiType.ofCode(code);
        if (type == null) {
            throw new ImageFormatException(file, "unsupported NIfTI datatype " + code);
        }
        long count = (long) dim[0] * dim[1] * dim[2];
        if (count > Integer.MAX_VALUE - 8) {
            throw new ImageFormatException(file, "image too large: " + dim[0] + "x" + dim[1] + "x" + dim[2]);
        }
        float voxOffsetF = h.getFloat(108);
        long voxOffset = Math.max(VOX_OFFSET, (long) voxOffsetF);
        if (!(voxOffsetF >= 0) || voxOffsetF > 1e9) {
            throw new ImageFormatException(file, "bad vox_offset " + voxOffsetF);
        }
        if (fileSize >= 0 && fileSize < voxOffset + count * type.bytes()) {
            throw new ImageFormatException(file, "truncated: needs " + (voxOffset + count * type.bytes())
                    + " bytes, has " + fileSize);
        }
        double slope = h.getFloat(112);
        double inter = h.getFloat(116);
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(inter)) {
            slope = 1;
            inter = 0;
        }
        double[] pixdim = new double[8];
        for (int n = 0; n < 8; n++) {
            pixdim[n] = h.getFloat(76 + 4 * n);
        }
        int qformCode = h.getShort(252);
        int sformCode = h.getShort(254);
        double[][] ras;
        if (sformCode > 0) {
            ras = new double[3][4];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    ras[r][c] = h.getFloat(280 + 16 * r + 4 * c);
                }
            }
        } else if (qformCode > 0) {
            ras = Affines.quaternToAffine(h.getFloat(256), h.getFloat(260), h.getFloat(264), h.getFloat(268),
                    h.getFloat(272), h.getFloat(276), pixdim[1], pixdim[2], pixdim[3], pixdim[0]);
        } else {
            ras = new double[3][4];
            double[] z = {Math.abs(pixdim[1]) > 0 ? Math.abs(pixdim[1]) : 1,
                    Math.abs(pixdim[2]) > 0 ? Math.abs(pixdim[2]) : 1, Math.abs(pixdim[3]) > 0 ? Math.abs(pixdim[3]) : 1};
            ras[0][0] = -z[0];
            ras[1][1] = z[1];
            ras[2][2] = z[2];
            ras[0][3] = (dim[0] - 1) / 2.0 * z[0];
            ras[1][3] = -(dim[1] - 1) / 2.0 * z[1];
            ras[2][3] = -(dim[2] - 1) / 2.0 * z[2];
        }
        Grid grid = Affines.rasToGrid(file, ras, dim);
        String descrip = cString(bytes(h, 148, 80));
        return new Parsed(new ImageHeader(grid, type, slope, inter, descrip), voxOffset, (int) count);
    }

    private static short[] toLabels(Path file, float[] values) throws ImageFormatException {
        short[] out = new short[values.length];
        for (int n = 0; n < values.length; n++) {
            float v = values[n];
            int l = Math.round(v);
            if (l != v || l < 0 || l > Short.MAX_VALUE) {
                throw new ImageFormatException(file, "not a label image: voxel value " + v + " at index " + n
                        + " (labels must be integers 0..32767)");
            }
            out[n] = (short) l;
        }
        return out;
    }

    public static boolean fitsInt16(float[] v) {
        for (float f : v) {
            if (f != Math.rint(f) || f < Short.MIN_VALUE || f > Short.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    public static void write(Path file, Grid grid, float[] values, NiftiType type, String descrip)
            throws IOException {
        if (values.length != grid.voxelCount()) {
            throw new IllegalArgumentException("values do not match the grid");
        }
        writeWith(file, grid, type, descrip, (buf, from, to) -> {
            for (int n = from; n < to; n++) {
                VoxelWriter.put(buf, type, values[n]);
            }
        });
    }

    public static void writeLabels(Path file, Grid grid, short[] labels) throws IOException {
        boolean small = true;
        for (short s : labels) {
            if (s < 0 || s > 255) {
                small = false;
                break;
            }
        }
        NiftiType type = small ? NiftiType.UINT8 : NiftiType.INT16;
        writeWith(file, grid, type, "labels", (buf, from, to) -> {
            for (int n = from; n < to; n++) {
                if (type == NiftiType.UINT8) {
                    buf.put((byte) labels[n]);
                } else {
                    buf.putShort(labels[n]);
                }
            }
        });
    }

    public static void writeMask(Path file, Grid grid, boolean[] inside) throws IOException {
        writeWith(file, grid, NiftiType.UINT8, "mask", (buf, from, to) -> {
            for (int n = from; n < to; n++) {
                buf.put(inside[n] ? (byte) 1 : 0);
            }
        });
    }

    interface Filler {
        void fill(ByteBuffer buf, int from, int to);
    }

    private static void writeWith(Path file, Grid grid, NiftiType type, String descrip, Filler filler)
            throws IOException {
        ByteBuffer h = header(grid, type, descrip);
        int count = Math.toIntExact(grid.voxelCount());
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        NiftiOutput.write(file, gz, out -> {
            out.write(h.array());
            int chunk = Math.max(1, (1 << 20) / type.bytes());
            ByteBuffer buf = ByteBuffer.allocate(chunk * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < count; from += chunk) {
                int to = Math.min(count, from + chunk);
                buf.clear();
                filler.fill(buf, from, to);
                out.write(buf.array(), 0, buf.position());
            }
        });
    }

    static ByteBuffer header(Grid grid, NiftiType type, String descrip) {
        ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER_SIZE);
        h.put(38, (byte) 'r');
        short[] dim = {3, (short) grid.nx(), (short) grid.ny(), (short) grid.nz(), 1, 1, 1, 1};
        if (grid.nx() > Short.MAX_VALUE || grid.ny() > Short.MAX_VALUE || grid.nz() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("grid too large for NIfTI-1: " + grid);
        }
        for (int n = 0; n < 8; n++) {
            h.putShort(40 + 2 * n, dim[n]);
        }
        h.putShort(70, (short) type.code());
        h.putShort(72, (short) (type.bytes() * 8));
        double[][] ras = Affines.gridToRas(grid);
        double[] q = Affines.affineToQuatern(ras);
        float[] pixdim = {(float) q[6], (float) grid.spacing(0), (float) grid.spacing(1), (float) grid.spacing(2), 0,
            0, 0, 0};
        for (int n = 0; n < 8; n++) {
            h.putFloat(76 + 4 * n, pixdim[n]);
        }
        h.putFloat(108, VOX_OFFSET);
        h.putFloat(112, 1f);
        h.putFloat(116, 0f);
        h.put(123, (byte) 2); // mm
        byte[] d = descrip.getBytes(StandardCharsets.US_ASCII);
        h.put(148, d, 0, Math.min(79, d.length));
        h.putShort(252, (short) 1);
        h.putShort(254, (short) 1);
        for (int n = 0; n < 6; n++) {
            h.putFloat(256 + 4 * n, (float) q[n]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.putFloat(280 + 16 * r + 4 * c, (float) ras[r][c]);
            }
        }
        h.put(344, new byte[] {'n', '+', '1', 0});
        return h;
    }

    static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int r = in.read(b, off, len);
            if (r < 0) {
                throw new EOFException();
            }
            off += r;
            len -= r;
        }
    }

    static void skipFully(Path file, InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new ImageFormatException(file, "truncated before the voxel data");
                }
                s = 1;
            }
            n -= s;
        }
    }

    private static byte[] bytes(ByteBuffer h, int off, int len) {
        byte[] b = new byte[len];
        for (int n = 0; n < len; n++) {
            b[n] = h.get(off + n);
        }
        return b;
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1).trim();
    }

    interface StreamBody {
        void write(OutputStream out) throws IOException;
    }
}
