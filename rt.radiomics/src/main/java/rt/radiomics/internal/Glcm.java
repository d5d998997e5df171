package rt.radiomics.internal;

import java.util.Map;

/** Grey level co-occurrence matrix features (pyradiomics {@code glcm}, 24 features). */
public final class Glcm {

    private Glcm() {
    }

    /**
     * @param spacingZyx    voxel size (z, y, x), for weighting
     * @param weightingNorm null, {@code infinity}, {@code euclidean}, {@code manhattan} or {@code no_weighting}
     */
    public static Map<String, Double> compute(Gray gray, int[] distances, boolean symmetrical, int force2Ddim,
            String weightingNorm, double[] spacingZyx) {
        return compute(gray, new Neighbours(gray, Neighbours.maxOffset(distances)), distances, symmetrical,
                force2Ddim, weightingNorm, spacingZyx);
    }

    /** As above on a padded copy shared with the other classes (its pad at least the largest distance). */
    static Map<String, Double> compute(Gray gray, Neighbours nb, int[] distances, boolean symmetrical,
            int force2Ddim, String weightingNorm, double[] spacingZyx) {
        return compute(gray, nb, distances, symmetrical, force2Ddim, weightingNorm, spacingZyx, null);
    }

    /**
     * As above, taking the counts of the offsets that the runs' pass has counted already ({@link Glrlm#count}, the 13
     * at distance 1; null: none) from there and counting only the others.
     */
    static Map<String, Double> compute(Gray gray, Neighbours nb, int[] distances, boolean symmetrical,
            int force2Ddim, String weightingNorm, double[] spacingZyx, Glrlm.RunsAndPairs counted) {
        int[][] angles = Angles.generate(gray.sizeZyx(), distances, false, force2Ddim);
        int na = angles.length;
        int[][] counts = new int[na][];
        // the runs' pairs are this layout transposed: row = the voxel's level, column = its predecessor's
        boolean[] transposed = new boolean[na];
        int[] rest = new int[na];
        int nRest = 0;
        for (int a = 0; a < na; a++) {
            int k = counted == null ? -1 : indexOf(counted.angles(), angles[a]);
            if (k >= 0) {
                counts[a] = counted.pairs()[k];
                transposed[a] = true;
            } else {
                rest[nRest++] = a;
            }
        }
        // with distance 1 alone the runs' pass has counted every offset: no pass over the region is left
        if (nRest > 0) {
            int[] deltas = nb.deltas(angles);
            int[] restDeltas = new int[nRest];
            for (int k = 0; k < nRest; k++) {
                restDeltas[k] = deltas[rest[k]];
            }
            int[][] restCounts = cooccurrences(nb, restDeltas, gray.lut(), gray.levels().length);
            for (int k = 0; k < nRest; k++) {
                counts[rest[k]] = restCounts[k];
            }
        }
        return fromCounts(gray, angles, counts, transposed, symmetrical, weightingNorm, spacingZyx);
    }

