package rt.radiomics.internal;

import java.util.Map;

/** Neighbouring grey tone difference matrix features (pyradiomics {@code ngtdm}, 5 features). */
public final class Ngtdm {

    private Ngtdm() {
    }

    public static Map<String, Double> compute(Gray gray, int[] distances, int force2Ddim) {
        return compute(gray, new Neighbours(gray, Neighbours.maxOffset(distances)), distances, force2Ddim);
    }

    /** As above on a padded copy shared with the other classes; the neighbourhood sums are GLDM's pass. */
    static Map<String, Double> compute(Gray gray, Neighbours nb, int[] distances, int force2Ddim) {
        return Gldm.computeBoth(gray, nb, distances, force2Ddim, 0, true)[1];
    }

    /** Features from per-level voxel counts n_i and summed differences s_i (levels with n_i = 0 are ignored). */
    static Map<String, Double> features(double[] count, double[] s, int[] levels) {
        int n = levels.length;
        double nvp = 0;
        int ngp = 0;
        double sumS = 0;
        for (int k = 0; k < n; k++) {
            nvp += count[k];
            sumS += s[k];
            if (count[k] > 0) {
                ngp++;
            }
        }
        double[] p = new double[n];
        double sumPs = 0;
        for (int k = 0; k < n; k++) {
            p[k] = count[k] / nvp;
            sumPs += p[k] * s[k];
        }
        double coarseness = sumPs != 0 ? 1 / sumPs : 1e6;
        double cont = 0;
        double busyDen = 0;
        double complexity = 0;
        double strength = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (p[j] == 0) {
                    continue;
                }
                double d = levels[i] - levels[j];
                cont += p[i] * p[j] * d * d;
                busyDen += Math.abs(levels[i] * p[i] - levels[j] * p[j]);
                complexity += Math.abs(d) * (p[i] * s[i] + p[j] * s[j]) / (p[i] + p[j]);
                strength += (p[i] + p[j]) * d * d;
            }
        }
        double div = (double) ngp * (ngp - 1);
        double contrast = div != 0 ? cont * sumS / nvp / div : 0;
        double busyness = busyDen != 0 ? sumPs / busyDen : 0;
        Map<String, Double> out = Features.sorted();
        out.put("Busyness", busyness);
        out.put("Coarseness", coarseness);
        out.put("Complexity", complexity / nvp);
        out.put("Contrast", contrast);
        out.put("Strength", sumS != 0 ? strength / sumS : 0);
        return out;
    }
}
