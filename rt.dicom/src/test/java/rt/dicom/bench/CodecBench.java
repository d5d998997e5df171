package rt.dicom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomReader;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.PixelData;
import rt.dicom.Uids;

/**
 * Benchmark (not a test): decode MB/s per transfer syntax, ours beside GDCM (in one Python process through pydicom's
 * GDCM handler, files read from memory) and dcm2niix (whole process on the folder, NIfTI written uncompressed).
 * Source: a 512 x 512 x N CT from our writer (body ellipse, bone, noise; Bits Stored 12), compressed by the
 * Debian tools. MB = uncompressed pixel bytes.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) rt.dicom.bench.CodecBench [WORKDIR] [SLICES]}
 */
public final class CodecBench {

    private static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("Explicit VR LE (native)", List.of());
        VARIANTS.put("Implicit VR LE", List.of("gdcmconv", "-M"));
        VARIANTS.put("Explicit VR Big Endian", List.of("dcmconv", "+tb"));
        VARIANTS.put("Deflated Explicit VR LE", List.of("dcmconv", "+td"));
        VARIANTS.put("RLE Lossless", List.of("gdcmconv", "--rle"));
        VARIANTS.put("JPEG Baseline 8-bit", List.of("dcmcjpeg", "+eb"));
        VARIANTS.put("JPEG Extended 12-bit", List.of("dcmcjpeg", "+ee"));
        VARIANTS.put("JPEG Lossless SV1", List.of("gdcmconv", "--jpeg"));
        VARIANTS.put("JPEG Lossless SV7", List.of("dcmcjpeg", "+el", "+sv", "7"));
        VARIANTS.put("JPEG-LS Lossless", List.of("gdcmconv", "--jpegls"));
        VARIANTS.put("JPEG-LS Near-Lossless (2)", List.of("gdcmconv", "--jpegls", "--lossy", "-e", "2"));
        VARIANTS.put("JPEG 2000 Lossless", List.of("gdcmconv", "--j2k"));
        VARIANTS.put("JPEG 2000 Lossy", List.of("gdcmconv", "--j2k", "--lossy", "-q", "30"));
    }

    private CodecBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/codec-bench"));
        int slices = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path source = writeSource(work.resolve("source"), slices);
        double mb = slices * 512.0 * 512 * 2 / 1e6;
        Map<String, Path> folders = new LinkedHashMap<>();
        for (var v : VARIANTS.entrySet()) {
            Path dir = v.getValue().isEmpty() ? source : compress(source, work.resolve(v.getKey()
                    .replaceAll("[^A-Za-z0-9]+", "_")), v.getValue());
            if (dir != null) {
                folders.put(v.getKey(), dir);
            }
        }
        Map<String, String> gdcm = gdcmSeconds(folders.values());
        System.out.printf(Locale.ROOT, "%d slices 512x512x16 bit = %.1f MB uncompressed per series%n", slices, mb);
        System.out.printf(Locale.ROOT, "%-28s %8s %12s %12s %12s%n", "transfer syntax", "ratio", "rt.dicom",
                "GDCM(py)", "dcm2niix");
        for (var e : folders.entrySet()) {
            double ours = oursSeconds(e.getValue());
            String g = gdcm.getOrDefault(e.getValue().toString(), "n/a");
            String gMbs = g.matches("[0-9.eE-]+") ? String.format(Locale.ROOT, "%.1f", mb / Double.parseDouble(g))
                    : "n/a";
            double d2n = dcm2niixSeconds(e.getValue(), work);
            System.out.printf(Locale.ROOT, "%-28s %8.2f %9.1f MB/s %7s MB/s %7s MB/s%n", e.getKey(),
                    mb * 1e6 / size(e.getValue()), mb / ours, gMbs,
                    d2n > 0 ? String.format(Locale.ROOT, "%.1f", mb / d2n) : "n/a");
        }
    }

    private static Path writeSource(Path dir, int slices) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Grid g = Grid.axisAligned(512, 512, slices, new double[] {-250, -250, 0}, new double[] {0.98, 0.98, 2});
        float[] hu = new float[(int) g.voxelCount()];
        Random random = new Random(7);
        for (int i = 0; i < hu.length; i++) {
            int x = i % 512 - 256;
            int y = i / 512 % 512 - 256;
            double r = x * x / (200.0 * 200) + y * y / (140.0 * 140);
            double v = r < 1 ? 30 + 20 * Math.sin(x / 9.0) * Math.cos(y / 13.0) : -1000;
            if (x * x + (y - 60) * (y - 60) < 400) {
                v = 900;
            }
            hu[i] = (float) Math.max(-1024, Math.min(3071, v + random.nextGaussian() * 12));
        }
        Files.createDirectories(dir);
        new CtSeriesWriter(PatientStudy.newStudy("B", "B"), Uids.create(), new Volume(g, hu, Quantity.HU))
                .customize(ds -> {
                    ds.putInts(rt.dicom.Tag.BitsStored, 12);
                    ds.putInts(rt.dicom.Tag.HighBit, 11);
                }).write(dir);
        return dir;
    }

    private static Path compress(Path source, Path dir, List<String> tool) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin", tool.get(0)))) {
            return null;
        }
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir);
        for (Path f : list(source)) {
            List<String> cmd = new ArrayList<>(tool);
            Path out = dir.resolve(f.getFileName());
            if (tool.get(0).equals("gdcmconv")) {
                cmd.addAll(List.of("-i", f.toString(), "-o", out.toString()));
            } else {
                cmd.addAll(List.of(f.toString(), out.toString()));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return null;
            }
        }
        return dir;
    }

    /** Best of 5 rounds after 2 warm-up rounds (read + decode every file; files in the page cache). */
    private static double oursSeconds(Path dir) throws IOException {
        List<Path> files = list(dir);
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 7; round++) {
            long t = System.nanoTime();
            for (Path f : files) {
                sink += PixelData.storedValues(DicomReader.read(f))[0].length;
            }
            if (round >= 2) {
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
            }
        }
        return sink > 0 ? best : Double.NaN;
    }

    private static Map<String, String> gdcmSeconds(Iterable<Path> dirs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "tools/bench_reference.py", "3"));
        dirs.forEach(d -> cmd.add(d.toString()));
        Map<String, String> out = new LinkedHashMap<>();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
            String[] parts = line.split(" ");
            out.put(parts[0], parts[1]);
        }
        p.waitFor();
        return out;
    }

    /** dcm2niix on the folder, best of 3, whole process (start, decode, NIfTI write, uncompressed). */
    private static double dcm2niixSeconds(Path dir, Path work) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/dcm2niix"))) {
            return -1;
        }
        Path out = Files.createDirectories(work.resolve("dcm2niix"));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("/usr/bin/dcm2niix", "-z", "n", "-b", "n", "-o", out.toString(), "-f",
                    "bench" + i, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return -1;
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    private static long size(Path dir) throws IOException {
        long s = 0;
        for (Path f : list(dir)) {
            s += Files.size(f);
        }
        return s;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
