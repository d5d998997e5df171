package rt.organize.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import rt.api.LogLevel;
import rt.api.StageContext;
import rt.api.course.Course;
import rt.organize.internal.io.CourseWriter;
import rt.organize.internal.io.Discovery;
import rt.organize.internal.io.HeaderScanner;
import rt.organize.internal.io.Json;
import rt.organize.internal.plan.CourseGrouper;
import rt.organize.internal.plan.CourseNaming;
import rt.organize.internal.plan.Dedup;
import rt.organize.internal.plan.PlannedCourse;

/**
 * One organize run: discovery, deduplication, grouping, course folders, report. Plain Java on a
 * {@link StageContext}; the threads are this run's own ({@code lease().cpuCores()}), shut down at the end.
 */
public final class Organizer {

    /** What a run did, for the stage result and for tests. */
    public record Summary(int files, int fromCache, int problems, int courses, int written, int unchanged,
            List<Course> published, List<String> courseProblems) {
    }

    private final StageContext ctx;
    private final String version;

    public Organizer(StageContext ctx, String version) {
        this.ctx = ctx;
        this.version = version;
    }

    public Summary run() throws IOException, InterruptedException {
        Path root = ctx.dicomRoot();
        if (root == null || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("--dicom-root " + root + " is not a folder");
        }
        var merge = CourseGrouper.MergeCriteria.parse(ctx.config().getString("merge_criteria", "same_ct_study"));
        int maxDaysRaw = ctx.config().getInt("max_days", 0);
        Integer maxDays = maxDaysRaw > 0 ? maxDaysRaw : null;
        boolean hardLinks = !"copy".equalsIgnoreCase(ctx.config().getString("link_mode", "hardlink"));
        String configSummary = "merge_criteria=" + merge.name().toLowerCase(java.util.Locale.ROOT) + ";max_days="
                + (maxDays == null ? "off" : maxDays) + ";link_mode=" + (hardLinks ? "hardlink" : "copy");
        Path state = ctx.cohortDir().resolve("organize");
        int threads = Math.max(1, ctx.lease() == null ? 1 : ctx.lease().cpuCores());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rt-organize");
            t.setDaemon(true);
            return t;
        });
        try {
            ctx.progress().message("scanning " + root);
            // caches of earlier header formats
            Files.deleteIfExists(state.resolve("headers.json"));
            for (int v = 2; v < HeaderScanner.FORMAT; v++) {
                Files.deleteIfExists(state.resolve("headers-v" + v + ".json"));
            }
            Path headerCache = state.resolve("headers-v" + HeaderScanner.FORMAT + ".json");
            Discovery.Result found = Discovery.scan(root, headerCache, pool,
                    n -> ctx.progress().advance(n), ctx::isCancelled);
            ctx.checkCancelled();
            ctx.info("scanned " + found.files() + " files (" + found.fromCache() + " unchanged, from the header cache), "
                    + found.problems().size() + " not usable");
            for (Discovery.Problem p : found.problems()) {
                ctx.log(LogLevel.WARN, "skipped " + p.path() + ": " + p.reason());
            }
            Dedup.Result dedup = Dedup.run(found.objects(), Discovery::contentHash);
            dedup.warnings().forEach(ctx::warn);
            CourseGrouper.Result grouped = CourseGrouper.group(dedup.objects(),
                    new CourseGrouper.Options(merge, maxDays));
            List<PlannedCourse> planned = grouped.courses();
            List<String> ids = CourseNaming.courseIds(planned);
            ctx.progress().begin(planned.size(), "courses");
            CourseWriter writer = new CourseWriter(version, configSummary, hardLinks);
            Path out = ctx.outputRoot();
            List<Future<CourseWriter.Outcome>> futures = new ArrayList<>();
            for (int n = 0; n < planned.size(); n++) {
                PlannedCourse pc = planned.get(n);
                String id = ids.get(n);
                futures.add(pool.submit(() -> {
                    ctx.checkCancelled();
                    CourseWriter.Outcome o = writer.write(pc, id, out);
                    ctx.progress().advance(1);
                    return o;
                }));
            }
            List<Course> courses = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            AtomicInteger written = new AtomicInteger();
            List<Map<String, Object>> courseReport = new ArrayList<>();
            for (int n = 0; n < futures.size(); n++) {
                PlannedCourse pc = planned.get(n);
                try {
                    CourseWriter.Outcome o = futures.get(n).get();
                    courses.add(o.course());
                    if (o.written()) {
                        written.incrementAndGet();
                    }
                    o.problems().forEach(p -> problems.add(o.course().key() + ": " + p));
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("patient", pc.patientId());
                    r.put("course", ids.get(n));
                    r.put("folder", o.course().folder());
                    r.put("status", o.written() ? "written" : "unchanged");
                    r.put("dose", pc.dose().classification());
                    r.put("planning_ct", pc.planningCt() == null ? null : pc.planningCt().id());
                    r.put("problems", o.problems());
                    courseReport.add(r);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof java.util.concurrent.CancellationException ce) {
                        throw ce;
                    }
                    String msg = pc.patientId() + "/" + ids.get(n) + ": " + (c.getMessage() == null ? c.toString()
                            : c.getMessage().lines().findFirst().orElse(""));
                    problems.add(msg);
                    // Listed as a failed course in the run's table (exit 1); the other courses go on.
                    ctx.courseFailed(pc.patientId() + "/" + ids.get(n), c.getMessage() == null ? c.toString()
                            : c.getMessage().lines().findFirst().orElse(""));
                }
            }
            ctx.checkCancelled();
            writeReport(found, dedup, grouped, courseReport, problems, configSummary);
            ctx.publishCourses(courses);
            int unchanged = courses.size() - written.get();
            ctx.info(courses.size() + " course(s): " + written.get() + " written, " + unchanged + " unchanged");
            return new Summary(found.files(), found.fromCache(), found.problems().size(), courses.size(),
                    written.get(), unchanged, courses, problems);
        } finally {
            pool.shutdownNow();
        }
    }

    private void writeReport(Discovery.Result found, Dedup.Result dedup, CourseGrouper.Result grouped,
            List<Map<String, Object>> courses, List<String> problems, String config) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dicom_root", ctx.dicomRoot().toAbsolutePath().toString());
        r.put("config", config);
        r.put("files", found.files());
        r.put("from_header_cache", found.fromCache());
        r.put("objects", dedup.objects().size());
        r.put("not_usable", found.problems().stream().map(p -> Map.of("path", p.path(), "reason", p.reason()))
                .toList());
        r.put("identical_duplicates", dedup.duplicates().stream().map(d -> Map.of("path", d.path(), "same_as",
                d.keptPath(), "sop_instance_uid", d.sopInstanceUid())).toList());
        r.put("warnings", dedup.warnings());
        r.put("unassigned", grouped.unassigned().stream().map(u -> Map.of("path", u.object().path(), "reason",
                u.reason())).toList());
        r.put("courses", courses);
        r.put("problems", problems);
        Json.write(ctx.cohortDir().resolve("organize-report.json"), r);
    }
}
