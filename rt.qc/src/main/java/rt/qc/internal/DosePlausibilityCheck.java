package rt.qc.internal;

import java.util.Locale;

/**
 * Maximum dose against the prescription, r = Dmax / Rx:
 * <ul>
 * <li>r &gt; 50 or r &lt; 0.02: FAIL, a unit error (cGy read as Gy or the reverse);</li>
 * <li>r &lt; 0.5: FAIL, the dose cannot deliver the prescription (a beam or per-fraction dose, or the wrong Rx);</li>
 * <li>0.5 ≤ r &lt; 1.0: WARNING, no point reaches Rx (one phase of a sum? Rx per phase?);</li>
 * <li>1.0 ≤ r ≤ 1.4: PASS (conventional/IMRT hot spots ≤ ~1.15, SBRT prescribed to the 70–80 % isodose);</li>
 * <li>1.4 &lt; r ≤ 2.05: WARNING, plausible only for radiosurgery prescribed to the 50–70 % isodose;</li>
 * <li>r &gt; 2.05: FAIL.</li>
 * </ul>
 */
final class DosePlausibilityCheck implements QcCheck {

    @Override
    public String id() {
        return "dose_plausibility";
    }

    @Override
    public String name() {
        return "Dose maximum vs prescription";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.doseMaxGy == null) {
            return CheckResult.notRun(this, "dose not available");
        }
        if (f.prescriptionGy == null || !(f.prescriptionGy > 0)) {
            return CheckResult.notRun(this, "prescription unknown");
        }
        CheckResult.Builder r = result();
        double dmax = f.doseMaxGy;
        double rx = f.prescriptionGy;
        double ratio = dmax / rx;
        r.detail("dmax_gy", CtSliceCheck.round(dmax)).detail("rx_gy", rx).detail("ratio", CtSliceCheck.round(ratio));
        String what = String.format(Locale.ROOT, "Dmax %.2f Gy, Rx %.2f Gy, ratio %.3f%s", dmax, rx, ratio,
                f.doseSource == null ? "" : " (" + f.doseSource + ")");
        if (!Double.isFinite(dmax) || dmax <= 0) {
            r.fail("dose maximum is " + dmax + " Gy: empty or invalid dose");
        } else if (ratio > 50 || ratio < 0.02) {
            r.fail(what + ": unit error (cGy vs Gy)?");
        } else if (ratio < 0.5) {
            r.fail(what + ": dose cannot deliver the prescription (beam/fraction dose or wrong Rx?)");
        } else if (ratio < 1.0) {
            r.warn(what + ": no point reaches the prescription");
        } else if (ratio <= 1.4) {
            r.info(what);
        } else if (ratio <= 2.05) {
            r.warn(what + ": hot spot plausible only for radiosurgery");
        } else {
            r.fail(what + ": implausible hot spot");
        }
        return r.build();
    }
}
