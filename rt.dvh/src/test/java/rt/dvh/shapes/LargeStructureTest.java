package rt.dvh.shapes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.rt.RtStruct;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.RoiDvhs;

/**
 * Structures of body size (a cylinder 320 mm across and a sphere 280 mm across, beyond the 250 mm from which the
 * sample cell grows with the structure's extent), contoured every 3 mm (points 1 mm apart) with our RTSTRUCT writer, on a 3 mm dose grid
 * with a linear gradient written with our RTDOSE writer: volume, Dmean and D99/D95/D5/D1 within 0.1 % of the exact
 * solid's (the metrics that do not depend on the end-face convention, see {@link AnalyticShapesTest}).
 */
class LargeStructureTest {

    static final double OFFSET_GY = 40;
    static final double GRADIENT_GY_PER_MM = 0.1;
    static final double HALF_EXTENT_MM = 180;
    static final double TOLERANCE_PCT = 0.1;

    static double dose(double u) {
        return OFFSET_GY + GRADIENT_GY_PER_MM * u;
    }

    /** Volume (cc), Dmean, D99, D95, D5, D1 of the exact solid under the gradient along the axis. */
    static double[] truth(Revolved s, int axis) {
        double[] n = new double[3];
        n[axis] = 1;
        double v = s.volumeMm3();
        return new double[] {v / 1000, dose(s.meanU(n)), dose(s.quantileU(n, 0.01 * v)),
            dose(s.quantileU(n, 0.05 * v)), dose(s.quantileU(n, 0.95 * v)), dose(s.quantileU(n, 0.99 * v))};
    }

    @Test
    void bodySizedStructuresWithinATenthOfAPercent(@TempDir Path tmp) throws Exception {
        List<AnalyticShapesTest.Case> cases = List.of(
                new AnalyticShapesTest.Case(Revolved.cylinder("body cylinder", new double[] {0.4, -0.3, 0},
                        new double[] {0, 0, 1}, 300, 160), -150, true),
                new AnalyticShapesTest.Case(Revolved.sphere("body sphere", new double[] {0.7, -0.2, 0.5}, 140), 0.3,
                        false));
        DoseField[] doses = {AnalyticShapesTest.writeAndReadDose(tmp, 3, 0, HALF_EXTENT_MM, LargeStructureTest::dose),
            AnalyticShapesTest.writeAndReadDose(tmp, 3, 2, HALF_EXTENT_MM, LargeStructureTest::dose)};
        int[] axes = {0, 2};
        String[] names = {"volume", "Dmean", "D99", "D95", "D5", "D1"};
        List<String> failures = new ArrayList<>();
        for (AnalyticShapesTest.Case c : cases) {
            // points 1 mm apart: a DICOM value holds at most 64 kB, too little for 0.25 mm around a body
            RtStruct rs = AnalyticShapesTest.writeAndReadStruct(tmp, c, 3, 0, 1.0);
            for (int a = 0; a < axes.length; a++) {
                double[] exact = truth(c.shape(), axes[a]);
                var dvh = RoiDvhs.compute(rs, x -> true, doses[a], DvhSampler.Options.defaults(), 2, () -> false)
                        .get(0).dvh();
                double[] got = {dvh.volumeCc(), dvh.meanGy(), dvh.doseAtVolumePct(99), dvh.doseAtVolumePct(95),
                    dvh.doseAtVolumePct(5), dvh.doseAtVolumePct(1)};
                for (int m = 0; m < got.length; m++) {
                    double pct = 100 * (got[m] - exact[m]) / exact[m];
                    String line = String.format(Locale.ROOT, "%s, gradient along %s, %s: got %.4f, exact %.4f (%+.3f %%)",
                            c.shape(), "xyz".charAt(axes[a]), names[m], got[m], exact[m], pct);
                    System.out.println(line);
                    if (!(Math.abs(pct) <= TOLERANCE_PCT)) {
                        failures.add(line);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
