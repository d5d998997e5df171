package rt.nifti.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StreamTokenizer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import rt.api.image.Grid;
import rt.nifti.ImageFormatException;
import rt.nifti.ImageHeader;
import rt.nifti.NiftiType;

/** NRRD reader (attached or detached data; raw, gzip or ascii encoding). */
public final class NrrdCodec {

    private static final int MAX_HEADER = 1 << 20;

    private NrrdCodec() {
    }

    public static NiftiCodec.Image read(Path file, boolean voxels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, "no such file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            String magic = line(in);
            if (magic == null || !magic.startsWith("NRRD000")) {
                throw new ImageFormatException(file, "not a NRRD file (no NRRD000x magic)");
            }
            Map<String, String> f = new LinkedHashMap<>();
            int total = magic.length();
            for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
                total += l.length();
                if (total > MAX_HEADER) {
                    throw new ImageFormatException(file, "NRRD header longer than 1 MiB");
                }
                if (l.startsWith("#") || l.contains(":=")) {
                    continue;
                }
                int colon = l.indexOf(": ");
                if (colon < 0) {
                    throw new ImageFormatException(file, "bad NRRD header line '" + l + "'");
                }
                f.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 2).trim());
            }
            Header h = header(file, f);
            if (!voxels) {
                return new NiftiCodec.Image(h.header, null);
            }
            String dataFile = f.containsKey("data file") ? f.get("data file") : f.get("datafile");
            if (dataFile != null) {
                if (dataFile.startsWith("LIST") || dataFile.contains("%")) {
                    throw new ImageFormatException(file, "multi-file NRRD data is not supported");
                }
                Path data = file.toAbsolutePath().getParent().resolve(dataFile);
                if (!Files.isRegularFile(data)) {
                    throw new ImageFormatException(file, "data file not found: " + data);
                }
                try (InputStream din = new BufferedInputStream(Files.newInputStream(data), 1 << 16)) {
                    return new NiftiCodec.Image(h.header, values(file, din, h, f));
                }
            }
            return new NiftiCodec.Image(h.header, values(file, in, h, f));
        } catch (EOFException e) {
            throw new ImageFormatException(file, "truncated: voxel data ends early", e);
        } catch (ZipException e) {
            throw new ImageFormatException(file, "corrupt gzip stream: " + e.getMessage(), e);
        }
    }

    private record Header(ImageHeader header, int count, ByteOrder order, String encoding) {
    }

    private static Header header(Path file, Map<String, String> f) throws ImageFormatException {
        String typeName = require(file, f, "type");
        NiftiType type = type(typeName);
        if (type == null) {
            throw new ImageFormatException(file, "unsupported NRRD type '" + typeName + "'");
        }
        int dimension = parseInt(file, require(file, f, "dimension"), "dimension");
        String[] sizeTok = require(file, f, "sizes").split("\\s+");
        if (sizeTok.length != dimension) {
            throw new ImageFormatException(file, "sizes has " + sizeTok.length + " values, dimension is " + dimension);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String s : sizeTok) {
            int v = parseInt(file, s, "sizes");
            if (v <= 0) {
                throw new ImageFormatException(file, "bad size " + v);
            }
            sizes.add(v);
        }
        String[] dirTok = f.containsKey("space directions") ? splitVectors(f.get("space directions")) : null;
        // Drop non-spatial axes of size 1 (e.g. a leading "none" list axis); anything else must be 3 spatial axes.
        List<Integer> spatial = new ArrayList<>();
        for (int a = 0; a < dimension; a++) {
            boolean none = dirTok != null && dirTok[a].equals("none");
            if (none) {
                if (sizes.get(a) != 1) {
                    throw new ImageFormatException(file, "only scalar 3D images are supported (axis " + a + " has "
                            + sizes.get(a) + " values)");
                }
                continue;
            }
            spatial.add(a);
        }
        while (spatial.size() > 3 && sizes.get(spatial.get(spatial.size() - 1)) == 1) {
            spatial.remove(spatial.size() - 1);
        }
        if (spatial.size() < 2 || spatial.size() > 3) {
            throw new ImageFormatException(file, "only 3D images are supported (dimension " + dimension + ")");
        }
        int[] dim = {1, 1, 1};
        double[][] a = new double[3][4];
        for (int n = 0; n < spatial.size(); n++) {
            dim[n] = sizes.get(spatial.get(n));
        }
        String space = f.getOrDefault("space", "").toLowerCase(Locale.ROOT);
        boolean flipX;
        boolean flipY;
        switch (space) {
            case "left-posterior-superior", "lps" -> {
                flipX = false;
                flipY = false;
            }
            case "right-anterior-superior", "ras" -> {
                flipX = true;
                flipY = true;
            }
            case "left-anterior-superior", "las" -> {
                flipX = false;
                flipY = true;
            }
            case "" -> {
                flipX = false;
                flipY = false;
            }
            default -> throw new ImageFormatException(file, "unsupported NRRD space '" + space + "'");
        }
        if (dirTok != null) {
            for (int n = 0; n < spatial.size(); n++) {
                double[] v = vector(file, dirTok[spatial.get(n)]);
                for (int r = 0; r < 3; r++) {
                    a[r][n] = v[r];
                }
            }
            if (spatial.size() == 2) {
                // A 2D image: unit normal, 1 mm.
                double[] u = {a[0][0], a[1][0], a[2][0]};
                double[] v = {a[0][1], a[1][1], a[2][1]};
                double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
                double len = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
                for (int r = 0; r < 3; r++) {
                    a[r][2] = w[r] / len;
                }
            }
            if (f.containsKey("space origin")) {
                double[] o = vector(file, f.get("space origin"));
                for (int r = 0; r < 3; r++) {
                    a[r][3] = o[r];
                }
            }
        } else {
            String[] sp = f.getOrDefault("spacings", "1 1 1").split("\\s+");
            for (int n = 0; n < 3; n++) {
                double s = n < spatial.size() && spatial.get(n) < sp.length ? parseDouble(file, sp[spatial.get(n)])
                        : 1;
                a[n][n] = Double.isFinite(s) && s > 0 ? s : 1;
            }
        }
        long count = (long) dim[0] * dim[1] * dim[2];
        if (count > Integer.MAX_VALUE - 8) {
            throw new ImageFormatException(file, "image too large");
        }
        String endian = f.getOrDefault("endian", "little").toLowerCase(Locale.ROOT);
        ByteOrder order = endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String encoding = require(file, f, "encoding").toLowerCase(Locale.ROOT);
        Grid grid = Affines.toGrid(file, a, dim, flipX, flipY);
        return new Header(new ImageHeader(grid, type, 1, 0, f.getOrDefault("content", "")), (int) count, order,
                encoding);
    }

    private static float[] values(Path file, InputStream in, Header h, Map<String, String> f) throws IOException {
        int lineSkip = f.containsKey("line skip") ? parseInt(file, f.get("line skip"), "line skip") : 0;
        for (int n = 0; n < lineSkip; n++) {
            line(in);
        }
        long byteSkip = f.containsKey("byte skip") ? parseInt(file, f.get("byte skip"), "byte skip") : 0;
        switch (h.encoding) {
            case "raw" -> {
                if (byteSkip < 0) {
                    throw new ImageFormatException(file, "byte skip -1 is not supported");
                }
                NiftiCodec.skipFully(file, in, byteSkip);
                return VoxelReader.read(file, in, h.header.type(), h.order, h.count, 1, 0);
            }
            case "gzip", "gz" -> {
                InputStream gz = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                NiftiCodec.skipFully(file, gz, Math.max(0, byteSkip));
                return VoxelReader.read(file, gz, h.header.type(), h.order, h.count, 1, 0);
            }
            case "ascii", "text", "txt" -> {
                return ascii(file, in, h.count);
            }
            default -> throw new ImageFormatException(file, "unsupported NRRD encoding '" + h.encoding + "'");
        }
    }

    private static float[] ascii(Path file, InputStream in, int count) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.US_ASCII);
        StreamTokenizer t = new StreamTokenizer(r);
        t.resetSyntax();
        t.wordChars('!', '~');
        t.whitespaceChars(0, ' ');
        t.whitespaceChars(',', ',');
        float[] out = new float[count];
        for (int n = 0; n < count; n++) {
            if (t.nextToken() != StreamTokenizer.TT_WORD) {
                throw new ImageFormatException(file, "ascii data ends after " + n + " of " + count + " values");
            }
            out[n] = (float) parseDouble(file, t.sval);
        }
        return out;
    }

    private static NiftiType type(String t) {
        return switch (t.toLowerCase(Locale.ROOT).trim()) {
            case "signed char", "int8", "int8_t" -> NiftiType.INT8;
            case "uchar", "unsigned char", "uint8", "uint8_t" -> NiftiType.UINT8;
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> NiftiType.INT16;
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> NiftiType.UINT16;
            case "int", "signed int", "int32", "int32_t" -> NiftiType.INT32;
            case "float" -> NiftiType.FLOAT32;
            case "double" -> NiftiType.FLOAT64;
            default -> null;
        };
    }

    private static String[] splitVectors(String s) {
        List<String> out = new ArrayList<>();
        int n = 0;
        while (n < s.length()) {
            char c = s.charAt(n);
            if (c == '(') {
                int e = s.indexOf(')', n);
                if (e < 0) {
                    e = s.length() - 1;
                }
                out.add(s.substring(n, e + 1));
                n = e + 1;
            } else if (Character.isWhitespace(c)) {
                n++;
            } else {
                int e = n;
                while (e < s.length() && !Character.isWhitespace(s.charAt(e))) {
                    e++;
                }
                out.add(s.substring(n, e));
                n = e;
            }
        }
        return out.toArray(new String[0]);
    }

    private static double[] vector(Path file, String s) throws ImageFormatException {
        String t = s.trim();
        if (!t.startsWith("(") || !t.endsWith(")")) {
            throw new ImageFormatException(file, "bad NRRD vector '" + s + "'");
        }
        String[] parts = t.substring(1, t.length() - 1).split(",");
        if (parts.length != 3) {
            throw new ImageFormatException(file, "NRRD vector '" + s + "' must have 3 components");
        }
        double[] v = new double[3];
        for (int n = 0; n < 3; n++) {
            v[n] = parseDouble(file, parts[n].trim());
        }
        return v;
    }

    private static String require(Path file, Map<String, String> f, String key) throws ImageFormatException {
        String v = f.get(key);
        if (v == null) {
            throw new ImageFormatException(file, "NRRD header lacks '" + key + "'");
        }
        return v;
    }

    private static int parseInt(Path file, String s, String what) throws ImageFormatException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new ImageFormatException(file, "bad " + what + " '" + s + "'");
        }
    }

    private static double parseDouble(Path file, String s) throws ImageFormatException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ImageFormatException(file, "bad number '" + s + "'");
        }
    }

    /** One header line (LF or CRLF), Latin-1; null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(80);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.size() > MAX_HEADER) {
                throw new IOException("header line too long");
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
