package rt.dvh.nelms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rt.dicom.rt.Contour;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;

/**
 * The rows of the Nelms et al. (2015) analytical table that have a dose file here (1, 2 and 3 mm grids; the
 * 0.4x0.2x0.4 mm grid is not distributed). Values in the CSV are cGy; {@link Case#expected} holds Gy and cc.
 */
public final class NelmsCases {

    /** Metric names in the order of the CSV columns after the volume. */
    public static final List<String> METRICS =
            List.of("volume", "Dmin", "Dmax", "Dmean", "D99", "D95", "D5", "D1", "D0.03cc");

    public record Case(String structure, String doseVoxel, String gradient, Path rtstruct, Path rtdose,
            double[] expected) {
        public String label() {
            return structure + " " + doseVoxel + "mm " + gradient;
        }
    }

    private NelmsCases() {
    }

    public static List<Case> load(Path nelms) throws IOException {
        List<String> lines = Files.readAllLines(nelms.resolve("csv/analytical_values.csv"));
        List<Case> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = splitCsv(line);
            if (f.size() < 14) {
                continue;
            }
            String voxel = f.get(3).trim();
            if (!voxel.matches("\\d+")) {
                continue; // 0.4x0.2x0.4 mm: no dose file distributed
            }
            String gradient = f.get(4).startsWith("Z") ? "AntPost" : "SupInf";
            Path rs = nelms.resolve("STRUCTURES/" + f.get(0).trim() + ".dcm");
            Path rd = nelms.resolve("DOSE GRIDS/Linear_" + gradient + "_" + voxel + "mm_Aligned.dcm");
            double[] exp = new double[METRICS.size()];
            exp[0] = Double.parseDouble(f.get(5));
            for (int m = 1; m < exp.length; m++) {
                exp[m] = Double.parseDouble(f.get(5 + m)) / 100.0;
            }
            cases.add(new Case(f.get(0).trim(), voxel, gradient, rs, rd, exp));
        }
        return cases;
    }

    /** The volume ROI of a Nelms structure set (the one with the most closed-contour points). */
    public static Roi volumeRoi(Path rtstruct) throws IOException {
        RtStruct rs = RtStructReader.read(rtstruct);
        return rs.rois().stream().max(Comparator.comparingLong(NelmsCases::closedPoints))
                .orElseThrow(() -> new IOException(rtstruct + ": no ROI"));
    }

    private static long closedPoints(Roi r) {
        long n = 0;
        for (Contour c : r.contours()) {
            if (c.type() != null && c.type().isClosed()) {
                n += c.pointCount();
            }
        }
        return n;
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
