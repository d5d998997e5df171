package rt.bench.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.bench.phantom.ThoraxPhantom;

/**
 * Arguments of {@code rt:bench}. Bad usage → {@link IllegalArgumentException} naming the option.
 *
 * @param out        the bench's folder (input courses, one output folder per worker count)
 * @param courses    copies of the course run through the pipeline
 * @param pixels     CT matrix (pixels²)
 * @param slices     CT slices
 * @param rois       manual ROIs in the RTSTRUCT (1..24; custom and auto structures come on top)
 * @param doseMm     dose grid spacing (mm)
 * @param scale      size of the patient relative to the clinical one (volumes go with its cube)
 * @param workers    the worker counts to run, in order (each a fresh run of every course); empty
 *                   ({@code --workers none}): no pipeline run, only the DVH comparison and the radiomics split
 * @param split      radiomics split by image type: {@code none}, {@code big} (PTV and HEART), {@code all} or ROI
 *                   names separated by commas
 * @param dvhRepeats runs of each DVH tool (the median is printed); 0 skips the DVH comparison
 * @param sets       {@code --set key=value} passed on to {@code rt:run}
 * @param warmup     run the pipeline once on one course before measuring (not counted), as a cohort run is warm
 *                   after its first courses
 */
public record BenchArgs(Path out, int courses, int pixels, int slices, int rois, double doseMm, double scale,
        List<Integer> workers,
        String split, int dvhRepeats, List<String> sets, boolean warmup) {

    public static final String USAGE = "rt:bench [OUT] [--courses N] [--pixels N] [--slices N] [--rois N] "
            + "[--dose-grid MM] [--scale F] [--workers 1,2|none] [--split none|big|all|ROI,...] [--dvh-repeats N] [--full] "
            + "[--no-warmup] "
            + "[--set KEY=VALUE]...   (default OUT = ./rt-bench, 2 courses of a patient at half size (--scale 0.5:"
            + " an eighth of the volumes) on a 128x128x48 CT, 8 manual ROIs, 3 mm dose grid; --full = the clinical size:"
            + " --scale 1, 512x512x140 CT, 24 ROIs, 2.5 mm dose grid)";

    public static BenchArgs parse(String[] args, Path cwd) {
        Path out = null;
        int courses = 2;
        int pixels = 128;
        int slices = 48;
        int rois = 8;
        double doseMm = 3;
        double scale = 0.5;
        List<Integer> workers = List.of(1, 2);
        String split = "big";
        int repeats = 3;
        List<String> sets = new ArrayList<>();
        boolean warmup = true;
        for (int i = 0; i < (args == null ? 0 : args.length); i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> throw new IllegalArgumentException("usage: " + USAGE);
                case "--full" -> {
                    pixels = ThoraxPhantom.FULL_PIXELS;
                    slices = ThoraxPhantom.FULL_SLICES;
                    rois = ThoraxPhantom.manualShapes().size();
                    doseMm = 2.5;
                    scale = 1;
                }
                case "--scale" -> {
                    String v = value(args, ++i, a);
                    try {
                        scale = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--scale needs a factor, not '" + v + "'");
                    }
                    if (!(scale >= 0.1 && scale <= 2)) {
                        throw new IllegalArgumentException("--scale must be 0.1..2, not " + v);
                    }
                }
                case "--courses" -> courses = intValue(args, ++i, a, 1, 1000);
                case "--pixels" -> pixels = intValue(args, ++i, a, 16, 1024);
                case "--slices" -> slices = intValue(args, ++i, a, 4, 1000);
                case "--rois" -> rois = intValue(args, ++i, a, 1, ThoraxPhantom.manualShapes().size());
                case "--dvh-repeats" -> repeats = intValue(args, ++i, a, 0, 50);
                case "--dose-grid" -> {
                    String v = value(args, ++i, a);
                    try {
                        doseMm = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--dose-grid needs a spacing in mm, not '" + v + "'");
                    }
                    if (!(doseMm >= 0.5 && doseMm <= 20)) {
                        throw new IllegalArgumentException("--dose-grid must be 0.5..20 mm, not " + v);
                    }
                }
                case "--workers" -> {
                    String v = value(args, ++i, a);
                    List<Integer> w = new ArrayList<>();
                    for (String part : v.equals("none") ? new String[0] : v.split(",")) {
                        try {
                            w.add(Integer.parseInt(part.trim()));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--workers needs counts like 1,2, not '" + v + "'");
                        }
                        if (w.get(w.size() - 1) < 1 || w.get(w.size() - 1) > 256) {
                            throw new IllegalArgumentException("--workers must be 1..256 each, not '" + v + "'");
                        }
                    }
                    workers = List.copyOf(w);
                }
                case "--split" -> split = value(args, ++i, a);
                case "--no-warmup" -> warmup = false;
                case "--set" -> sets.add(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'; usage: " + USAGE);
                    }
                    if (out != null) {
                        throw new IllegalArgumentException("one output folder only; usage: " + USAGE);
                    }
                    out = cwd.resolve(a);
                }
            }
        }
        return new BenchArgs(out == null ? cwd.resolve("rt-bench") : out, courses, pixels, slices, rois, doseMm, scale,
                workers, split, repeats, List.copyOf(sets), warmup);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value; usage: " + USAGE);
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String flag, int min, int max) {
        String v = value(args, i, flag);
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", not " + n);
        }
        return n;
    }

    /** The ROIs to split by image type among {@code present} (manual ROI names of the course). */
    public List<String> splitRois(List<String> present) {
        return switch (split) {
            case "none" -> List.of();
            case "all" -> present.stream().filter(n -> !n.equals("BODY")).toList();
            case "big" -> present.stream().filter(n -> n.equals("PTV") || n.equals("HEART")).toList();
            default -> {
                List<String> named = List.of(split.split(","));
                for (String n : named) {
                    if (!present.contains(n)) {
                        throw new IllegalArgumentException("--split: no manual ROI '" + n + "' in the course "
                                + present);
                    }
                }
                yield named;
            }
        };
    }
}
