package rt.organize.internal.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;

/**
 * Hostile inputs made from valid RT objects written by our own writers (the seeds): one folder per kind of
 * mutation, reproducible from a fixed random seed. Kinds: truncation, bit flips, lying lengths, bad VRs, NaN and
 * degenerate geometry, hostile ids, deep nesting, zip and deflate bombs, special files and symlink loops.
 */
final class HostileCorpus {

    private static final String[] VRS = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB",
        "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "TM", "UI", "UL", "UN", "US", "UT"};
    static final String[] HOSTILE_IDS = {"=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1)",
        "\tTAB", "\rCR", "A\nB", "NUL\0ID", "../../../etc/passwd", "..", ".", "/abs", "C:\\x", "CON", "a/b\\c",
        "x".repeat(5000), "\u202Eevil", "Ä\u0301Ö", "*?<>|", " ", ""};

    private final Random random = new Random(20261203);
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /** Files written per kind. */
    Map<String, Integer> counts() {
        return counts;
    }

    /** Writes every kind under {@code root/<kind>/}; seeds are valid DICOM files. */
    void write(Path root, List<Path> seeds) throws IOException {
        List<byte[]> seedBytes = new ArrayList<>();
        for (Path s : seeds) {
            seedBytes.add(Files.readAllBytes(s));
        }
        for (int n = 0; n < 200; n++) {
            byte[] b = pick(seedBytes);
            put(root, "truncation", n, java.util.Arrays.copyOf(b, random.nextInt(b.length)));
        }
        for (int n = 0; n < 300; n++) {
            byte[] b = pick(seedBytes).clone();
            for (int k = 1 + random.nextInt(40); k > 0; k--) {
                int at = 128 + random.nextInt(b.length - 128);
                b[at] ^= (byte) (1 << random.nextInt(8));
            }
            put(root, "bitflip", n, b);
        }
        for (int n = 0; n < 200; n++) {
            byte[] b = pick(seedBytes).clone();
            int at = vrPosition(b);
            // the length field after the VR (2 or 4 bytes): claim far more than the file holds
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int[] lies = {0xFFFFFFF0, 0x7FFFFFFF, 0x40000000, -2, b.length * 2};
            if (at + 8 <= b.length) {
                bb.putInt(at + 4, lies[n % lies.length]);
                bb.putShort(at + 2, (short) (n % 2 == 0 ? 0xFFFF : 0x7FFF));
            }
            put(root, "lying-length", n, b);
        }
        for (int n = 0; n < 150; n++) {
            byte[] b = pick(seedBytes).clone();
            int at = vrPosition(b);
            b[at] = (byte) (n % 3 == 0 ? 0 : 'A' + random.nextInt(26));
            b[at + 1] = (byte) (n % 5 == 0 ? 0xFF : 'a' + random.nextInt(26));
            put(root, "bad-vr", n, b);
        }
        int n = 0;
        for (Path s : seeds) {
            DicomObject ds = DicomReader.readDataset(s);
            if (!ds.contains(Tag.ImagePositionPatient)) {
                continue;
            }
            String[][] geometry = {{"NaN", "NaN", "NaN"}, {"Infinity", "0", "0"}, {"1e308", "-1e308", "0"}};
            for (String[] g : geometry) {
                put(root, "nan-geometry", n++, DicomWriter.toBytes(copy(ds).putString(Tag.ImagePositionPatient, g)));
            }
            put(root, "nan-geometry", n++, DicomWriter.toBytes(copy(ds).putString(Tag.PixelSpacing, "0", "-1")));
            put(root, "nan-geometry", n++, DicomWriter.toBytes(copy(ds).putString(Tag.ImageOrientationPatient,
                    "0", "0", "0", "0", "0", "0")));
            put(root, "nan-geometry", n++, DicomWriter.toBytes(copy(ds).putInts(Tag.Rows, 65535)
                    .putInts(Tag.Columns, 65535)));
            if (n >= 60) {
                break;
            }
        }
        n = 0;
        for (String id : HOSTILE_IDS) {
            for (int k = 0; k < 3; k++) {
                DicomObject ds = DicomReader.readDataset(seeds.get((k * 7 + n) % seeds.size()));
                put(root, "hostile-id", n++, DicomWriter.toBytes(copy(ds).putString(Tag.PatientID, id)
                        .putString(Tag.PatientName, id)));
            }
        }
        for (int k = 0; k < 20; k++) {
            put(root, "deep-nesting", k, nested(k < 10 ? 200 * (k + 1) : 20_000 * (k - 9), k % 2 == 0));
        }
        for (int k = 0; k < 5; k++) {
            Path zip = dir(root, "zip-bomb").resolve("bomb" + k + (k % 2 == 0 ? ".zip" : ".dcm"));
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
                z.putNextEntry(new ZipEntry("inner.dcm"));
                writeZeros(z, 16L << 20);
                z.closeEntry();
            }
            count("zip-bomb");
        }
        for (int k = 0; k < 5; k++) {
            put(root, "deflate-bomb", k, deflateBomb(k));
        }
        Path special = dir(root, "special");
        for (int k = 0; k < 10; k++) {
            Path fifo = special.resolve("fifo" + k + ".dcm");
            try {
                if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
                    count("special");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        for (int k = 0; k < 5; k++) {
            Path d = Files.createDirectories(special.resolve("loop" + k));
            Files.createSymbolicLink(d.resolve("back"), k % 2 == 0 ? special : d);
            Files.createSymbolicLink(special.resolve("broken" + k + ".dcm"), special.resolve("missing" + k));
            count("special");
            count("special");
        }
        Path locked = Files.createDirectories(special.resolve("locked"));
        Files.write(locked.resolve("x.dcm"), seedBytes.get(0));
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        count("special");
    }

    private static DicomObject copy(DicomObject ds) throws IOException {
        return DicomReader.read(DicomWriter.toBytes(ds), "copy", rt.dicom.ReadOptions.ALL).dataset();
    }

    private byte[] pick(List<byte[]> seeds) {
        return seeds.get(random.nextInt(seeds.size()));
    }

    /** A random position of a VR code in the dataset (after the preamble), or 132 when none is found. */
    private int vrPosition(byte[] b) {
        List<Integer> at = new ArrayList<>();
        for (int i = 136; i + 2 < b.length && at.size() < 2000; i++) {
            for (String vr : VRS) {
                if (b[i] == vr.charAt(0) && b[i + 1] == vr.charAt(1)) {
                    at.add(i);
                }
            }
        }
        return at.isEmpty() ? 132 : at.get(random.nextInt(at.size()));
    }

    private static byte[] meta(String transferSyntax) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[128]);
        m.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        m.writeBytes(element(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.481.3"));
        m.writeBytes(element(0x0002, 0x0003, "UI", "1.2.3.4"));
        m.writeBytes(element(0x0002, 0x0010, "UI", transferSyntax));
        return m.toByteArray();
    }

    private static byte[] element(int group, int elem, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        int len = v.length + (v.length % 2);
        ByteBuffer b = ByteBuffer.allocate(8 + len).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) group).putShort((short) elem).put(vr.getBytes(StandardCharsets.US_ASCII))
                .putShort((short) len).put(v);
        return b.array();
    }

    /** Sequences of undefined length nested {@code depth} deep, closed or left open. */
    private static byte[] nested(int depth, boolean closed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(meta("1.2.840.10008.1.2.1"));
        out.writeBytes(element(0x0010, 0x0020, "LO", "DEEP"));
        ByteBuffer open = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        open.putShort((short) 0x3006).putShort((short) 0x0020).put("SQ".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 0).putInt(-1).putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        for (int k = 0; k < depth; k++) {
            out.writeBytes(open.array());
        }
        if (closed) {
            ByteBuffer close = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            close.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0).putShort((short) 0xFFFE)
                    .putShort((short) 0xE0DD).putInt(0);
            for (int k = 0; k < depth; k++) {
                out.writeBytes(close.array());
            }
        }
        return out.toByteArray();
    }

    /** Deflated Explicit VR Little Endian: about 32 kB that inflate to 32 MB (the reader must not need it all). */
    private static byte[] deflateBomb(int k) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(meta("1.2.840.10008.1.2.1.99"));
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(9, true), 1 << 16)) {
            d.write(element(0x0010, 0x0020, "LO", "BOMB" + k));
            ByteBuffer ob = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            ob.putShort((short) (k % 2 == 0 ? 0x0011 : 0x7FE0)).putShort((short) 0x0010)
                    .put("OB".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(32 << 20);
            d.write(ob.array());
            writeZeros(d, 32L << 20);
        }
        return out.toByteArray();
    }

    private static void writeZeros(OutputStream out, long n) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long left = n; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    private void put(Path root, String kind, int n, byte[] bytes) throws IOException {
        Files.write(dir(root, kind).resolve(kind + "-" + n + ".dcm"), bytes);
        count(kind);
    }

    private static Path dir(Path root, String kind) throws IOException {
        return Files.createDirectories(root.resolve(kind));
    }

    private void count(String kind) {
        counts.merge(kind, 1, Integer::sum);
    }
}
