package rt.dvh.nelms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.dicom.rt.Contour;
import rt.dicom.rt.RtDoseReader;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.Dvh;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.RoiPlanes;
import rt.testsupport.RefData;

/**
 * Every Nelms et al. analytical case with a 1, 2 or 3 mm dose grid: volume, Dmin, Dmax, Dmean, D99, D95, D5, D1 and
 * D0.03cc within the paper's ±3 % of the analytical value.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class NelmsAccuracyTest {

    static final double TOLERANCE_PCT = 3.0;

    @Test
    void every_case_within_3_percent_of_analytical() throws Exception {
        Path nelms = RefData.resolve("nelms-dvh");
        List<NelmsCases.Case> cases = NelmsCases.load(nelms);
        assertTrue(cases.size() >= 50, "expected the 1/2/3 mm rows, found " + cases.size());
        Map<Path, DoseField> doses = new HashMap<>();
        Map<Path, RoiPlanes> rois = new HashMap<>();
        List<double[]> diffs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (NelmsCases.Case c : cases) {
            DoseField dose = doses.computeIfAbsent(c.rtdose(), p -> new DoseField(read(p)));
            RoiPlanes roi = rois.computeIfAbsent(c.rtstruct(), NelmsAccuracyTest::planes);
            double[] got = metrics(DvhSampler.compute(roi, dose, DvhSampler.Options.defaults()));
            double[] d = new double[got.length];
            for (int m = 0; m < got.length; m++) {
                d[m] = 100.0 * (got[m] - c.expected()[m]) / c.expected()[m];
                if (!(Math.abs(d[m]) <= TOLERANCE_PCT)) {
                    failures.add(String.format("%s %s: got %.4f expected %.4f (%+.2f %%)", c.label(),
                            NelmsCases.METRICS.get(m), got[m], c.expected()[m], d[m]));
                }
            }
            diffs.add(d);
        }
        System.out.println(table(diffs));
        failures.forEach(System.out::println);
        assertTrue(failures.isEmpty(), failures.size() + " values beyond ±3 %, first: "
                + (failures.isEmpty() ? "" : failures.get(0)));
    }

    static double[] metrics(Dvh dvh) {
        return new double[] {dvh.volumeCc(), dvh.minGy(), dvh.maxGy(), dvh.meanGy(), dvh.doseAtVolumePct(99),
            dvh.doseAtVolumePct(95), dvh.doseAtVolumePct(5), dvh.doseAtVolumePct(1), dvh.doseAtVolumeCc(0.03)};
    }

    static String table(List<double[]> diffs) {
        StringBuilder sb = new StringBuilder(String.format("Nelms analytical set, %d cases: |%%diff| per metric%n",
                diffs.size()));
        sb.append(String.format("%-8s %8s %8s %8s %10s%n", "metric", "median", "mean", "worst", "beyond 3%"));
        for (int m = 0; m < NelmsCases.METRICS.size(); m++) {
            double[] v = new double[diffs.size()];
            int beyond = 0;
            double sum = 0;
            for (int n = 0; n < v.length; n++) {
                v[n] = Math.abs(diffs.get(n)[m]);
                sum += v[n];
                if (v[n] > TOLERANCE_PCT) {
                    beyond++;
                }
            }
            Arrays.sort(v);
            double median = v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
            sb.append(String.format("%-8s %8.3f %8.3f %8.3f %10d%n", NelmsCases.METRICS.get(m), median,
                    sum / v.length, v[v.length - 1], beyond));
        }
        return sb.toString();
    }

    static RoiPlanes planes(Path rtstruct) {
        try {
            List<double[]> contours = new ArrayList<>();
            for (Contour c : NelmsCases.volumeRoi(rtstruct).contours()) {
                if (c.type().isClosed()) {
                    contours.add(c.points());
                }
            }
            return RoiPlanes.of(contours);
        } catch (Exception e) {
            throw new IllegalStateException(rtstruct + ": " + e.getMessage(), e);
        }
    }

    static rt.api.image.Volume read(Path rtdose) {
        try {
            return RtDoseReader.read(rtdose).volume();
        } catch (Exception e) {
            throw new IllegalStateException(rtdose + ": " + e.getMessage(), e);
        }
    }
}
