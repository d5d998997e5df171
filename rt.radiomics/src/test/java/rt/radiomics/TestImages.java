package rt.radiomics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import rt.api.image.Grid;
import rt.api.image.Mask;

/** Minimal NRRD and NIfTI-1 readers for the reference data (test sources only; the product reads via rt.nifti). */
public final class TestImages {

    private TestImages() {
    }

    /** An image read from disk: the grid, the voxels as floats, and the file's voxel type. */
    public record Loaded(Grid grid, float[] voxels, PixelType type) {
        public RadiomicsImage image() {
            return new RadiomicsImage(grid, voxels, type);
        }

        public Mask mask(int label) {
            boolean[] m = new boolean[voxels.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = voxels[i] == label;
            }
            return new Mask(grid, m);
        }
    }

    public static Loaded read(Path p) throws IOException {
        String n = p.getFileName().toString();
        return n.endsWith(".nrrd") ? readNrrd(p) : readNifti(p);
    }

    static Loaded readNrrd(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        int pos = 0;
        Map<String, String> h = new HashMap<>();
        while (true) {
            int end = pos;
            while (all[end] != '\n') {
                end++;
            }
            String line = new String(all, pos, end - pos, java.nio.charset.StandardCharsets.US_ASCII).trim();
            pos = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int c = line.indexOf(':');
            if (line.startsWith("#") || c < 0) {
                continue;
            }
            h.put(line.substring(0, c).trim(), line.substring(c + 1).trim());
        }
        String[] sizes = h.get("sizes").split("\\s+");
        int nx = Integer.parseInt(sizes[0]);
        int ny = Integer.parseInt(sizes[1]);
        int nz = Integer.parseInt(sizes[2]);
        double[][] dirs = parseVectors(h.get("space directions"));
        double[] origin = parseVectors(h.get("space origin"))[0];
        double[] spacing = new double[3];
        double[] direction = new double[9];
        for (int a = 0; a < 3; a++) {
            double len = Math.sqrt(dirs[a][0] * dirs[a][0] + dirs[a][1] * dirs[a][1] + dirs[a][2] * dirs[a][2]);
            spacing[a] = len;
            for (int c = 0; c < 3; c++) {
                direction[a * 3 + c] = dirs[a][c] / len;
            }
        }
        byte[] data = java.util.Arrays.copyOfRange(all, pos, all.length);
        if ("gzip".equals(h.get("encoding")) || "gz".equals(h.get("encoding"))) {
            data = gunzip(data);
        }
        ByteBuffer bb = ByteBuffer.wrap(data)
                .order("big".equals(h.get("endian")) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n = nx * ny * nz;
        float[] v = new float[n];
        String type = h.get("type");
        PixelType pt;
        switch (type) {
            case "short", "int16", "signed short" -> {
                pt = PixelType.INT16;
                for (int i = 0; i < n; i++) {
                    v[i] = bb.getShort();
                }
            }
            case "int", "int32", "signed int" -> {
                pt = PixelType.INT32;
                for (int i = 0; i < n; i++) {
                    v[i] = bb.getInt();
                }
            }
            case "float" -> {
                pt = PixelType.FLOAT32;
                for (int i = 0; i < n; i++) {
                    v[i] = bb.getFloat();
                }
            }
            case "unsigned char", "uchar", "uint8" -> {
                pt = PixelType.UINT8;
                for (int i = 0; i < n; i++) {
                    v[i] = bb.get() & 0xff;
                }
            }
            default -> throw new IOException(p + ": NRRD type '" + type + "' not supported by the test reader");
        }
        return new Loaded(new Grid(nx, ny, nz, origin, spacing, direction), v, pt);
    }

    private static double[][] parseVectors(String s) {
        String[] parts = s.replace(")", "").split("\\(");
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            String[] c = part.trim().split(",");
            out.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2])});
        }
        return out.toArray(new double[0][]);
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static Loaded readNifti(Path p) throws IOException {
        byte[] data = Files.readAllBytes(p);
        if (p.toString().endsWith(".gz")) {
            data = gunzip(data);
        }
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (bb.getInt(0) != 348) {
            bb.order(ByteOrder.BIG_ENDIAN);
        }
        int nx = bb.getShort(42);
        int ny = bb.getShort(44);
        int nz = Math.max(1, (int) bb.getShort(46));
        short datatype = bb.getShort(70);
        double[] spacing = {bb.getFloat(80), bb.getFloat(84), bb.getFloat(88)};
        int offset = (int) bb.getFloat(108);
        double slope = bb.getFloat(112);
        double inter = bb.getFloat(116);
        if (slope == 0) {
            slope = 1;
            inter = 0;
        }
        double[] origin = {-bb.getFloat(268), -bb.getFloat(272), bb.getFloat(276)};
        int n = nx * ny * nz;
        float[] v = new float[n];
        bb.position(offset);
        PixelType pt;
        for (int i = 0; i < n; i++) {
            double x = switch (datatype) {
                case 2 -> bb.get() & 0xff;
                case 4 -> bb.getShort();
                case 8 -> bb.getInt();
                case 16 -> bb.getFloat();
                case 64 -> bb.getDouble();
                case 256 -> bb.get();
                case 512 -> bb.getShort() & 0xffff;
                default -> throw new IOException(p + ": NIfTI datatype " + datatype + " not supported by the test reader");
            };
            v[i] = (float) (x * slope + inter);
        }
        pt = switch (datatype) {
            case 2 -> PixelType.UINT8;
            case 4 -> PixelType.INT16;
            case 8 -> PixelType.INT32;
            case 64 -> PixelType.FLOAT64;
            default -> PixelType.FLOAT32;
        };
        return new Loaded(Grid.axisAligned(nx, ny, nz, origin, spacing), v, pt);
    }
}
