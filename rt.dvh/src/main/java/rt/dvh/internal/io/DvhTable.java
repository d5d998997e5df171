package rt.dvh.internal.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import rt.course.AtomicFiles;
import rt.course.Csv;
import rt.dvh.internal.engine.Dvh;
import rt.dvh.internal.metrics.Metric;

/**
 * The rows of {@code dvh_metrics.csv} (DESIGN §5): identity columns, the metrics, then provenance. Also collects the
 * cumulative curves for {@code dvh_curves.json}. Not thread-safe; fill it from one thread.
 */
public final class DvhTable {

    public static final List<String> IDENTITY = List.of("patient_id", "course_id", "source", "roi_name");
    public static final List<String> PROVENANCE = List.of("roi_number", "structure_file", "dose_file", "rx_gy",
            "rtstruct_sop_instance_uid", "dose_sop_instance_uid", "source_dose_sop_instance_uids", "dose_decision",
            "rx_source", "outside_dose_fraction", "outside_dose", "ct_border", "structure_cropped");

    private static final Pattern TARGET = Pattern.compile("(?i)^(ptv|ctv|gtv|itv).*");

    /** Identity and provenance of one row. */
    public record RowInfo(String patientId, String courseId, String source, String roiName, int roiNumber,
            String roiType, String structureFile, String doseFile, double rxGy, Provenance provenance) {
        public RowInfo(String patientId, String courseId, String source, String roiName, int roiNumber,
                String roiType, String structureFile, String doseFile, double rxGy) {
            this(patientId, courseId, source, roiName, roiNumber, roiType, structureFile, doseFile, rxGy,
                    Provenance.UNKNOWN);
        }
    }

    /**
     * Where a row's inputs came from (as the upstream tool's provenance columns) and how the ROI met the borders.
     *
     * @param rtstructUid       SOP Instance UID of the structure set
     * @param doseUid           SOP Instance UID of the dose used (the summed RTDOSE when organize summed)
     * @param sourceDoseUids    the RTDOSE objects that dose was made of, {@code ;}-separated
     * @param doseDecision      organize's dose classification (single, boost_summed, replan_first, …)
     * @param rxSource          where {@code rx_gy} came from: {@code config}, the plan attribute read, or empty
     * @param outsideFraction   fraction (0..1) of the ROI's volume outside the dose grid; NaN when not measured
     * @param outsideTreatment  how that part counted: exclude, clamp or zero
     * @param ctBorder          where the ROI reaches the CT's border: {@code z} (first/last slice), {@code in-plane},
     *                          both ({@code z+in-plane}), {@code no}, or empty when the CT is not known
     * @param structureCropped  with {@code dvh.use_cropped_ct}: {@code yes} when the crop_ct slab cut the ROI,
     *                          {@code no} otherwise; empty without it
     */
    public record Provenance(String rtstructUid, String doseUid, String sourceDoseUids, String doseDecision,
            String rxSource, double outsideFraction, String outsideTreatment, String ctBorder,
            String structureCropped) {
        public static final Provenance UNKNOWN = new Provenance(null, null, null, null, null, Double.NaN, null, null,
                null);
    }

    private final List<Metric> metrics;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> curves = new ArrayList<>();

