package rt.organize.internal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.Organizer;
import rt.testsupport.TestStageContext;
import rt.organize.internal.demo.DemoCohort;

/**
 * Benchmark, not a test: organize of a demo cohort. {@code java … OrganizeBench [patients=100] [threads=cores]
 * [workdir]}. Prints files/s, wall time and peak heap for a cold run and for a second (resume) run.
 */
public final class OrganizeBench {

    private OrganizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("rt-organize-bench");
        Path in = work.resolve("input");
        Path out = work.resolve("out");
        long t0 = System.nanoTime();
        DemoCohort.Written w = DemoCohort.write(in, patients);
        System.out.printf("demo cohort: %d patients, %d files, %.1f MB, written in %.1f s%n", patients, w.files(),
                w.bytes() / 1e6, (System.nanoTime() - t0) / 1e9);
        System.gc();
        resetPeaks();
        run("cold", in, out, threads);
        resetPeaks();
        run("resume (nothing changed)", in, out, threads);
        if (args.length <= 2) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String label, Path in, Path out, int threads) throws Exception {
        long t = System.nanoTime();
        Organizer.Summary s = new Organizer(TestStageContext.builder(out).dicomRoot(in).cores(threads).build(),
                OrganizeStage.VERSION).run();
        double sec = (System.nanoTime() - t) / 1e9;
        System.out.printf("organize %s: %d files, %d courses (%d written, %d unchanged), %d threads: wall %.2f s,"
                + " %.0f files/s, peak heap %.0f MB%n", label, s.files(), s.courses(), s.written(), s.unchanged(),
                threads, sec, s.files() / sec, peakHeapMb());
        byte[] model = rt.organize.internal.io.Json.MAPPER.writeValueAsBytes(s.published());
        // For comparison: the same model with one object per file (as before: every CT slice), from course.json.
        java.util.List<rt.api.course.Course> perFile = new java.util.ArrayList<>();
        for (rt.api.course.Course c : s.published()) {
            var j = rt.organize.internal.io.Json.MAPPER.readTree(out.resolve(c.folder()).resolve("course.json")
                    .toFile());
            java.util.List<rt.api.course.CourseObject> objects = new java.util.ArrayList<>();
            for (var o : j.path("objects")) {
                objects.add(new rt.api.course.CourseObject(rt.api.course.Role.valueOf(o.path("role").asText()),
                        o.path("modality").asText(), o.path("sop_instance_uid").asText(null),
                        o.path("series_instance_uid").asText(null), o.path("frame_of_reference_uid").asText(null),
                        o.path("path").asText(), o.path("source_path").asText(null)));
            }
            perFile.add(new rt.api.course.Course(c.patientId(), c.courseId(), c.folder(), c.site(), c.fileCount(),
                    c.frameOfReferenceUid(), c.planningCtSeriesUid(), c.prescriptionGy(), c.doseClassification(),
                    objects, c.attributes()));
        }
        byte[] old = rt.organize.internal.io.Json.MAPPER.writeValueAsBytes(perFile);
        System.out.printf("  published course model (what manifest.json holds): %.1f kB, %d objects"
                + " (one object per file instead: %.1f kB, %d objects)%n", model.length / 1e3,
                s.published().stream().mapToInt(c -> c.objects().size()).sum(), old.length / 1e3,
                perFile.stream().mapToInt(c -> c.objects().size()).sum());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }
}
