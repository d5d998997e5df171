package rt.dicom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;

/**
 * Benchmarks (not a test): header scan files/s over every .dcm of the reference data (warm cache), and full parse
 * MB/s of the dicompyler RTSTRUCT (codec only, and codec + all contour points as doubles).
 * Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) rt.dicom.bench.DicomBench ../shared/refdata [RTSTRUCT files...]}
 */
public final class DicomBench {

    /** Thread CPU time as well as wall time: the build machine is shared, wall figures depend on its load. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private DicomBench() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/refdata");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        long sink = 0;
        for (int warm = 0; warm < 20; warm++) {
            sink += scan(files);
        }
        int rounds = 50;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            sink += scan(files);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "header scan: %d files x %d rounds: %.0f files/s%n", files.size(), rounds,
                files.size() * rounds / s);

        List<Path> structs = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            structs.add(Path.of(args[i]));
        }
        if (structs.isEmpty()) {
            structs.add(root.resolve("dicompyler-core/rtss.dcm"));
        }
        for (Path rtss : structs) {
            double mb = Files.size(rtss) / 1e6;
            for (int warm = 0; warm < 30; warm++) {
                sink += parseStruct(rtss);
            }
            int n = 100;
            t0 = System.nanoTime();
            for (int r = 0; r < n; r++) {
                sink += DicomReader.read(rtss).dataset().size();
            }
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s %.2f MB codec parse: %.1f ms/file, %.0f MB/s%n", rtss.getFileName(), mb,
                    s * 1000 / n, mb * n / s);
            t0 = System.nanoTime();
            long cpu0 = CPU.getCurrentThreadCpuTime();
            for (int r = 0; r < n; r++) {
                sink += parseStruct(rtss);
            }
            s = (System.nanoTime() - t0) / 1e9;
            double cpu = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "%s %.2f MB parse + RtStruct (all contour doubles): %.1f ms/file, "
                    + "%.0f MB/s (thread CPU time: %.1f ms/file, %.0f MB/s)%n", rtss.getFileName(), mb, s * 1000 / n,
                    mb * n / s, cpu * 1000 / n, mb * n / cpu);
        }
        System.out.println("(sink " + sink + ")");
    }

    private static long scan(List<Path> files) throws IOException {
        long n = 0;
        for (Path f : files) {
            try {
                DicomObject h = DicomReader.readHeader(f).dataset();
                String uid = h.getString(Tag.SOPInstanceUID);
                n += uid == null ? 0 : uid.length();
            } catch (DicomException e) {
                n--; // rejected files count as scanned (as in the PixelMed and pydicom benches)
            }
        }
        return n;
    }

    private static long parseStruct(Path f) throws IOException {
        RtStruct rs = RtStructReader.read(f);
        long n = 0;
        for (var roi : rs.rois()) {
            n += roi.pointCount();
        }
        return n;
    }
}