    public DvhTable(List<Metric> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    public List<String> header() {
        List<String> h = new ArrayList<>(IDENTITY);
        metrics.forEach(m -> h.add(m.column()));
        h.addAll(PROVENANCE);
        return h;
    }

    public int size() {
        return rows.size();
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** Whether a ROI counts as a target for CI/GI: interpreted type or name PTV/CTV/GTV/ITV. */
    public static boolean isTarget(String name, String type) {
        return (type != null && TARGET.matcher(type.trim()).matches()) || (name != null && TARGET.matcher(name.trim())
                .matches());
    }

    public void add(RowInfo info, Dvh dvh, java.util.function.DoubleUnaryOperator isodoseCc) {
        Metric.Context ctx = new Metric.Context(info.rxGy(), isTarget(info.roiName(), info.roiType()), isodoseCc);
        List<String> row = new ArrayList<>();
        row.add(nz(info.patientId()));
        row.add(nz(info.courseId()));
        row.add(nz(info.source()));
        row.add(nz(info.roiName()));
        for (Metric m : metrics) {
            row.add(num(m.value(dvh, ctx)));
        }
        row.add(Integer.toString(info.roiNumber()));
        row.add(nz(info.structureFile()));
        row.add(nz(info.doseFile()));
        row.add(num(info.rxGy()));
        Provenance p = info.provenance() == null ? Provenance.UNKNOWN : info.provenance();
        row.add(nz(p.rtstructUid()));
        row.add(nz(p.doseUid()));
        row.add(nz(p.sourceDoseUids()));
        row.add(nz(p.doseDecision()));
        row.add(nz(p.rxSource()));
        row.add(num(p.outsideFraction()));
        row.add(nz(p.outsideTreatment()));
        row.add(nz(p.ctBorder()));
        row.add(nz(p.structureCropped()));
        rows.add(row);
        curves.add(curveJson(info, dvh));
    }

    public void writeCsv(Path file) throws IOException {
        writeAtomically(file, w -> {
            w.write(csvLine(header()));
            for (List<String> r : rows) {
                w.write(csvLine(r));
            }
        });
    }

    /** {@code {"points":[{"roi_name","source","volume_cm3","dose_gy":[…],"volume_cc":[…]}]}} (upstream-like). */
    public void writeCurves(Path file) throws IOException {
        writeAtomically(file, w -> {
            w.write("{\"format\":\"cumulative\",\"dose_unit\":\"Gy\",\"volume_unit\":\"cm3\",\"points\":[\n");
            for (int i = 0; i < curves.size(); i++) {
                w.write(curves.get(i));
                w.write(i + 1 < curves.size() ? ",\n" : "\n");
            }
            w.write("]}\n");
        });
    }

    private static String curveJson(RowInfo info, Dvh dvh) {
        double step = curveStep(dvh.maxGy());
        double[][] c = dvh.cumulative(step);
        StringBuilder sb = new StringBuilder(64 + c[0].length * 24);
        sb.append("{\"roi_name\":").append(json(info.roiName())).append(",\"source\":").append(json(info.source()))
                .append(",\"volume_cm3\":").append(num(dvh.volumeCc())).append(",\"step_gy\":").append(num(step))
                .append(",\"data\":[");
        for (int i = 0; i < c[0].length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"x\":").append(num(c[0][i])).append(",\"y\":").append(num(c[1][i])).append('}');
        }
        return sb.append("]}").toString();
    }

    /** About 500 points, in steps of 0.01, 0.02, 0.05, 0.1 … Gy. */
    static double curveStep(double maxGy) {
        if (!(maxGy > 0)) {
            return 0.01;
        }
        double raw = maxGy / 500;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (f * p >= raw) {
                return Math.max(0.01, f * p);
            }
        }
        return Math.max(0.01, 10 * p);
    }

    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.5f", v);
        s = s.indexOf('.') >= 0 ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return "-0".equals(s) ? "0" : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String csvLine(List<String> cells) {
        return Csv.line(cells);
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** What {@link #writeAtomically} writes. */
    public interface Body {
        void write(Writer w) throws IOException;
    }

    /** Writes {@code file} as UTF-8 text through {@link AtomicFiles} (temporary sibling, then an atomic rename). */
    public static void writeAtomically(Path file, Body body) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.write(w);
            w.flush();
        });
    }

    /** Reads a metrics list from a config value (list or comma-separated string). */
    public static List<String> names(Object configured, List<String> fallback) {
        if (configured == null) {
            return fallback;
        }
        if (configured instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (configured instanceof Map<?, ?>) {
            throw new IllegalArgumentException("dvh.metrics: expected a list such as [D95, V20Gy], got a map");
        }
        return List.of(String.valueOf(configured).split(","));
    }
}
