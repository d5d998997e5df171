package rt.dvh.internal.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of {@code rt:dvh}. Bad usage → {@link IllegalArgumentException} with the usage line.
 *
 * @param roiNames  ROIs to evaluate (empty: all volume ROIs)
 * @param metrics   metric names (empty: the default list)
 * @param out       CSV file to write, or null to print the table
 * @param rxGy      prescription for Rx-based metrics, or NaN
 * @param batch     a list of plans ({@link rt.course.BatchFile}: one {@code --rtstruct RS --rtdose RD [--roi N]...
 *                  [--rx GY]} per line) instead of {@code --rtstruct}/{@code --rtdose}, or null
 */
public record DvhArgs(Path rtstruct, Path rtdose, List<String> roiNames, List<String> metrics, Path out,
        double rxGy, Path batch) {

    public static final String USAGE = "rt:dvh --rtstruct RS.dcm --rtdose RD.dcm [--roi NAME]... | --batch LIST, "
            + "[--metrics D99,D95,D5,D1,D0.03cc,V20Gy] [--rx GY] [--out table.csv]   (LIST: one '--rtstruct RS.dcm"
            + " --rtdose RD.dcm [--roi NAME]... [--rx GY]' per line, # comments; relative paths are relative to LIST's"
            + " folder; one table for all)";

    /** The arguments of one line of a batch list: its own plan, ROIs and Rx; metrics and output from the call. */
    public DvhArgs forLine(rt.course.BatchFile list, List<String> lineArgs) {
        DvhArgs line = parse(lineArgs.toArray(String[]::new));
        if (line.batch() != null || line.out() != null || !line.metrics().isEmpty()) {
            throw new IllegalArgumentException("--batch, --out and --metrics belong on the command line, not in a"
                    + " line of the list");
        }
        return new DvhArgs(list.resolve(line.rtstruct().toString()), list.resolve(line.rtdose().toString()),
                line.roiNames(), metrics, null, Double.isNaN(line.rxGy()) ? rxGy : line.rxGy(), null);
    }

    public static DvhArgs parse(String... args) {
        Path rs = null;
        Path rd = null;
        Path out = null;
        Path batch = null;
        double rx = Double.NaN;
        List<String> rois = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < (args == null ? 0 : args.length); i++) {
            String a = args[i];
            if ("--help".equals(a) || "-h".equals(a)) {
                throw new IllegalArgumentException("usage: " + USAGE);
            }
            int eq = a.indexOf('=');
            String flag = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
            String value;
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(flag + " needs a value; usage: " + USAGE);
            }
            switch (flag) {
                case "--rtstruct" -> rs = Path.of(value);
                case "--rtdose" -> rd = Path.of(value);
                case "--roi" -> rois.add(value);
                case "--metrics" -> metrics.add(value);
                case "--out" -> out = Path.of(value);
                case "--batch" -> batch = Path.of(value);
                case "--rx" -> {
                    try {
                        rx = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--rx needs a dose in Gy, got '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; usage: " + USAGE);
            }
        }
        if (batch != null) {
            if (rs != null || rd != null || !rois.isEmpty()) {
                throw new IllegalArgumentException("--rtstruct, --rtdose and --roi go in the lines of --batch "
                        + batch + ", not on the command line");
            }
        } else if (rs == null || rd == null) {
            throw new IllegalArgumentException("--rtstruct and --rtdose are required; usage: " + USAGE);
        }
        return new DvhArgs(rs, rd, List.copyOf(rois), List.copyOf(metrics), out, rx, batch);
    }
}