    private static int indexOf(int[][] angles, int[] angle) {
        for (int k = 0; k < angles.length; k++) {
            if (java.util.Arrays.equals(angles[k], angle)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The features from co-occurrence counts per angle in {@link #cooccurrences}'s layout or, where {@code
     * transposed}, in its transpose.
     */
    private static Map<String, Double> fromCounts(Gray gray, int[][] angles, int[][] counts, boolean[] transposed,
            boolean symmetrical, String weightingNorm, double[] spacingZyx) {
        int n = gray.levels().length;
        int na = angles.length;
        double[][] p = new double[Math.max(na, 1)][];
        for (int a = 0; a < na; a++) {
            int rowStep = transposed[a] ? 1 : n + 1;
            int colStep = transposed[a] ? n + 1 : 1;
            double[] pa = new double[n * n];
            int[] c = counts[a];
            for (int r = 0; r < n; r++) {
                for (int col = 0; col < n; col++) {
                    pa[r * n + col] = c[(r + 1) * rowStep + (col + 1) * colStep];
                }
            }
            p[a] = pa;
        }
        if (na == 0) {
            p[0] = new double[n * n];
        }
        if (symmetrical) {
            for (double[] m : p) {
                for (int r = 0; r < n; r++) {
                    for (int c = r; c < n; c++) {
                        double s = m[r * n + c] + m[c * n + r];
                        m[r * n + c] = s;
                        m[c * n + r] = s;
                    }
                }
            }
        }
        if (weightingNorm != null) {
            double[] sum = new double[n * n];
            for (int a = 0; a < na; a++) {
                double w = weight(weightingNorm, angles[a], spacingZyx);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += w * p[a][k];
                }
            }
            p = new double[][] {sum};
        }
        // drop empty angles (when more than one), normalise the rest
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        for (double[] m : p) {
            double s = 0;
            for (double v : m) {
                s += v;
            }
            if (s == 0 && p.length > 1) {
                continue;
            }
            for (int k = 0; k < m.length; k++) {
                m[k] = s == 0 ? Double.NaN : m[k] / s;
            }
            kept.add(m);
        }
        String[] names = NAMES;
        double[][] perAngle = new double[names.length][kept.size()];
        for (int a = 0; a < kept.size(); a++) {
            double[] f = features(kept.get(a), gray.levels(), gray.ng());
            for (int k = 0; k < names.length; k++) {
                perAngle[k][a] = f[k];
            }
        }
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < names.length; k++) {
            out.put(names[k], Features.nanMean(perAngle[k]));
        }
        return out;
    }

    /**
     * Co-occurrence counts per offset, [offset][(i + 1) * (n + 1) + j + 1] for level indices i, j; column 0 collects
     * pairs whose neighbour is outside the region, row 0 is scratch (the voxels of the spans' short gaps count there)
     * and is never read. The loops walk the region's row spans, not its voxel list: the voxel index is the loop
     * counter, so the JIT drops the bounds checks of the level reads (15 % of the counting on a 3,000 cc ROI with 62
     * offsets). Spans are taken a tile at a time (the tile's neighbourhood stays in the cache) and eight offsets (then
     * four) are counted per pass over the tile, so that each voxel's own level is loaded once for eight counts; counts
     * are exact integers.
     */
    static int[][] cooccurrences(Neighbours nb, int[] deltas, int[] lut, int n) {
        int[] li = nb.levelIndex(lut);
        int[] starts = nb.spanStart;
        int[] ends = nb.spanEnd;
        int stride = n + 1;
        int na = deltas.length;
        int[][] counts = new int[na][stride * stride];
        int tile = 16 * Neighbours.TILE;
        for (int s0 = 0; s0 < starts.length;) {
            int s1 = s0;
            for (int voxels = 0; s1 < starts.length && voxels < tile; s1++) {
                voxels += ends[s1] - starts[s1];
            }
            int a = 0;
            for (; a + 8 <= na; a += 8) {
                for (int s = s0; s < s1; s++) {
                    countEight(counts, deltas, a, li, starts[s], ends[s], stride);
                }
            }
            for (; a + 4 <= na; a += 4) {
                for (int s = s0; s < s1; s++) {
                    countFour(counts, deltas, a, li, starts[s], ends[s], stride);
                }
            }
            for (; a < na; a++) {
                int[] c = counts[a];
                int d = deltas[a];
                for (int s = s0; s < s1; s++) {
                    for (int i = starts[s], end = ends[s]; i < end; i++) {
                        c[li[i] * stride + li[i + d]]++;
                    }
                }
            }
            s0 = s1;
        }
        return counts;
    }

    private static void countEight(int[][] counts, int[] deltas, int a, int[] li, int from, int to, int stride) {
        int[] c0 = counts[a];
        int[] c1 = counts[a + 1];
        int[] c2 = counts[a + 2];
        int[] c3 = counts[a + 3];
        int[] c4 = counts[a + 4];
        int[] c5 = counts[a + 5];
        int[] c6 = counts[a + 6];
        int[] c7 = counts[a + 7];
        int d0 = deltas[a];
        int d1 = deltas[a + 1];
        int d2 = deltas[a + 2];
        int d3 = deltas[a + 3];
        int d4 = deltas[a + 4];
        int d5 = deltas[a + 5];
        int d6 = deltas[a + 6];
        int d7 = deltas[a + 7];
        for (int i = from; i < to; i++) {
            int row = li[i] * stride;
            c0[row + li[i + d0]]++;
            c1[row + li[i + d1]]++;
            c2[row + li[i + d2]]++;
            c3[row + li[i + d3]]++;
            c4[row + li[i + d4]]++;
            c5[row + li[i + d5]]++;
            c6[row + li[i + d6]]++;
            c7[row + li[i + d7]]++;
        }
    }

    /** As {@link #countEight} for four offsets (the rest of 13 or 62 offsets after the groups of eight). */
    private static void countFour(int[][] counts, int[] deltas, int a, int[] li, int from, int to, int stride) {
        int[] c0 = counts[a];
        int[] c1 = counts[a + 1];
        int[] c2 = counts[a + 2];
        int[] c3 = counts[a + 3];
        int d0 = deltas[a];
        int d1 = deltas[a + 1];
        int d2 = deltas[a + 2];
        int d3 = deltas[a + 3];
        for (int i = from; i < to; i++) {
            int row = li[i] * stride;
            c0[row + li[i + d0]]++;
            c1[row + li[i + d1]]++;
            c2[row + li[i + d2]]++;
            c3[row + li[i + d3]]++;
        }
    }

    static double weight(String norm, int[] a, double[] spacingZyx) {
        double[] d = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = Math.abs(a[k]) * spacingZyx[k];
        }
        switch (norm) {
            case "infinity": {
                double m = Math.max(d[0], Math.max(d[1], d[2]));
                return Math.exp(-m * m);
            }
            case "euclidean":
                return Math.exp(-(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]));
            case "manhattan": {
                double s = d[0] + d[1] + d[2];
                return Math.exp(-s * s);
            }
            default:
                return 1;
        }
    }

    static final String[] NAMES = {"Autocorrelation", "ClusterProminence", "ClusterShade", "ClusterTendency",
        "Contrast", "Correlation", "DifferenceAverage", "DifferenceEntropy", "DifferenceVariance", "Id", "Idm",
        "Idmn", "Idn", "Imc1", "Imc2", "InverseVariance", "JointAverage", "JointEnergy", "JointEntropy", "MCC",
        "MaximumProbability", "SumAverage", "SumEntropy", "SumSquares"};

    /** The 24 features of one normalised matrix, in {@link #NAMES} order. */
    static double[] features(double[] p, int[] levels, int ngMax) {
        int n = levels.length;
        double eps = Features.EPS;
        double[] f = new double[NAMES.length];
        if (n == 0 || Double.isNaN(p[0])) {
            java.util.Arrays.fill(f, Double.NaN);
            return f;
        }
        double[] px = new double[n];
        double[] py = new double[n];
        double ux = 0;
        double uy = 0;
        double[] sumK = new double[2 * ngMax + 1];
        double[] diffK = new double[ngMax];
        double hxy = 0;
        double autoc = 0;
        double contrast = 0;
        double energy = 0;
        double maxP = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = p[r * n + c];
                px[r] += v;
                py[c] += v;
                ux += levels[r] * v;
                uy += levels[c] * v;
                if (v == 0) {
                    continue; // adds nothing below (the matrix is mostly empty away from its diagonal)
                }
                sumK[levels[r] + levels[c]] += v;
                diffK[Math.abs(levels[r] - levels[c])] += v;
                hxy -= v * Features.log2(v + eps);
                autoc += v * levels[r] * levels[c];
                double d = levels[r] - levels[c];
                contrast += v * d * d;
                energy += v * v;
                maxP = Math.max(maxP, v);
            }
        }
        double cp = 0;
        double cs = 0;
        double ct = 0;
        double sigx2 = 0;
        double sigy2 = 0;
        double corm = 0;
        double hxy1 = 0;
        double hxy2 = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double pp = px[r] * py[c];
                if (pp != 0) {
                    hxy2 -= pp * Features.log2(pp + eps);
                }
                double v = p[r * n + c];
                if (v == 0) {
                    continue;
                }
                double t = levels[r] + levels[c] - ux - uy;
                cp += v * t * t * t * t;
                cs += v * t * t * t;
                ct += v * t * t;
                double dx = levels[r] - ux;
                double dy = levels[c] - uy;
                sigx2 += v * dx * dx;
                sigy2 += v * dy * dy;
                corm += v * dx * dy;
                hxy1 -= v * Features.log2(pp + eps);
            }
        }
        double hx = 0;
        double hy = 0;
        for (int r = 0; r < n; r++) {
            hx -= px[r] * Features.log2(px[r] + eps);
            hy -= py[r] * Features.log2(py[r] + eps);
        }
        double sigx = Math.sqrt(sigx2);
        double sigy = Math.sqrt(sigy2);
        double corr = sigx * sigy == 0 ? 1 : corm / (sigx * sigy + eps);
        double da = 0;
        double de = 0;
        double id = 0;
        double idm = 0;
        double idmn = 0;
        double idn = 0;
        double iv = 0;
        for (int k = 0; k < ngMax; k++) {
            double v = diffK[k];
            da += k * v;
            de -= v * Features.log2(v + eps);
            idm += v / (1.0 + (double) k * k);
            idmn += v / (1.0 + ((double) k * k) / ((double) ngMax * ngMax));
            id += v / (1.0 + k);
            idn += v / (1.0 + (double) k / ngMax);
            if (k > 0) {
                iv += v / ((double) k * k);
            }
        }
        double dv = 0;
        for (int k = 0; k < ngMax; k++) {
            dv += diffK[k] * (k - da) * (k - da);
        }
        double sa = 0;
        double se = 0;
        for (int k = 2; k <= 2 * ngMax; k++) {
            double v = sumK[k];
            sa += k * v;
            se -= v * Features.log2(v + eps);
        }
        double div = Math.max(hx, hy);
        double imc1 = div != 0 ? (hxy - hxy1) / div : 0;
        double imc2 = hxy2 == hxy ? 0 : Math.sqrt(1 - Math.exp(-2 * (hxy2 - hxy)));
        f[0] = autoc;
        f[1] = cp;
        f[2] = cs;
        f[3] = ct;
        f[4] = contrast;
        f[5] = corr;
        f[6] = da;
        f[7] = de;
        f[8] = dv;
        f[9] = id;
        f[10] = idm;
        f[11] = idmn;
        f[12] = idn;
        f[13] = imc1;
        f[14] = imc2;
        f[15] = iv;
        f[16] = ux;
        f[17] = energy;
        f[18] = hxy;
        f[19] = mcc(p, px, py, n);
        f[20] = maxP;
        f[21] = sa;
        f[22] = se;
        f[23] = sigx2;
        return f;
    }

    /**
     * Maximal correlation coefficient: square root of the second largest eigenvalue of
     * Q(i,j) = Σk p(i,k) p(j,k) / (px(i) py(k)). Q is similar to the symmetric A·Aᵀ with
     * A(i,k) = p(i,k) / sqrt(px(i) py(k)), so a symmetric eigen solver suffices.
     */
    static double mcc(double[] p, double[] px, double[] py, int n) {
        if (n < 2) {
            return 1;
        }
        return n < LANCZOS_FROM ? mccDense(p, px, py, n) : mccLanczos(p, px, py, n);
    }

    /** Below this many levels forming S densely costs less than the Lanczos steps. */
    static final int LANCZOS_FROM = 24;

    /**
     * MCC from the largest eigenvalue of S on the complement of its top eigenvector √px (eigenvalue 1: A·√py = √px
     * and Aᵀ·√px = √py), see {@link DeflatedLanczos}; agrees with {@link #mccDense} to round-off.
     */
    static double mccLanczos(double[] p, double[] px, double[] py, int n) {
        int nnz = 0;
        for (double v : p) {
            if (v != 0) {
                nnz++;
            }
        }
        int[] rowStart = new int[n + 1];
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = p[i * n + k];
                if (v == 0) {
                    continue;
                }
                double d = Math.sqrt(px[i] * py[k]);
                if (d > 0) {
                    col[e] = k;
                    val[e++] = v / d;
                }
            }
            rowStart[i + 1] = e;
        }
        double[] u = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            u[i] = Math.sqrt(px[i]);
            norm += px[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            u[i] /= norm;
        }
        double second = DeflatedLanczos.largest(rowStart, col, val, n, u);
        return Math.sqrt(Math.max(second, 0));
    }

    /** MCC from all eigenvalues of S formed densely (the reference for {@link #mccLanczos}). */
    static double mccDense(double[] p, double[] px, double[] py, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double d = Math.sqrt(px[i] * py[k]);
                a[i * n + k] = d > 0 ? p[i * n + k] / d : 0;
            }
        }
        double[] s = new double[n * n];
        // A ≥ 0, so a term with a zero factor adds exactly nothing: each sum runs over the non-zero columns of row i
        // only, in ascending order as the full sum (the matrix is mostly empty away from its diagonal)
        int[] cols = new int[n];
        for (int i = 0; i < n; i++) {
            int nc = 0;
            for (int k = 0; k < n; k++) {
                if (a[i * n + k] != 0) {
                    cols[nc++] = k;
                }
            }
            for (int j = i; j < n; j++) {
                double v = 0;
                for (int c = 0; c < nc; c++) {
                    v += a[i * n + cols[c]] * a[j * n + cols[c]];
                }
                s[i * n + j] = v;
                s[j * n + i] = v;
            }
        }
        double[] ev = Eigen.symmetricEigenvalues(s, n);
        double second = ev[n - 2];
        return Math.sqrt(Math.max(second, 0));
    }
}
