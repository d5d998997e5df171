package rt.dvh.shapes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.rt.RtStruct;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.RoiDvhs;

/**
 * Where an oblique flat end face closes a structure beyond its last contour plane (issue 19): Dmin/Dmax under a dose
 * gradient along the contour axis are the dose at the face's rim, the solid's lowest or highest point. The planes
 * are swept over more phases than {@link AnalyticShapesTest} tries, since where the rim falls between the end plane
 * and the next, empty, one is what matters here.
 *
 * <p>Where the end plane and the one further in both show the face's trace, its slope is known and the rim is found
 * to within {@link #KNOWN_SLOPE_MM}. Where the end plane alone shows it, any rim from the end plane up to a bound
 * fits the contours, and the engine takes the middle of half a spacing (the slab convention, which the reference
 * applies to every end) and that bound: at most a quarter spacing off.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class ObliqueFaceEndTest {

    /** |error| (mm along z; the dose grows 1 Gy/mm) where two planes show the face. */
    static final double KNOWN_SLOPE_MM = 0.15;
    static final double[] SPACINGS = {1, 2, 3};
    /** Plane phases (mm); 0.45 puts one plane alone on the truncated cone's top face at 3 mm. */
    static final double[] PHASES = {0, 0.3, 0.45, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7};

    @Test
    void rim_of_an_oblique_end_face(@TempDir Path tmp) throws Exception {
        DoseField dose = AnalyticShapesTest.writeAndReadDose(tmp, 2, 2);
        List<String> failures = new ArrayList<>();
        double worstTwo = 0;
        double worstOne = 0;
        for (AnalyticShapesTest.Case c : AnalyticShapesTest.cases()) {
            String name = c.shape().toString();
            if (!name.equals("cone oblique") && !name.equals("truncated cone oblique")) {
                continue;
            }
            double[] exact = AnalyticShapesTest.truth(c.shape(), 2);
            for (double spacing : SPACINGS) {
                for (double phase : PHASES) {
                    RtStruct rs = AnalyticShapesTest.writeAndReadStruct(tmp, c, spacing, phase);
                    double[] truth = AnalyticShapesTest.alongContourAxis(exact, rs, spacing);
                    double[] got = AnalyticShapesTest.metrics(RoiDvhs.compute(rs, x -> true, dose,
                            DvhSampler.Options.defaults(), 1, () -> false).get(0).dvh());
                    double[] planes = contoured(c, spacing, phase);
                    for (int m : new int[] {1, 3}) {
                        boolean bottom = m == 1;
                        int seen = planesOnFace(c.shape(), bottom, planes);
                        if (seen < 0) {
                            continue; // an apex there, no face
                        }
                        double limit = seen >= 2 ? KNOWN_SLOPE_MM : spacing / 4 + KNOWN_SLOPE_MM;
                        double errMm = (got[m] - truth[m]) / AnalyticShapesTest.GRADIENT_GY_PER_MM;
                        if (seen >= 2) {
                            worstTwo = Math.max(worstTwo, Math.abs(errMm));
                        } else {
                            worstOne = Math.max(worstOne, Math.abs(errMm));
                        }
                        if (!(Math.abs(errMm) <= limit)) {
                            failures.add(String.format(Locale.ROOT, "%s, %.1f mm planes +%.2f, %s: %+.3f mm (face on %d"
                                    + " planes, limit %.3f)", name, spacing, phase, bottom ? "Dmin" : "Dmax", errMm,
                                    seen, limit));
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "oblique end faces: worst |error| %.3f mm where two planes show the face, %.3f mm"
                + " where one does%n", worstTwo, worstOne);
        failures.forEach(System.out::println);
        assertTrue(failures.isEmpty(), failures.size() + " beyond the limits, first: "
                + (failures.isEmpty() ? "" : failures.get(0)));
    }

    /** The planes of the stack that cut the solid. */
    static double[] contoured(AnalyticShapesTest.Case c, double spacing, double phase) {
        List<Double> out = new ArrayList<>();
        for (double z : c.planes(spacing, phase)) {
            if (!Sections.at(c.shape(), z, Math.min(0.25, spacing)).isEmpty()) {
                out.add(z);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * How many planes cut the flat end face at the bottom (h0) or top (h1) of a cone along its axis; −1 where the
     * cone ends in an apex there.
     */
    static int planesOnFace(Revolved s, boolean bottom, double[] planes) {
        double h = bottom == (s.axis[2] > 0) ? s.h0 : s.h1;
        double r = s.rOut.applyAsDouble(h);
        if (!(r > 0)) {
            return -1;
        }
        double zc = s.centre[2] + h * s.axis[2];
        double half = r * Math.sqrt(1 - s.axis[2] * s.axis[2]);
        int n = 0;
        for (double z : planes) {
            n += z > zc - half && z < zc + half ? 1 : 0;
        }
        return n;
    }
}
