package rt.dvh.internal.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rt.dvh.internal.engine.Dvh;

/**
 * One DVH metric and its output column, parsed from the names users write ({@code D95}, {@code D0.03cc},
 * {@code V20Gy}, {@code V20Gy_cc}, {@code V95%Rx}, {@code Dmean}, {@code HI}, {@code CI}, {@code GI}, …) or from
 * the column names themselves ({@code d95_gy}, {@code v20gy_pct}, …).
 */
public record Metric(Kind kind, double x, String column) {

    public enum Kind {
        VOLUME, DMIN, DMEAN, DMAX, D_PCT, D_CC, V_GY_PCT, V_GY_CC, V_RX_PCT, HI, INTEGRAL, CI_PADDICK, GI
    }

    /** Always first in a table. */
    public static final List<Metric> CORE = List.of(parse("volume"), parse("Dmin"), parse("Dmean"), parse("Dmax"));

    /** The default list (upstream's): D98, D95, D50, D2, D1cc, D0.03cc, V1…V60 Gy (%), HI, integral dose, Rx-based. */
    public static final List<String> DEFAULT_NAMES;

    static {
        List<String> names = new ArrayList<>(List.of("D98", "D95", "D50", "D2", "D1cc", "D0.03cc"));
        for (int g = 1; g <= 60; g++) {
            names.add("V" + g + "Gy");
        }
        names.addAll(List.of("HI", "integral_dose", "V95%Rx", "V100%Rx", "CI", "GI"));
        DEFAULT_NAMES = List.copyOf(names);
    }

    private static final String NUM = "(\\d+(?:[._]\\d+)?)";
    private static final Pattern D_PCT = Pattern.compile("d" + NUM + "(?:%|pct)?(?:_gy)?");
    private static final Pattern D_CC = Pattern.compile("d" + NUM + "_?cc(?:_gy)?");
    private static final Pattern V_GY_CC = Pattern.compile("v" + NUM + "_?gy_?cc");
    private static final Pattern V_GY_PCT = Pattern.compile("v" + NUM + "_?gy(?:_?%|_?pct)?");
    private static final Pattern V_RX = Pattern.compile("v" + NUM + "(?:%|_?pct)_?rx(?:_?%|_?pct)?");

