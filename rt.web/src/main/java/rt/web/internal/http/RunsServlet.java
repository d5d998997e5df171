package rt.web.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import rt.api.Stage;
import rt.web.internal.WebSettings;
import rt.web.internal.guard.SafePaths;
import rt.web.internal.run.RunQueue;
import rt.web.internal.run.WebRun;
import rt.web.internal.view.CohortSummary;
import rt.web.internal.view.CourseStructures;
import rt.web.internal.view.SliceRenderer;
import rt.web.internal.view.VolumeCache;

/**
 * Runs and their outputs under {@code /api/runs}: start ({@code POST}), list, state with the course × stage grid,
 * server-sent events ({@code /<id>/events}), log, cancel, the output listing, single files from OUT
 * ({@code /<id>/files/<path>}) and streamed zips of OUT or a folder of it ({@code /<id>/zip?path=}).
 */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/api/runs/*",
        "osgi.http.whiteboard.servlet.name=rt-runs", "osgi.http.whiteboard.servlet.asyncSupported=true"})
public final class RunsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern COURSE = Pattern.compile("[A-Za-z0-9_.:/ -]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "json",
            "application/json", "csv", "text/csv;charset=utf-8", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "png", "image/png", "svg",
            "image/svg+xml", "log", "text/plain;charset=utf-8", "txt", "text/plain;charset=utf-8", "yaml",
            "text/plain;charset=utf-8");

    private final transient RunQueue queue;
    private final transient WebSettings settings;
    private final transient List<Stage> stages = new CopyOnWriteArrayList<>();
    private final transient VolumeCache volumes = new VolumeCache();
    /** The last courses' structures on their CT, keyed by course folder and CT mtime (rasterising costs seconds). */
    private final transient Map<String, CourseStructures.Loaded> structures = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CourseStructures.Loaded> eldest) {
            return size() > 4;
        }
    };

    @Activate
    public RunsServlet(@Reference RunQueue queue, @Reference WebSettings settings) {
        this.queue = queue;
        this.settings = settings;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStage(Stage stage) {
        stages.add(stage);
    }

    void removeStage(Stage stage) {
        stages.remove(stage);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> seg = Http.segments(req);
        try {
            if (seg.isEmpty()) {
                start(req, resp);
            } else if (seg.size() == 2 && seg.get(1).equals("cancel")) {
                WebRun run = queue.run(seg.get(0));
                queue.cancel(run);
                Http.json(resp, 200, run.snapshot(false));
            } else {
                Http.error(resp, 404, "unknown run path");
            }
        } catch (IllegalArgumentException e) {
            Http.error(resp, 400, e.getMessage());
        }
    }

    private void start(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getContentLengthLong() > 1 << 20) {
            Http.error(resp, 413, "run request larger than 1 MiB");
            return;
        }
        JsonNode body;
        try {
            body = Http.JSON.readTree(req.getInputStream());
        } catch (IOException e) {
            Http.error(resp, 400, "run request is not JSON: " + e.getMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            Http.error(resp, 400, "run request must be a JSON object");
            return;
        }
        Path input;
        String source;
        if (body.hasNonNull("upload")) {
            source = "upload " + body.get("upload").asText();
            input = settings.uploads().files(body.get("upload").asText());
        } else if (body.hasNonNull("folder")) {
            input = settings.allowedFolder(body.get("folder").asText());
            source = "folder " + input;
        } else {
            Http.error(resp, 400, "run request needs 'upload' (an upload id) or 'folder' (a server folder)");
            return;
        }
        List<String> flags = new ArrayList<>();
        if (body.hasNonNull("config")) {
            // a YAML configuration shipped inside the input (e.g. the rt.yaml of the cohort)
            Path config = SafePaths.resolve(input, body.get("config").asText());
            if (!Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("config " + SafePaths.printable(body.get("config").asText())
                        + ": no such file in the input");
            }
            flags.add("--config");
            flags.add(config.toString());
        }
        List<String> chosen = strings(body, "stages", ID);
        if (!chosen.isEmpty()) {
            flags.add("--stage");
            flags.add(String.join(",", chosen));
        }
        if (body.hasNonNull("site")) {
            flags.add("--site");
            flags.add(checked(body.get("site").asText(), ID, "site"));
        }
        if (body.hasNonNull("workers")) {
            if (!body.get("workers").canConvertToInt() || body.get("workers").asInt() < 0) {
                throw new IllegalArgumentException("workers must be a number >= 0");
            }
            flags.add("--workers");
            flags.add(Integer.toString(body.get("workers").asInt()));
        }
        if (body.path("force").asBoolean(false)) {
            flags.add("--force");
        }
        for (String c : strings(body, "courses", COURSE)) {
            flags.add("--course");
            flags.add(c);
        }
        JsonNode set = body.get("set");
        if (set != null && set.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flags.add("--set");
                flags.add(checked(e.getKey(), KEY, "config key") + "=" + e.getValue().asText());
            }
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (Stage st : stages) {
            if (chosen.isEmpty() || chosen.contains(st.id())) {
                graph.put(st.id(), st.runsAfter());
            }
        }
        chosen.forEach(c -> graph.putIfAbsent(c, List.of()));
        List<String> planned = rt.web.internal.run.StageOrder.sort(graph);
        WebRun run = queue.submit(source, input, id -> settings.outputs().resolve(id), flags, planned);
        Map<String, Object> m = run.snapshot(false);
        m.put("queuePosition", queue.position(run));
        Http.json(resp, 202, m);
    }

    private static List<String> strings(JsonNode body, String field, Pattern allowed) {
        List<String> out = new ArrayList<>();
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list");
        }
        for (JsonNode v : n) {
            out.add(checked(v.asText(), allowed, field));
        }
        return out;
    }

    private static String checked(String value, Pattern allowed, String what) {
        if (value == null || !allowed.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " '" + SafePaths.printable(value) + "' has characters not allowed");
        }
        return value;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> seg = Http.segments(req);
        try {
            if (seg.isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (WebRun r : queue.runs()) {
                    Map<String, Object> m = r.snapshot(false);
                    m.put("queuePosition", queue.position(r));
                    list.add(m);
                }
                Http.json(resp, 200, list);
                return;
            }
            WebRun run = queue.run(seg.get(0));
            String what = seg.size() == 1 ? "" : seg.get(1);
            switch (what) {
            case "" -> {
                Map<String, Object> m = run.snapshot(true);
                m.put("queuePosition", queue.position(run));
                Http.json(resp, 200, m);
            }
            case "events" -> events(run, resp);
            case "log" -> Http.json(resp, 200, run.linesFrom(parseLong(Http.queryParam(req, "from"))));
            case "outputs" -> Http.json(resp, 200, outputs(run.output()));
            case "files" -> file(run.output(), String.join("/", seg.subList(2, seg.size())), resp);
            case "zip" -> zip(run, Http.queryParam(req, "path"), resp);
            case "cohort" -> cohort(run.output(), seg.size() > 2 ? seg.get(2) : "", req, resp);
            case "view" -> view(run.output(), String.join("/", seg.subList(2, seg.size())), req, resp);
            default -> Http.error(resp, 404, "unknown run path");
            }
        } catch (IllegalArgumentException e) {
            Http.error(resp, 404, e.getMessage());
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Server-sent events: {@code state} (the run with its grid, at most every 250 ms) and {@code log} lines. */
    private void events(WebRun run, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/event-stream;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        PrintWriter out = resp.getWriter();
        long seen = -1;
        long lines = 0;
        try {
            while (true) {
                long version = run.awaitChange(seen, 15_000);
                boolean finished = run.state().finished();
                if (version == seen) {
                    out.write(": keep-alive\n\n");
                } else {
                    seen = version;
                    for (String line : run.linesFrom(lines)) {
                        out.write("event: log\ndata: " + line.replace("\r", "").replace("\n", " ") + "\n\n");
                        lines++;
                    }
                    Map<String, Object> m = run.snapshot(true);
                    m.put("queuePosition", queue.position(run));
                    out.write("event: state\ndata: " + Http.JSON.writeValueAsString(m) + "\n\n");
                }
                out.flush();
                resp.flushBuffer();
                if (out.checkError()) {
                    return; // the browser went away; the run goes on
                }
                if (finished) {
                    break;
                }
                Thread.sleep(250);
            }
            out.write("event: end\ndata: " + run.state().name().toLowerCase(Locale.ROOT) + "\n\n");
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The viewer: {@code view/<course>?plane=axial|coronal|sagittal&index=N} is a PNG slice of the course's planning CT
     * with its dose as a colour wash, the outlines of the ROIs listed in {@code rois} (ids from {@code info}) and the
     * isodose lines at {@code isodose} (fractions of the dose maximum, e.g. {@code 0.5,0.95}); the header
     * {@code X-Outline-Pixels} gives the outline pixels drawn per ROI. {@code view/<course>?info} gives the slice
     * counts, whether there is a dose, and the course's ROIs with their ids and colours.
     */
    private void view(Path out, String course, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Path folder = SafePaths.resolve(out, course);
        Path ctFile = folder.resolve("ct.nii.gz");
        Path doseFile = folder.resolve("dose.nii.gz");
        if (!Files.isRegularFile(ctFile, LinkOption.NOFOLLOW_LINKS)) {
            Http.error(resp, 404, "no planning CT (ct.nii.gz) for " + SafePaths.printable(course));
            return;
        }
        rt.api.image.Volume ct = volumes.get(ctFile, rt.api.image.Quantity.HU);
        rt.api.image.Volume dose = Files.isRegularFile(doseFile, LinkOption.NOFOLLOW_LINKS)
                ? volumes.get(doseFile, rt.api.image.Quantity.DOSE_GY) : null;
        if (Http.queryParam(req, "info") != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (SliceRenderer.Plane p : SliceRenderer.Plane.values()) {
                m.put(p.name().toLowerCase(Locale.ROOT), SliceRenderer.slices(ct.grid(), p));
            }
            m.put("spacing", ct.grid().spacing());
            m.put("dose", dose != null);
            CourseStructures.Loaded loaded = structures(out, course, ctFile, ct);
            List<Map<String, Object>> rois = new ArrayList<>();
            for (int n = 0; n < loaded.structures().size(); n++) {
                CourseStructures.Structure st = loaded.structures().get(n);
                rois.add(Map.of("id", n, "name", st.name(), "source", st.source(), "colour",
                        String.format("#%06x", st.rgb())));
            }
            m.put("structures", rois);
            m.put("problems", loaded.problems());
            int[] c = CourseStructures.centre(loaded.structures(), ct.grid());
            if (c != null) {
                // slider values: sagittal i, coronal j, axial k
                m.put("targetSlices", Map.of("sagittal", c[0], "coronal", c[1], "axial", c[2]));
            }
            Http.json(resp, 200, m);
            return;
        }
        SliceRenderer.Plane plane;
        try {
            plane = SliceRenderer.Plane.valueOf(String.valueOf(Http.queryParam(req, "plane")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Http.error(resp, 400, "plane must be axial, coronal or sagittal");
            return;
        }
        int index = (int) parseLong(Http.queryParam(req, "index"));
        List<SliceRenderer.Contour> contours = new ArrayList<>();
        String rois = Http.queryParam(req, "rois");
        if (rois != null && !rois.isBlank()) {
            List<CourseStructures.Structure> all = structures(out, course, ctFile, ct).structures();
            for (String id : rois.split(",")) {
                int n = (int) parseLong(id.trim());
                if (n < 0 || n >= all.size() || !id.trim().matches("[0-9]+")) {
                    Http.error(resp, 400, "no ROI " + SafePaths.printable(id) + " in this course");
                    return;
                }
                contours.add(new SliceRenderer.Contour(all.get(n).mask(), all.get(n).rgb()));
            }
        }
        double[] isodoses;
        try {
            String iso = Http.queryParam(req, "isodose");
            isodoses = iso == null || iso.isBlank() ? new double[0]
                    : java.util.Arrays.stream(iso.split(",")).mapToDouble(Double::parseDouble)
                            .filter(f -> f > 0 && f <= 2).toArray();
        } catch (NumberFormatException e) {
            Http.error(resp, 400, "isodose must be fractions of the dose maximum, e.g. 0.5,0.95");
            return;
        }
        SliceRenderer.Image img = new SliceRenderer(40, 400, 0.1).render(ct, dose, plane, index, 0, contours,
                isodoses);
        resp.setHeader("X-Outline-Pixels", java.util.Arrays.stream(img.outlinePixels())
                .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",")));
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(img.width(), img.height(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
        resp.setContentType("image/png");
        resp.setHeader("Cache-Control", "no-store");
        javax.imageio.ImageIO.write(bi, "png", resp.getOutputStream());
    }

    private CourseStructures.Loaded structures(Path out, String course, Path ctFile, rt.api.image.Volume ct)
            throws IOException {
        String key = ctFile + "@" + Files.getLastModifiedTime(ctFile).toMillis();
        synchronized (structures) {
            CourseStructures.Loaded l = structures.get(key);
            if (l == null) {
                l = CourseStructures.load(out, course, ct.grid());
                structures.put(key, l);
            }
            return l;
        }
    }

    /**
     * The cohort page's figures: {@code cohort/metrics?table=dvh|radiomics} lists ROIs and numeric metrics,
     * {@code cohort/distribution?table=&metric=&roi=} gives one metric's values across courses with a five-number
     * summary, {@code cohort/qc} the QC counts per check and the failed courses.
     */
    private static void cohort(Path out, String what, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        String table = Http.queryParam(req, "table");
        switch (what) {
        case "metrics" -> Http.json(resp, 200, CohortSummary.metrics(out, table == null ? "dvh" : table));
        case "distribution" -> {
            String metric = Http.queryParam(req, "metric");
            String roi = Http.queryParam(req, "roi");
            if (metric == null || roi == null) {
                Http.error(resp, 400, "distribution needs metric and roi");
                return;
            }
            Http.json(resp, 200, CohortSummary.distribution(out, table == null ? "dvh" : table, metric, roi));
        }
        case "qc" -> Http.json(resp, 200, CohortSummary.qc(out));
        default -> Http.error(resp, 404, "unknown cohort path (metrics, distribution, qc)");
        }
    }

    /** Cohort tables and the courses with what each has to show. */
    private static Map<String, Object> outputs(Path out) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> cohort = new ArrayList<>();
        Path cohortDir = out.resolve("cohort");
        if (Files.isDirectory(cohortDir)) {
            try (Stream<Path> s = Files.list(cohortDir)) {
                s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".xlsx") || n.endsWith(".csv") || n.endsWith(".html")
                                || n.endsWith(".json") || n.endsWith(".log") || n.endsWith(".yaml"))
                        .sorted().forEach(n -> cohort.add("cohort/" + n));
            }
        }
        m.put("cohort", cohort);
        List<Map<String, Object>> courses = new ArrayList<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.find(out, 2, (p, a) -> a.isDirectory()
                    && Files.isRegularFile(p.resolve("course.json"), LinkOption.NOFOLLOW_LINKS))) {
                for (Path course : s.sorted().toList()) {
                    String rel = out.relativize(course).toString();
                    if (rel.startsWith("cohort") || !rel.contains("/")) {
                        continue;
                    }
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("path", rel);
                    c.put("report", Files.isRegularFile(course.resolve("report.html")));
                    c.put("dvhCurves", Files.isRegularFile(course.resolve("dvh/dvh_curves.json")));
                    c.put("dvhMetrics", Files.isRegularFile(course.resolve("dvh/dvh_metrics.csv")));
                    c.put("viewer", Files.isRegularFile(course.resolve("ct.nii.gz")));
                    courses.add(c);
                }
            }
        }
        m.put("courses", courses);
        return m;
    }

    private static void file(Path out, String relative, HttpServletResponse resp) throws IOException {
        Path f = SafePaths.resolve(out, relative);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            Http.error(resp, 404, "no file " + SafePaths.printable(relative) + " in this run's output");
            return;
        }
        String name = f.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        resp.setContentType(TYPES.getOrDefault(ext, "application/octet-stream"));
        if (!ext.equals("html") && !ext.equals("json") && !ext.equals("png") && !ext.equals("svg")) {
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_")
                    + "\"");
        }
        resp.setContentLengthLong(Files.size(f));
        Files.copy(f, resp.getOutputStream());
    }

    /** OUT, or one folder of it, as a zip written while it is read (nothing is assembled first). */
    private static void zip(WebRun run, String relative, HttpServletResponse resp) throws IOException {
        Path out = run.output();
        Path base = relative == null || relative.isEmpty() ? out : SafePaths.resolve(out, relative);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            Http.error(resp, 404, "no folder " + SafePaths.printable(relative) + " in this run's output");
            return;
        }
        String name = (base.equals(out) ? "rt-" + run.id() : out.relativize(base).toString().replace('/', '_'))
                .replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
        resp.setContentType("application/zip");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        OutputStream raw = resp.getOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(raw, StandardCharsets.UTF_8);
                Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || p.getFileName().toString().endsWith(".tmp")) {
                    continue; // links are not followed out of OUT; temporaries are half-written
                }
                zip.putNextEntry(new ZipEntry(base.relativize(p).toString()));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }
}
