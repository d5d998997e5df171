package rt.dvh.internal.engine;

/**
 * A dose-volume histogram kept at fine resolution: {@code bins} equal dose bins over [0, top) holding volume (mm³),
 * plus the exact volume, dose-weighted sum, minimum and maximum. Cumulative values interpolate linearly inside a bin
 * (dose assumed uniform within a bin), so D- and V-values are never snapped to a bin edge. Immutable once built.
 */
public final class Dvh {

    private final double[] volume;
    private final double binWidth;
    private final double totalMm3;
    private final double doseVolumeSum;
    private final double min;
    private final double max;

    Dvh(double[] volume, double binWidth, double totalMm3, double doseVolumeSum, double min, double max) {
        this.volume = volume;
        this.binWidth = binWidth;
        this.totalMm3 = totalMm3;
        this.doseVolumeSum = doseVolumeSum;
        this.min = min;
        this.max = max;
    }

    /** Accumulates one histogram; not thread-safe. */
    public static final class Builder {
        // package-private: the sampler's inner loop accumulates samples into these directly
        final double[] volume;
        final double inv;
        private final double width;
        double total;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        /** @param topGy upper end of the histogram (the dose grid maximum); doses above go to the last bin */
        public Builder(double topGy, int bins) {
            double top = topGy > 0 ? topGy * (1 + 1e-9) : 1e-6;
            this.volume = new double[bins];
            this.width = top / bins;
            this.inv = 1.0 / width;
        }

        /** Adds {@code mm3} of volume at {@code doseGy}. */
        public void add(double doseGy, double mm3) {
            int bin = (int) (doseGy * inv);
            bin = bin < 0 ? 0 : Math.min(bin, volume.length - 1);
            volume[bin] += mm3;
            total += mm3;
            sum += doseGy * mm3;
            min = Math.min(min, doseGy);
            max = Math.max(max, doseGy);
        }

        /** Widens the minimum and maximum to a dose inside the closed ROI, without adding volume. */
        public void extremes(double doseGy) {
            min = Math.min(min, doseGy);
            max = Math.max(max, doseGy);
        }

        public Dvh build() {
            return new Dvh(volume, width, total, sum, total > 0 ? min : Double.NaN, total > 0 ? max : Double.NaN);
        }
    }

    /**
     * This DVH without {@code mm3} of its volume at 0 Gy: the samples a zero-outside dose field put there for the part
     * of a ROI outside the dose grid. The minimum becomes the lower edge of the lowest bin still holding volume (to
     * within one bin, max/bins), as the histogram no longer tells which zero-dose samples were inside.
     */
    Dvh withoutZeroDose(double mm3) {
        if (!(mm3 > 0)) {
            return this;
        }
        double[] v = volume.clone();
        double removed = Math.min(mm3, v[0]);
        v[0] -= removed;
        double total = totalMm3 - removed;
        if (total <= totalMm3 * 1e-12) {
            return new Dvh(new double[v.length], binWidth, 0, 0, Double.NaN, Double.NaN);
        }
        double lowest = max;
        for (int b = 0; b < v.length; b++) {
            if (v[b] > total * 1e-12) {
                lowest = b * binWidth;
                break;
            }
        }
        return new Dvh(v, binWidth, total, doseVolumeSum, Math.max(min, Math.min(lowest, max)), max);
    }

    public boolean isEmpty() {
        return totalMm3 <= 0;
    }

    public double volumeCc() {
        return totalMm3 / 1000.0;
    }

    public double minGy() {
        return min;
    }

    public double maxGy() {
        return max;
    }

    public double meanGy() {
        return totalMm3 > 0 ? doseVolumeSum / totalMm3 : Double.NaN;
    }

    /** Integral dose Σ dose × volume in Gy·cm³. */
    public double integralDoseGyCc() {
        return doseVolumeSum / 1000.0;
    }

    /** Volume (cc) receiving at least {@code doseGy}. */
    public double volumeAtLeastCc(double doseGy) {
        if (isEmpty()) {
            return Double.NaN;
        }
        if (doseGy <= min) {
            return volumeCc();
        }
        if (doseGy > max) {
            return 0.0;
        }
        double pos = doseGy / binWidth;
        int b = Math.min((int) pos, volume.length - 1);
        double above = volume[b] * (b + 1 - pos);
        for (int n = b + 1; n < volume.length; n++) {
            above += volume[n];
        }
        return Math.min(above, totalMm3) / 1000.0;
    }

    /** Percentage of the volume receiving at least {@code doseGy}. */
    public double volumeAtLeastPct(double doseGy) {
        return isEmpty() ? Double.NaN : 100.0 * volumeAtLeastCc(doseGy) / volumeCc();
    }

    /** The dose received by at least {@code pct} % of the volume (D{pct}); D0 = max, D100 = min. */
    public double doseAtVolumePct(double pct) {
        if (isEmpty() || pct < 0 || pct > 100) {
            return Double.NaN;
        }
        return doseAtVolumeMm3(totalMm3 * pct / 100.0);
    }

    /** The minimum dose to the hottest {@code cc} (D{cc}cc); NaN when the ROI is smaller than {@code cc}. */
    public double doseAtVolumeCc(double cc) {
        if (isEmpty() || cc < 0 || cc * 1000.0 > totalMm3 * (1 + 1e-12)) {
            return Double.NaN;
        }
        return doseAtVolumeMm3(Math.min(cc * 1000.0, totalMm3));
    }

    private double doseAtVolumeMm3(double target) {
        if (target <= 0) {
            return max;
        }
        if (target >= totalMm3) {
            return min;
        }
        double above = 0;
        for (int b = volume.length - 1; b >= 0; b--) {
            double v = volume[b];
            if (above + v >= target && v > 0) {
                double frac = (target - above) / v; // share of this bin taken from its top
                double d = (b + 1 - frac) * binWidth;
                return Math.max(min, Math.min(max, d));
            }
            above += v;
        }
        return min;
    }

    /**
     * The cumulative DVH sampled every {@code stepGy} from 0 to the maximum dose: {@code {dose[], volumeCc[]}}.
     */
    public double[][] cumulative(double stepGy) {
        if (isEmpty()) {
            return new double[][] {new double[0], new double[0]};
        }
        int n = (int) Math.ceil(max / stepGy) + 1;
        double[] dose = new double[n];
        double[] cc = new double[n];
        double[] above = new double[volume.length + 1]; // volume in bins b.. (suffix sums)
        for (int b = volume.length - 1; b >= 0; b--) {
            above[b] = above[b + 1] + volume[b];
        }
        for (int i = 0; i < n; i++) {
            dose[i] = i * stepGy;
            if (dose[i] <= min) {
                cc[i] = volumeCc();
            } else if (dose[i] > max) {
                cc[i] = 0;
            } else {
                double pos = dose[i] / binWidth;
                int b = Math.min((int) pos, volume.length - 1);
                cc[i] = Math.min(totalMm3, above[b + 1] + volume[b] * (b + 1 - pos)) / 1000.0;
            }
        }
        return new double[][] {dose, cc};
    }
}