    /**
     * @throws IllegalArgumentException naming the metric when it is not understood
     */
    public static Metric parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        switch (s) {
            case "volume", "volume_cc", "vol", "volumecc":
                return new Metric(Kind.VOLUME, 0, "volume_cc");
            case "dmin", "dmin_gy":
                return new Metric(Kind.DMIN, 0, "dmin_gy");
            case "dmean", "dmean_gy":
                return new Metric(Kind.DMEAN, 0, "dmean_gy");
            case "dmax", "dmax_gy":
                return new Metric(Kind.DMAX, 0, "dmax_gy");
            case "hi":
                return new Metric(Kind.HI, 0, "hi");
            case "integral_dose", "integral_dose_gycc", "integraldose":
                return new Metric(Kind.INTEGRAL, 0, "integral_dose_gycc");
            case "ci", "ci_paddick", "cipaddick":
                return new Metric(Kind.CI_PADDICK, 0, "ci_paddick");
            case "gi":
                return new Metric(Kind.GI, 0, "gi");
            default:
                break;
        }
        Matcher m;
        if ((m = D_CC.matcher(s)).matches()) {
            double x = num(m.group(1));
            return new Metric(Kind.D_CC, x, "d" + tag(x) + "cc_gy");
        }
        if ((m = D_PCT.matcher(s)).matches()) {
            double x = num(m.group(1));
            if (x > 100) {
                throw new IllegalArgumentException("metric " + text + ": a percentage above 100");
            }
            return new Metric(Kind.D_PCT, x, "d" + tag(x) + "_gy");
        }
        if ((m = V_RX.matcher(s)).matches()) {
            double x = num(m.group(1));
            return new Metric(Kind.V_RX_PCT, x, "v" + tag(x) + "pct_rx_pct");
        }
        if ((m = V_GY_CC.matcher(s)).matches()) {
            double x = num(m.group(1));
            return new Metric(Kind.V_GY_CC, x, "v" + tag(x) + "gy_cc");
        }
        if ((m = V_GY_PCT.matcher(s)).matches()) {
            double x = num(m.group(1));
            return new Metric(Kind.V_GY_PCT, x, "v" + tag(x) + "gy_pct");
        }
        throw new IllegalArgumentException("unknown DVH metric '" + text + "' (examples: D95, D0.03cc, V20Gy, "
                + "V20Gy_cc, V95%Rx, Dmean, Dmax, volume, HI, CI, GI, integral_dose)");
    }

    /** Core metrics followed by the parsed names, without duplicate columns. */
    public static List<Metric> list(List<String> names) {
        Map<String, Metric> out = new LinkedHashMap<>();
        for (Metric m : CORE) {
            out.put(m.column(), m);
        }
        for (String n : names) {
            for (String part : n.split(",")) {
                if (!part.isBlank()) {
                    Metric m = parse(part);
                    out.putIfAbsent(m.column(), m);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The value of this metric, or NaN when not defined (no Rx, ROI smaller than x cc, not a target, …). */
    public double value(Dvh dvh, Context ctx) {
        switch (kind) {
            case VOLUME:
                return dvh.volumeCc();
            case DMIN:
                return dvh.minGy();
            case DMEAN:
                return dvh.meanGy();
            case DMAX:
                return dvh.maxGy();
            case D_PCT:
                return dvh.doseAtVolumePct(x);
            case D_CC:
                return dvh.doseAtVolumeCc(x);
            case V_GY_PCT:
                return dvh.volumeAtLeastPct(x);
            case V_GY_CC:
                return dvh.volumeAtLeastCc(x);
            case V_RX_PCT:
                return ctx.rxGy() > 0 ? dvh.volumeAtLeastPct(ctx.rxGy() * x / 100.0) : Double.NaN;
            case HI: {
                double d50 = dvh.doseAtVolumePct(50);
                return d50 > 0 ? (dvh.doseAtVolumePct(2) - dvh.doseAtVolumePct(98)) / d50 : Double.NaN;
            }
            case INTEGRAL:
                return dvh.integralDoseGyCc();
            case CI_PADDICK: {
                if (!ctx.target() || !(ctx.rxGy() > 0) || dvh.isEmpty()) {
                    return Double.NaN;
                }
                double tvPiv = dvh.volumeAtLeastCc(ctx.rxGy());
                double piv = ctx.isodoseCc().applyAsDouble(ctx.rxGy());
                return piv > 0 ? tvPiv * tvPiv / (dvh.volumeCc() * piv) : Double.NaN;
            }
            case GI: {
                if (!ctx.target() || !(ctx.rxGy() > 0)) {
                    return Double.NaN;
                }
                double piv = ctx.isodoseCc().applyAsDouble(ctx.rxGy());
                return piv > 0 ? ctx.isodoseCc().applyAsDouble(ctx.rxGy() / 2) / piv : Double.NaN;
            }
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /**
     * What a metric needs beyond the ROI's DVH.
     *
     * @param rxGy      prescription (Gy), or NaN
     * @param target    whether the ROI is a target (PTV/CTV/GTV by type or name)
     * @param isodoseCc volume (cc) of the whole dose grid at or above a dose
     */
    public record Context(double rxGy, boolean target, java.util.function.DoubleUnaryOperator isodoseCc) {
    }

    private static double num(String s) {
        return Double.parseDouble(s.replace('_', '.'));
    }

    /** 0.03 → "0_03", 95 → "95", 1.5 → "1_5". */
    static String tag(double x) {
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString().replace('.', '_');
    }
}
