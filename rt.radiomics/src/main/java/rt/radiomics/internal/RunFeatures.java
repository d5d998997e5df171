package rt.radiomics.internal;

/**
 * The shared formulas of run-, zone- and dependence-type matrices: a matrix of counts P(i, j) over grey levels i
 * (actual grey values) and a size-like index j (1-based), normalised by the total count Nz.
 */
final class RunFeatures {

    private RunFeatures() {
    }

    /**
     * Features in GLRLM/GLSZM name order: GLN, GLNN, GLV, HGE, LE, LHGE, LLGE, LGE, Entropy, SN, SNN, Percentage,
     * SizeVariance, SE, SHGE, SLGE.
     *
     * @param usedJ      which j columns to keep (columns empty everywhere are dropped, which renumbers nothing: j stays)
     * @param percentIsNzOverNp whether the percentage is Nz / Σ j·P (runs, zones)
     */
    static double[] runLike(double[] m, int[] levels, int nj, boolean[] usedJ, boolean percentIsNzOverNp) {
        int cells = 0;
        for (double v : m) {
            if (v != 0) {
                cells++;
            }
        }
        int[] ci = new int[cells];
        int[] cj = new int[cells];
        double[] cv = new double[cells];
        int c = 0;
        for (int k = 0; k < m.length; k++) {
            if (m[k] != 0) {
                ci[c] = k / nj;
                cj[c] = k % nj;
                cv[c++] = m[k];
            }
        }
        return runLike(ci, cj, cv, levels, nj, usedJ, percentIsNzOverNp);
    }

    /**
     * As above from the matrix's non-zero cells (level index, j − 1, count) in row-major order: empty cells add
     * exactly zero to every sum, so the result is that of the full matrix, summed in the same order.
     */
    static double[] runLike(int[] ci, int[] cj, double[] cv, int[] levels, int nj, boolean[] usedJ,
            boolean percentIsNzOverNp) {
        int n = levels.length;
        double nz = 0;
        double[] pg = new double[n];
        double[] pj = new double[nj];
        for (int c = 0; c < cv.length; c++) {
            double v = cv[c];
            nz += v;
            pg[ci[c]] += v;
            pj[cj[c]] += v;
        }
        double[] f = new double[16];
        if (nz == 0) {
            java.util.Arrays.fill(f, Double.NaN);
            return f;
        }
        double gln = 0;
        double ui = 0;
        double hge = 0;
        double lge = 0;
        for (int i = 0; i < n; i++) {
            double gi = levels[i];
            gln += pg[i] * pg[i];
            ui += pg[i] / nz * gi;
            hge += pg[i] * gi * gi;
            lge += pg[i] / (gi * gi);
        }
        double glv = 0;
        for (int i = 0; i < n; i++) {
            glv += pg[i] / nz * (levels[i] - ui) * (levels[i] - ui);
        }
        double sn = 0;
        double uj = 0;
        double le = 0;
        double se = 0;
        double np = 0;
        for (int j = 0; j < nj; j++) {
            if (!usedJ[j]) {
                continue;
            }
            double jj = j + 1;
            sn += pj[j] * pj[j];
            uj += pj[j] / nz * jj;
            le += pj[j] * jj * jj;
            se += pj[j] / (jj * jj);
            np += pj[j] * jj;
        }
        double sv = 0;
        for (int j = 0; j < nj; j++) {
            if (usedJ[j]) {
                double jj = j + 1;
                sv += pj[j] / nz * (jj - uj) * (jj - uj);
            }
        }
        double ent = 0;
        double lhge = 0;
        double llge = 0;
        double shge = 0;
        double slge = 0;
        for (int c = 0; c < cv.length; c++) {
            int j = cj[c];
            if (!usedJ[j]) {
                continue;
            }
            double gi = levels[ci[c]];
            double v = cv[c];
            double jj = j + 1;
            double p = v / nz;
            ent -= p * Features.log2(p + Features.EPS);
            lhge += v * jj * jj * gi * gi;
            llge += v * jj * jj / (gi * gi);
            shge += v * gi * gi / (jj * jj);
            slge += v / (gi * gi * jj * jj);
        }
        f[0] = gln / nz;
        f[1] = gln / (nz * nz);
        f[2] = glv;
        f[3] = hge / nz;
        f[4] = le / nz;
        f[5] = lhge / nz;
        f[6] = llge / nz;
        f[7] = lge / nz;
        f[8] = ent;
        f[9] = sn / nz;
        f[10] = sn / (nz * nz);
        f[11] = percentIsNzOverNp ? nz / np : Double.NaN;
        f[12] = sv;
        f[13] = se / nz;
        f[14] = shge / nz;
        f[15] = slge / nz;
        return f;
    }
}
