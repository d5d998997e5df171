package rt.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code dvh/dvh_curves.json} in the shapes a DVH stage may write and normalises every curve to cumulative
 * volume in percent over dose in Gy, thinned to at most {@link #MAX_POINTS} points for the report.
 *
 * <p>Accepted: a top-level array, or an object with {@code curves} or {@code points} (upstream rtpipeline); each curve
 * has a name ({@code roi_name}/{@code roi}/{@code name}), a {@code source}, and either parallel arrays
 * ({@code dose_gy}/{@code dose}/{@code x} with {@code volume_pct}/{@code volume_percent}/{@code volume_cc}/{@code y})
 * or {@code data: [{x, y}]}. Volumes in cc are turned into percent of the ROI volume ({@code volume_cc}/{@code
 * volume_cm3} scalar, else the first, largest value).
 */
final class DvhCurves {

    static final int MAX_POINTS = 200;

    record Curve(String name, String source, double[] doseGy, double[] volumePct) {
    }

    private DvhCurves() {
    }

    static List<Curve> parse(JsonNode root) {
        List<Curve> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        JsonNode list = root.isArray() ? root : root.has("curves") ? root.get("curves") : root.get("points");
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode c : list) {
            String name = first(c, "roi_name", "roi", "name");
            String source = first(c, "source", "structure_source", "segmentation_source");
            double[] x;
            double[] y;
            boolean yInCc;
            if (c.has("data") && c.get("data").isArray()) {
                ArrayNode d = (ArrayNode) c.get("data");
                x = new double[d.size()];
                y = new double[d.size()];
                for (int n = 0; n < d.size(); n++) {
                    x[n] = d.get(n).path("x").asDouble(Double.NaN);
                    y[n] = d.get(n).path("y").asDouble(Double.NaN);
                }
                yInCc = !"percent".equalsIgnoreCase(c.path("y_unit").asText(""))
                        && (c.has("volume_cm3") || c.has("volume_cc"));
            } else {
                x = doubles(c, "dose_gy", "dose", "x");
                JsonNode pct = c.has("volume_pct") ? c.get("volume_pct") : c.get("volume_percent");
                if (pct != null && pct.isArray()) {
                    y = toArray(pct);
                    yInCc = false;
                } else if (c.has("volume_cc") && c.get("volume_cc").isArray()) {
                    y = toArray(c.get("volume_cc"));
                    yInCc = true;
                } else {
                    y = doubles(c, "y", "volume", "volume_pct");
                    yInCc = false;
                }
            }
            if (x == null || y == null || x.length != y.length || x.length == 0) {
                continue;
            }
            if (yInCc) {
                double total = scalar(c, "volume_cc", "volume_cm3");
                if (!(total > 0)) {
                    total = 0;
                    for (double v : y) {
                        total = Math.max(total, v);
                    }
                }
                if (total > 0) {
                    for (int n = 0; n < y.length; n++) {
                        y[n] = 100.0 * y[n] / total;
                    }
                }
            }
            out.add(thin(new Curve(name == null ? "ROI " + (out.size() + 1) : name, source == null ? "" : source, x,
                    y)));
        }
        return out;
    }

    static Curve thin(Curve c) {
        int n = c.doseGy().length;
        if (n <= MAX_POINTS) {
            return c;
        }
        double[] x = new double[MAX_POINTS];
        double[] y = new double[MAX_POINTS];
        for (int m = 0; m < MAX_POINTS; m++) {
            int src = (int) Math.round(m * (n - 1) / (double) (MAX_POINTS - 1));
            x[m] = c.doseGy()[src];
            y[m] = c.volumePct()[src];
        }
        return new Curve(c.name(), c.source(), x, y);
    }

    /** The curves as compact JSON for the report's plot script. */
    static String toJson(List<Curve> curves) {
        ArrayNode arr = CourseDir.JSON.createArrayNode();
        for (Curve c : curves) {
            ObjectNode o = arr.addObject();
            o.put("name", c.name());
            o.put("source", c.source());
            ArrayNode x = o.putArray("x");
            ArrayNode y = o.putArray("y");
            for (int n = 0; n < c.doseGy().length; n++) {
                if (Double.isFinite(c.doseGy()[n]) && Double.isFinite(c.volumePct()[n])) {
                    x.add(Math.round(c.doseGy()[n] * 1000) / 1000.0);
                    y.add(Math.round(c.volumePct()[n] * 100) / 100.0);
                }
            }
        }
        return arr.toString();
    }

    private static String first(JsonNode c, String... keys) {
        for (String k : keys) {
            JsonNode v = c.get(k);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    private static double scalar(JsonNode c, String... keys) {
        for (String k : keys) {
            JsonNode v = c.get(k);
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
        }
        return Double.NaN;
    }

    private static double[] doubles(JsonNode c, String... keys) {
        for (String k : keys) {
            JsonNode v = c.get(k);
            if (v != null && v.isArray()) {
                return toArray(v);
            }
        }
        return null;
    }

    private static double[] toArray(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = arr.get(n).asDouble(Double.NaN);
        }
        return out;
    }
}
