package rt.radiomics.internal.robust;

import java.util.Arrays;

/**
 * Robustness statistics over a subjects × perturbations table: ICC(3,1) (two-way mixed, consistency, single
 * measurement, as pingouin's ICC3) with its 95 % F-based confidence interval, the coefficient of variation per subject,
 * the quartile coefficient of dispersion, and upstream's robust/acceptable/poor classes.
 */
public final class RobustnessStats {

    private RobustnessStats() {
    }

    /** ICC(3,1) with 95 % CI. */
    public record Icc(double icc, double ciLow, double ciHigh) {
    }

    /**
     * @param x x[subject][rater] (Not modified); at least 2 subjects and 2 raters
     */
    public static Icc icc31(double[][] x) {
        int n = x.length;
        int k = x[0].length;
        double grand = 0;
        double[] rowMean = new double[n];
        double[] colMean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                grand += x[i][j];
                rowMean[i] += x[i][j] / k;
                colMean[j] += x[i][j] / n;
            }
        }
        grand /= n * k;
        double sst = 0;
        for (double[] r : x) {
            for (double v : r) {
                sst += (v - grand) * (v - grand);
            }
        }
        double ssr = 0;
        for (double m : rowMean) {
            ssr += k * (m - grand) * (m - grand);
        }
        double ssc = 0;
        for (double m : colMean) {
            ssc += n * (m - grand) * (m - grand);
        }
        double sse = sst - ssr - ssc;
        double msr = ssr / (n - 1);
        double mse = sse / ((double) (n - 1) * (k - 1));
        double icc = (msr - mse) / (msr + (k - 1) * mse);
        double f = msr / mse;
        int df1 = n - 1;
        int df2 = (n - 1) * (k - 1);
        double fl = f / fQuantile(0.975, df1, df2);
        double fu = f * fQuantile(0.975, df2, df1);
        return new Icc(icc, (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1));
    }

    /** Coefficient of variation in %: SD (n − 1) / |mean| · 100; NaN for a zero mean or fewer than 2 values. */
    public static double cov(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return m == 0 ? Double.NaN : Math.sqrt(ss / (v.length - 1)) / Math.abs(m) * 100;
    }

    /** Quartile coefficient of dispersion (Q3 − Q1) / (Q3 + Q1), linear quantiles; NaN below 4 values. */
    public static double qcd(double[] v) {
        if (v.length < 4) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        double q1 = quantile(s, 0.25);
        double q3 = quantile(s, 0.75);
        return q3 + q1 == 0 ? Double.NaN : (q3 - q1) / (q3 + q1);
    }

    static double quantile(double[] sorted, double q) {
        double r = q * (sorted.length - 1);
        int lo = (int) Math.floor(r);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (r - lo);
    }

    /** Upstream's class on the ICC CI lower bound and the CoV (%). */
    public static String classify(double iccLow, double covPct) {
        if (Double.isNaN(covPct) || Double.isNaN(iccLow)) {
            return "not_evaluable";
        }
        if (iccLow >= 0.90 && covPct <= 10) {
            return "robust";
        }
        if (iccLow >= 0.75 && covPct <= 20) {
            return "acceptable";
        }
        return "poor";
    }

    // ---------------------------------------------------------------- F distribution

    /** Quantile of the F distribution by bisection on its CDF. */
    public static double fQuantile(double p, double d1, double d2) {
        double lo = 0;
        double hi = 1;
        while (fCdf(hi, d1, d2) < p) {
            hi *= 2;
            if (hi > 1e12) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (fCdf(mid, d1, d2) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    public static double fCdf(double x, double d1, double d2) {
        if (x <= 0) {
            return 0;
        }
        return regularizedBeta(d1 * x / (d1 * x + d2), d1 / 2, d2 / 2);
    }

    /** I_x(a, b) by the continued fraction (modified Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
        double tiny = 1e-300;
        double f = 1;
        double c = 1;
        double d = 0;
        for (int i = 0; i <= 400; i++) {
            int m = i / 2;
            double num;
            if (i == 0) {
                num = 1;
            } else if (i % 2 == 0) {
                num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            } else {
                num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            }
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            d = 1 / d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double cd = c * d;
            f *= cd;
            if (Math.abs(1 - cd) < 1e-14) {
                break;
            }
        }
        return Math.exp(lnFront) * (f - 1) / a;
    }

    /** Lanczos approximation (g = 7, 9 terms). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
