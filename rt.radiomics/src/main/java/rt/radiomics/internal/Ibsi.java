package rt.radiomics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IBSI 1 feature definitions (tags as in the IBSI reference tables), for a region whose intensities are already grey
 * levels 1..Ng (no discretisation, as for the IBSI digital phantom). Texture matrices are aggregated the IBSI ways:
 * 2D averaged / slice-merged, 2.5D direction-merged / merged, 3D averaged / merged (GLCM, GLRLM) and 2D / 2.5D / 3D
 * (GLSZM, GLDZM, NGTDM, NGLDM). Neighbourhoods use Chebyshev distance 1; NGLDM α = 0.
 */
public final class Ibsi {

    private Ibsi() {
    }

    public static Map<String, Double> compute(Roi roi) {
        Map<String, Double> out = new LinkedHashMap<>();
        int[] g = new int[roi.values().length];
        int ng = 0;
        for (int i = 0; i < g.length; i++) {
            if (roi.mask()[i]) {
                g[i] = Math.round(roi.values()[i]);
                ng = Math.max(ng, g[i]);
            }
        }
        Gray gray = Gray.of(roi.nx(), roi.ny(), roi.nz(), g);
        morphology(roi, out);
        localIntensity(roi, out);
        statistics(roi.maskedValues(), "stat_", out);
        histogram(roi.maskedValues(), ng, out);
        ivh(roi.maskedValues(), ng, out);
        glcm(gray, ng, out);
        glrlm(gray, ng, out);
        zones(gray, ng, out);
        ngtdm(gray, ng, out);
        ngldm(gray, ng, out);
        return out;
    }

    // ------------------------------------------------------------------ morphology

    static void morphology(Roi roi, Map<String, Double> out) {
        Map<String, Double> s = Shape3D.compute(roi.mask(), roi.nx(), roi.ny(), roi.nz(), roi.spacing());
        double v = s.get("MeshVolume");
        double a = s.get("SurfaceArea");
        out.put("morph_volume", v);
        out.put("morph_vol_approx", s.get("VoxelVolume"));
        out.put("morph_area_mesh", a);
        out.put("morph_av", a / v);
        out.put("morph_comp_1", v / (Math.sqrt(Math.PI) * Math.pow(a, 1.5)));
        out.put("morph_comp_2", 36 * Math.PI * v * v / (a * a * a));
        out.put("morph_sph_dispr", a / Math.cbrt(36 * Math.PI * v * v));
        out.put("morph_sphericity", s.get("Sphericity"));
        out.put("morph_asphericity", Math.cbrt(a * a * a / (36 * Math.PI * v * v)) - 1);
        double[] sp = roi.spacing();
        double[] geo = new double[3];
        double[] wgt = new double[3];
        double sum = 0;
        int n = 0;
        double[] extMin = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] extMax = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int z = 0; z < roi.nz(); z++) {
            for (int y = 0; y < roi.ny(); y++) {
                for (int x = 0; x < roi.nx(); x++) {
                    int i = x + roi.nx() * (y + roi.ny() * z);
                    if (!roi.mask()[i]) {
                        continue;
                    }
                    double[] p = {x * sp[0], y * sp[1], z * sp[2]};
                    double val = roi.values()[i];
                    for (int d = 0; d < 3; d++) {
                        geo[d] += p[d];
                        wgt[d] += val * p[d];
                        extMin[d] = Math.min(extMin[d], p[d] - sp[d] / 2);
                        extMax[d] = Math.max(extMax[d], p[d] + sp[d] / 2);
                    }
                    sum += val;
                    n++;
                }
            }
        }
        double com = 0;
        for (int d = 0; d < 3; d++) {
            double t = geo[d] / n - wgt[d] / sum;
            com += t * t;
        }
        out.put("morph_com", Math.sqrt(com));
        out.put("morph_diam", s.get("Maximum3DDiameter"));
        // IBSI uses the sample covariance (n - 1), pyradiomics the population covariance
        double ddof = Math.sqrt((double) n / (n - 1));
        out.put("morph_pca_maj_axis", s.get("MajorAxisLength") * ddof);
        out.put("morph_pca_min_axis", s.get("MinorAxisLength") * ddof);
        out.put("morph_pca_least_axis", s.get("LeastAxisLength") * ddof);
        out.put("morph_pca_elongation", s.get("Elongation"));
        out.put("morph_pca_flatness", s.get("Flatness"));
        // the mesh vertices lie half a voxel out from the outermost voxel centres along each axis
        double dx = extMax[0] - extMin[0];
        double dy = extMax[1] - extMin[1];
        double dz = extMax[2] - extMin[2];
        out.put("morph_vol_dens_aabb", v / (dx * dy * dz));
        out.put("morph_area_dens_aabb", a / (2 * (dx * dy + dx * dz + dy * dz)));
        double ea = out.get("morph_pca_maj_axis") / 2;
        double eb = out.get("morph_pca_min_axis") / 2;
        double ec = out.get("morph_pca_least_axis") / 2;
        out.put("morph_vol_dens_aee", v / (4 * Math.PI * ea * eb * ec / 3));
        out.put("morph_area_dens_aee", a / ellipsoidArea(ea, eb, ec));
        double[] hull = ConvexHull3D.volumeAndArea(Shape3D.meshVertices(roi.mask(), roi.nx(), roi.ny(), roi.nz(),
                sp));
        out.put("morph_vol_dens_conv_hull", v / hull[0]);
        out.put("morph_area_dens_conv_hull", a / hull[1]);
        out.put("morph_integ_int", v * sum / n);
        moranGeary(roi, out);
    }

    /** Ellipsoid surface area by the Legendre series of the IBSI definition (20 terms). */
    static double ellipsoidArea(double a, double b, double c) {
        double alpha = Math.sqrt(1 - b * b / (a * a));
        double beta = Math.sqrt(1 - c * c / (a * a));
        double ab = alpha * beta;
        double x = ab == 0 ? 1 : (alpha * alpha + beta * beta) / (2 * ab);
        double sum = 0;
        double p0 = 1;
        double p1 = x;
        for (int nu = 0; nu <= 20; nu++) {
            double p;
            if (nu == 0) {
                p = 1;
            } else if (nu == 1) {
                p = x;
            } else {
                p = ((2 * nu - 1) * x * p1 - (nu - 1) * p0) / nu;
                p0 = p1;
                p1 = p;
            }
            sum += Math.pow(ab, nu) / (1 - 4.0 * nu * nu) * p;
        }
        return 4 * Math.PI * a * b * sum;
    }

    static void moranGeary(Roi roi, Map<String, Double> out) {
        double[] sp = roi.spacing();
        List<double[]> pts = new ArrayList<>();
        for (int z = 0; z < roi.nz(); z++) {
            for (int y = 0; y < roi.ny(); y++) {
                for (int x = 0; x < roi.nx(); x++) {
                    int i = x + roi.nx() * (y + roi.ny() * z);
                    if (roi.mask()[i]) {
                        pts.add(new double[] {x * sp[0], y * sp[1], z * sp[2], roi.values()[i]});
                    }
                }
            }
        }
        int n = pts.size();
        double mean = 0;
        for (double[] p : pts) {
            mean += p[3];
        }
        mean /= n;
        double den = 0;
        for (double[] p : pts) {
            den += (p[3] - mean) * (p[3] - mean);
        }
        double sw = 0;
        double moran = 0;
        double geary = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double[] a = pts.get(i);
                double[] b = pts.get(j);
                double d = Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
                        + (a[2] - b[2]) * (a[2] - b[2]));
                double w = 1 / d;
                sw += w;
                moran += w * (a[3] - mean) * (b[3] - mean);
                geary += w * (a[3] - b[3]) * (a[3] - b[3]);
            }
        }
        out.put("morph_moran_i", n / sw * moran / den);
        out.put("morph_geary_c", (n - 1) * geary / (2 * sw * den));
    }

    // ------------------------------------------------------------------ local intensity

    static void localIntensity(Roi roi, Map<String, Double> out) {
        double[] sp = roi.spacing();
        double r = Math.cbrt(3.0 / (4 * Math.PI)) * 10; // 1 cm³ sphere, mm
        int[] rad = new int[3];
        for (int d = 0; d < 3; d++) {
            rad[d] = (int) Math.floor(r / sp[d]);
        }
        double maxVal = -Double.MAX_VALUE;
        double localPeak = -Double.MAX_VALUE;
        double globalPeak = -Double.MAX_VALUE;
        List<Integer> maxima = new ArrayList<>();
        for (int i = 0; i < roi.mask().length; i++) {
            if (roi.mask()[i]) {
                if (roi.values()[i] > maxVal) {
                    maxVal = roi.values()[i];
                    maxima.clear();
                }
                if (roi.values()[i] == maxVal) {
                    maxima.add(i);
                }
            }
        }
        for (int i = 0; i < roi.mask().length; i++) {
            if (!roi.mask()[i]) {
                continue;
            }
            double m = sphereMean(roi, i, rad, r);
            globalPeak = Math.max(globalPeak, m);
            if (maxima.contains(i)) {
                localPeak = Math.max(localPeak, m);
            }
        }
        out.put("loc_peak_loc", localPeak);
        out.put("loc_peak_glob", globalPeak);
    }

    private static double sphereMean(Roi roi, int i, int[] rad, double r) {
        int nx = roi.nx();
        int ny = roi.ny();
        int x0 = i % nx;
        int y0 = (i / nx) % ny;
        int z0 = i / (nx * ny);
        double[] sp = roi.spacing();
        double s = 0;
        int n = 0;
        for (int dz = -rad[2]; dz <= rad[2]; dz++) {
            for (int dy = -rad[1]; dy <= rad[1]; dy++) {
                for (int dx = -rad[0]; dx <= rad[0]; dx++) {
                    int x = x0 + dx;
                    int y = y0 + dy;
                    int z = z0 + dz;
                    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= roi.nz()) {
                        continue;
                    }
                    double d2 = dx * dx * sp[0] * sp[0] + dy * dy * sp[1] * sp[1] + dz * dz * sp[2] * sp[2];
                    if (d2 <= r * r) {
                        s += roi.values()[x + nx * (y + ny * z)];
                        n++;
                    }
                }
            }
        }
        return s / n;
    }

    // ------------------------------------------------------------------ statistics, histogram, IVH

    static void statistics(double[] v, String p, Map<String, Double> out) {
        int n = v.length;
        double[] s = v.clone();
        Arrays.sort(s);
        double median = FirstOrder.percentile(s, 50);
        double p10 = FirstOrder.percentile(s, 10);
        double p90 = FirstOrder.percentile(s, 90);
        double p25 = FirstOrder.percentile(s, 25);
        double p75 = FirstOrder.percentile(s, 75);
        double[] sums = FirstOrder.sums(v, 0, p10, p90);
        double mean = sums[0] / n;
        double energy = sums[1];
        double[] moments = FirstOrder.moments(v, mean, p10, p90, sums[2] / sums[3]);
        double m2 = moments[0];
        double m3 = moments[1];
        double m4 = moments[2];
        double medad = 0;
        for (double x : v) {
            medad += Math.abs(x - median);
        }
        out.put(p + "mean", mean);
        out.put(p + "var", m2);
        out.put(p + "skew", m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5));
        out.put(p + "kurt", m2 == 0 ? 0 : m4 / (m2 * m2) - 3);
        out.put(p + "median", median);
        out.put(p + "min", s[0]);
        out.put(p + "p10", p10);
        out.put(p + "p90", p90);
        out.put(p + "max", s[n - 1]);
        out.put(p + "iqr", p75 - p25);
        out.put(p + "range", s[n - 1] - s[0]);
        out.put(p + "mad", moments[3]);
        out.put(p + "rmad", moments[4] / sums[3]);
        out.put(p + "medad", medad / n);
        out.put(p + "cov", Math.sqrt(m2) / mean);
        out.put(p + "qcod", (p75 - p25) / (p75 + p25));
        if (p.equals("stat_")) {
            out.put(p + "energy", energy);
            out.put(p + "rms", Math.sqrt(energy / n));
        }
    }

    static void histogram(double[] v, int ng, Map<String, Double> out) {
        statistics(v, "ih_", out);
        int n = v.length;
        double[] h = new double[ng + 1];
        for (double x : v) {
            h[(int) Math.round(x)]++;
        }
        int mode = 1;
        double ent = 0;
        double uni = 0;
        for (int i = 1; i <= ng; i++) {
            if (h[i] > h[mode]) {
                mode = i;
            }
            double p = h[i] / n;
            if (p > 0) {
                ent -= p * Features.log2(p);
            }
            uni += p * p;
        }
        out.put("ih_mode", (double) mode);
        out.put("ih_entropy", ent);
        out.put("ih_uniformity", uni);
        double maxG = -Double.MAX_VALUE;
        double minG = Double.MAX_VALUE;
        int maxI = 0;
        int minI = 0;
        for (int i = 1; i <= ng; i++) {
            double grad = ng == 1 ? 0 : i == 1 ? h[2] - h[1] : i == ng ? h[ng] - h[ng - 1] : (h[i + 1] - h[i - 1]) / 2;
            if (grad > maxG) {
                maxG = grad;
                maxI = i;
            }
            if (grad < minG) {
                minG = grad;
                minI = i;
            }
        }
        out.put("ih_max_grad", maxG);
        out.put("ih_max_grad_g", (double) maxI);
        out.put("ih_min_grad", minG);
        out.put("ih_min_grad_g", (double) minI);
    }

    static void ivh(double[] v, int ng, Map<String, Double> out) {
        int n = v.length;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double v10 = fractionAtLeast(v, min + 0.1 * (max - min));
        double v90 = fractionAtLeast(v, min + 0.9 * (max - min));
        double i10 = Double.NaN;
        double i90 = Double.NaN;
        for (int i = ng; i >= 1; i--) {
            double f = fractionAtLeast(v, i);
            if (f <= 0.1) {
                i10 = i;
            }
            if (f <= 0.9) {
                i90 = i;
            }
        }
        out.put("ivh_v10", v10);
        out.put("ivh_v90", v90);
        out.put("ivh_i10", i10);
        out.put("ivh_i90", i90);
        out.put("ivh_diff_v10_v90", v10 - v90);
        out.put("ivh_diff_i10_i90", i10 - i90);
        if (n == 0) {
            out.clear();
        }
    }

    private static double fractionAtLeast(double[] v, double t) {
        int c = 0;
        for (double x : v) {
            if (x >= t) {
                c++;
            }
        }
        return (double) c / v.length;
    }

    // ------------------------------------------------------------------ GLCM

    /** IBSI GLCM tags and the pyradiomics feature ({@link Glcm#NAMES}) each one is. */
    private static final String[][] CM_TAGS = {{"joint_max", "MaximumProbability"}, {"joint_avg", "JointAverage"},
        {"joint_var", "SumSquares"}, {"joint_entr", "JointEntropy"}, {"diff_avg", "DifferenceAverage"},
        {"diff_var", "DifferenceVariance"}, {"diff_entr", "DifferenceEntropy"}, {"sum_avg", "SumAverage"},
        // sum variance Σ (k − 2μ)² p(x+y = k) is cluster tendency Σ (i + j − 2μ)² p(i, j)
        {"sum_var", "ClusterTendency"}, {"sum_entr", "SumEntropy"}, {"energy", "JointEnergy"},
        {"contrast", "Contrast"}, {"dissimilarity", "DifferenceAverage"}, {"inv_diff", "Id"},
        {"inv_diff_norm", "Idn"}, {"inv_diff_mom", "Idm"}, {"inv_diff_mom_norm", "Idmn"},
        {"inv_var", "InverseVariance"}, {"corr", "Correlation"}, {"auto_corr", "Autocorrelation"},
        {"clust_tend", "ClusterTendency"}, {"clust_shade", "ClusterShade"}, {"clust_prom", "ClusterProminence"},
        {"info_corr1", "Imc1"}, {"info_corr2", "Imc2"}};
    private static final String[] CM = column(CM_TAGS, 0);
    private static final int[] CM_FROM_GLCM = indices(column(CM_TAGS, 1), Glcm.NAMES);
    private static final int CM_CORR = Arrays.asList(CM).indexOf("corr");
    private static final int CM_IMC2 = Arrays.asList(CM).indexOf("info_corr2");
    private static final int GLCM_JOINT_VAR = Arrays.asList(Glcm.NAMES).indexOf("SumSquares");

    private static String[] column(String[][] table, int c) {
        return Arrays.stream(table).map(r -> r[c]).toArray(String[]::new);
    }

    private static int[] indices(String[] names, String[] in) {
        return Arrays.stream(names).mapToInt(n -> Arrays.asList(in).indexOf(n)).toArray();
    }

    /** The grey levels 1..ng (IBSI matrices have a row for every level, present or not). */
    private static int[] allLevels(int ng) {
        int[] levels = new int[ng];
        for (int k = 0; k < ng; k++) {
            levels[k] = k + 1;
        }
        return levels;
    }

    /** Symmetric co-occurrence counts (ng × ng) for one direction, restricted to slice z (or all when z < 0). */
    static double[] cooccurrence(Gray gr, int[] a, int slice, int ng) {
        double[] m = new double[ng * ng];
        int[] g = gr.g();
        for (int z = 0; z < gr.nz(); z++) {
            if (slice >= 0 && z != slice) {
                continue;
            }
            for (int y = 0; y < gr.ny(); y++) {
                for (int x = 0; x < gr.nx(); x++) {
                    int i = x + gr.nx() * (y + gr.ny() * z);
                    if (g[i] == 0) {
                        continue;
                    }
                    int j = gr.neighbour(x, y, z, a);
                    if (j >= 0 && g[j] > 0) {
                        m[(g[i] - 1) * ng + g[j] - 1]++;
                        m[(g[j] - 1) * ng + g[i] - 1]++;
                    }
                }
            }
        }
        return m;
    }

    /** IBSI GLCM features (order of {@link #CM}) of a count matrix by the pyradiomics formulas; null when empty. */
    static double[] cmFeatures(double[] counts, int ng) {
        double tot = 0;
        for (double c : counts) {
            tot += c;
        }
        if (tot == 0) {
            return null;
        }
        double[] p = new double[counts.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = counts[k] / tot;
        }
        double[] f = Glcm.features(p, allLevels(ng), ng);
        double[] out = new double[CM.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = f[CM_FROM_GLCM[k]];
        }
        // IBSI: correlation is undefined (not 1) for a constant region; IMC2 is 0 (not NaN) where rounding puts
        // HXY2 below HXY
        if (f[GLCM_JOINT_VAR] == 0) {
            out[CM_CORR] = Double.NaN;
        }
        if (Double.isNaN(out[CM_IMC2])) {
            out[CM_IMC2] = 0;
        }
        return out;
    }

    static void glcm(Gray gr, int ng, Map<String, Double> out) {
        int[][] all = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, false, -1);
        int[][] planar = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, false, 0);
        aggregate(out, "cm_", CM, ng, gr, all, planar, Ibsi::cooccurrence, Ibsi::cmFeatures);
    }

    interface MatrixFn {
        double[] matrix(Gray gr, int[] a, int slice, int ng);
    }

    interface FeatureFn {
        double[] features(double[] m, int ng);
    }

    /** The six IBSI aggregations of direction-dependent matrices. */
    private static void aggregate(Map<String, Double> out, String prefix, String[] names, int ng, Gray gr,
            int[][] all, int[][] planar, MatrixFn mf, FeatureFn ff) {
        List<double[]> f2dAvg = new ArrayList<>();
        List<double[]> f2dComb = new ArrayList<>();
        List<double[]> f25Avg = new ArrayList<>();
        double[] m25 = null;
        double[][] perSliceDirSum = new double[gr.nz()][];
        for (int[] a : planar) {
            double[] merged = null;
            for (int z = 0; z < gr.nz(); z++) {
                double[] m = mf.matrix(gr, a, z, ng);
                add(f2dAvg, ff.features(m, ng));
                merged = sum(merged, m);
                perSliceDirSum[z] = sum(perSliceDirSum[z], m);
            }
            add(f2dComb, ff.features(merged, ng));
            m25 = sum(m25, merged);
        }
        for (int z = 0; z < gr.nz(); z++) {
            add(f25Avg, ff.features(perSliceDirSum[z], ng));
        }
        List<double[]> f3dAvg = new ArrayList<>();
        double[] m3 = null;
        for (int[] a : all) {
            double[] m = mf.matrix(gr, a, -1, ng);
            add(f3dAvg, ff.features(m, ng));
            m3 = sum(m3, m);
        }
        put(out, prefix, names, "_2D_avg", mean(f2dAvg));
        // IBSI: "2D slice-merged" merges the directions within each slice, "2.5D direction-merged" merges slices
        put(out, prefix, names, "_2D_comb", mean(f25Avg));
        put(out, prefix, names, "_2_5D_avg", mean(f2dComb));
        put(out, prefix, names, "_2_5D_comb", ff.features(m25, ng));
        put(out, prefix, names, "_3D_avg", mean(f3dAvg));
        put(out, prefix, names, "_3D_comb", ff.features(m3, ng));
    }

    private static void add(List<double[]> l, double[] f) {
        if (f != null) {
            l.add(f);
        }
    }

    private static double[] sum(double[] acc, double[] m) {
        if (acc == null) {
            return m.clone();
        }
        for (int k = 0; k < m.length; k++) {
            acc[k] += m[k];
        }
        return acc;
    }

    private static double[] mean(List<double[]> l) {
        if (l.isEmpty()) {
            return null;
        }
        double[] m = new double[l.get(0).length];
        for (double[] f : l) {
            for (int k = 0; k < m.length; k++) {
                m[k] += f[k] / l.size();
            }
        }
        return m;
    }

    private static void put(Map<String, Double> out, String prefix, String[] names, String suffix, double[] f) {
        for (int k = 0; k < names.length; k++) {
            out.put(prefix + names[k] + suffix, f == null ? Double.NaN : f[k]);
        }
    }

    // ------------------------------------------------------------------ GLRLM

    private static final String[] RLM = {"sre", "lre", "lgre", "hgre", "srlge", "srhge", "lrlge", "lrhge", "glnu",
        "glnu_norm", "rlnu", "rlnu_norm", "r_perc", "gl_var", "rl_var", "rl_entr"};

    static double[] runMatrix(Gray gr, int[] a, int slice, int ng) {
        Gray g = slice < 0 ? gr : slice(gr, slice);
        int nr = Math.max(g.nx(), Math.max(g.ny(), g.nz()));
        double[][] m = Glrlm.matrices(g, new int[][] {a}, nr);
        // expand from present-level rows to 1..ng rows
        double[] out = new double[ng * nr];
        int[] levels = g.levels();
        for (int li = 0; li < levels.length; li++) {
            System.arraycopy(m[0], li * nr, out, (levels[li] - 1) * nr, nr);
        }
        return out;
    }

    /** A one-slice copy of a region (other voxels outside the mask), keeping the grid. */
    static Gray slice(Gray gr, int z) {
        int[] g = new int[gr.g().length];
        int plane = gr.nx() * gr.ny();
        System.arraycopy(gr.g(), plane * z, g, plane * z, plane);
        return Gray.of(gr.nx(), gr.ny(), gr.nz(), g);
    }

    /**
     * Zone/run-type features (order of {@link #RLM}) of counts m (ng rows × nj columns, j = column + 1) and nv
     * voxels (0: percentage over Σ j·m) by the pyradiomics formulas ({@link RunFeatures}); null when empty.
     */
    static double[] zoneFeatures(double[] m, int ng, double nv) {
        int nj = m.length / ng;
        double ns = 0;
        for (double v : m) {
            ns += v;
        }
        if (ns == 0) {
            return null;
        }
        boolean[] allJ = new boolean[nj];
        Arrays.fill(allJ, true);
        double[] f = RunFeatures.runLike(m, allLevels(ng), nj, allJ, true);
        // runLike order: GLN, GLNN, GLV, HGE, LE, LHGE, LLGE, LGE, Entropy, SN, SNN, Percentage, SV, SE, SHGE, SLGE
        return new double[] {f[13], f[4], f[7], f[3], f[15], f[14], f[6], f[5], f[0], f[1], f[9], f[10],
            nv > 0 ? ns / nv : f[11], f[2], f[12], f[8]};
    }

    static void glrlm(Gray gr, int ng, Map<String, Double> out) {
        int[][] all = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, false, -1);
        int[][] planar = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, false, 0);
        aggregate(out, "rlm_", RLM, ng, gr, all, planar, Ibsi::runMatrix, (m, n) -> zoneFeatures(m, n, 0));
    }

    // ------------------------------------------------------------------ GLSZM and GLDZM

    private static final String[] SZM = {"sze", "lze", "lgze", "hgze", "szlge", "szhge", "lzlge", "lzhge", "glnu",
        "glnu_norm", "zsnu", "zsnu_norm", "z_perc", "gl_var", "zs_var", "zs_entr"};
    private static final String[] DZM = {"sde", "lde", "lgze", "hgze", "sdlge", "sdhge", "ldlge", "ldhge", "glnu",
        "glnu_norm", "zdnu", "zdnu_norm", "z_perc", "gl_var", "zd_var", "zd_entr"};

    static void zones(Gray gr, int ng, Map<String, Double> out) {
        int nv = gr.voxelCount();
        // 3D
        double[][] m3 = zoneMatrices(gr, -1, ng);
        put(out, "szm_", SZM, "_3D", zoneFeatures(m3[0], ng, nv));
        put(out, "dzm_", DZM, "_3D", zoneFeatures(m3[1], ng, nv));
        List<double[]> s2 = new ArrayList<>();
        List<double[]> d2 = new ArrayList<>();
        int maxS = 0;
        int maxD = 0;
        List<double[][]> per = new ArrayList<>();
        for (int z = 0; z < gr.nz(); z++) {
            Gray sl = slice(gr, z);
            int nvz = sl.voxelCount();
            if (nvz == 0) {
                continue;
            }
            double[][] m = zoneMatrices(sl, 0, ng);
            per.add(m);
            add(s2, zoneFeatures(m[0], ng, nvz));
            add(d2, zoneFeatures(m[1], ng, nvz));
            maxS = Math.max(maxS, m[0].length / ng);
            maxD = Math.max(maxD, m[1].length / ng);
        }
        put(out, "szm_", SZM, "_2D", mean(s2));
        put(out, "dzm_", DZM, "_2D", mean(d2));
        double[] ms = new double[ng * maxS];
        double[] md = new double[ng * maxD];
        for (double[][] m : per) {
            addPadded(ms, maxS, m[0], ng);
            addPadded(md, maxD, m[1], ng);
        }
        put(out, "szm_", SZM, "_2_5D", zoneFeatures(ms, ng, nv));
        put(out, "dzm_", DZM, "_2_5D", zoneFeatures(md, ng, nv));
    }

    private static void addPadded(double[] acc, int nj, double[] m, int ng) {
        int mj = m.length / ng;
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < mj; j++) {
                acc[i * nj + j] += m[i * mj + j];
            }
        }
    }

    /** {size-zone matrix, distance-zone matrix} with ng rows; force2Ddim 0 = in-slice connectivity. */
    static double[][] zoneMatrices(Gray gr, int force2Ddim, int ng) {
        int[][] conn = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, true, force2Ddim);
        int[] dist = borderDistance(gr, force2Ddim);
        int n = gr.g().length;
        boolean[] done = new boolean[n];
        int[] stack = new int[n];
        List<int[]> zones = new ArrayList<>();
        int maxS = 1;
        int maxD = 1;
        int[] g = gr.g();
        for (int i = 0; i < n; i++) {
            if (g[i] == 0 || done[i]) {
                continue;
            }
            int top = 0;
            stack[top++] = i;
            done[i] = true;
            int size = 0;
            int dmin = Integer.MAX_VALUE;
            while (top > 0) {
                int k = stack[--top];
                size++;
                dmin = Math.min(dmin, dist[k]);
                int x = k % gr.nx();
                int y = (k / gr.nx()) % gr.ny();
                int z = k / (gr.nx() * gr.ny());
                for (int[] a : conn) {
                    int j = gr.neighbour(x, y, z, a);
                    if (j >= 0 && !done[j] && g[j] == g[i]) {
                        done[j] = true;
                        stack[top++] = j;
                    }
                }
            }
            zones.add(new int[] {g[i], size, dmin});
            maxS = Math.max(maxS, size);
            maxD = Math.max(maxD, dmin);
        }
        double[] ms = new double[ng * maxS];
        double[] md = new double[ng * maxD];
        for (int[] zn : zones) {
            ms[(zn[0] - 1) * maxS + zn[1] - 1]++;
            md[(zn[0] - 1) * maxD + zn[2] - 1]++;
        }
        return new double[][] {ms, md};
    }

    /** City-block distance (steps within 6-, or in-slice 4-connectivity) to the nearest voxel outside the ROI; 1 at the edge. */
    static int[] borderDistance(Gray gr, int force2Ddim) {
        int nx = gr.nx();
        int ny = gr.ny();
        int nz = gr.nz();
        int[] g = gr.g();
        int[] d = new int[g.length];
        java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        int[][] nb = force2Ddim == 0 ? new int[][] {{0, 0, 1}, {0, 0, -1}, {0, 1, 0}, {0, -1, 0}}
                : new int[][] {{0, 0, 1}, {0, 0, -1}, {0, 1, 0}, {0, -1, 0}, {1, 0, 0}, {-1, 0, 0}};
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    if (g[i] == 0) {
                        continue;
                    }
                    for (int[] a : nb) {
                        int j = gr.neighbour(x, y, z, a);
                        if (j < 0 || g[j] == 0) {
                            d[i] = 1;
                            q.add(i);
                            break;
                        }
                    }
                }
            }
        }
        while (!q.isEmpty()) {
            int i = q.poll();
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            for (int[] a : nb) {
                int j = gr.neighbour(x, y, z, a);
                if (j >= 0 && g[j] > 0 && d[j] == 0) {
                    d[j] = d[i] + 1;
                    q.add(j);
                }
            }
        }
        return d;
    }

    // ------------------------------------------------------------------ NGTDM and NGLDM

    static void ngtdm(Gray gr, int ng, Map<String, Double> out) {
        String[] names = {"coarseness", "contrast", "busyness", "complexity", "strength"};
        double[][] m3 = ngtdmMatrix(gr, -1, ng);
        put(out, "ngt_", names, "_3D", ngtFeatures(m3, ng));
        List<double[]> f2 = new ArrayList<>();
        double[][] merged = new double[2][ng];
        for (int z = 0; z < gr.nz(); z++) {
            Gray sl = slice(gr, z);
            if (sl.voxelCount() == 0) {
                continue;
            }
            double[][] m = ngtdmMatrix(sl, 0, ng);
            add(f2, ngtFeatures(m, ng));
            for (int k = 0; k < ng; k++) {
                merged[0][k] += m[0][k];
                merged[1][k] += m[1][k];
            }
        }
        put(out, "ngt_", names, "_2D", mean(f2));
        put(out, "ngt_", names, "_2_5D", ngtFeatures(merged, ng));
    }

    /** {n_i, s_i}: voxels without neighbours in the ROI are left out (IBSI). */
    static double[][] ngtdmMatrix(Gray gr, int force2Ddim, int ng) {
        int[][] nb = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, true, force2Ddim);
        double[] n = new double[ng];
        double[] s = new double[ng];
        int[] g = gr.g();
        for (int z = 0; z < gr.nz(); z++) {
            for (int y = 0; y < gr.ny(); y++) {
                for (int x = 0; x < gr.nx(); x++) {
                    int i = x + gr.nx() * (y + gr.ny() * z);
                    if (g[i] == 0) {
                        continue;
                    }
                    int c = 0;
                    double sum = 0;
                    for (int[] a : nb) {
                        int j = gr.neighbour(x, y, z, a);
                        if (j >= 0 && g[j] > 0) {
                            c++;
                            sum += g[j];
                        }
                    }
                    if (c == 0) {
                        continue;
                    }
                    n[g[i] - 1]++;
                    s[g[i] - 1] += Math.abs(g[i] - sum / c);
                }
            }
        }
        return new double[][] {n, s};
    }

    static double[] ngtFeatures(double[][] m, int ng) {
        double nv = 0;
        for (double c : m[0]) {
            nv += c;
        }
        if (nv == 0) {
            return null;
        }
        Map<String, Double> f = Ngtdm.features(m[0], m[1], allLevels(ng));
        return new double[] {f.get("Coarseness"), f.get("Contrast"), f.get("Busyness"), f.get("Complexity"),
            f.get("Strength")};
    }

    private static final String[] NGL = {"lde", "hde", "lgce", "hgce", "ldlge", "ldhge", "hdlge", "hdhge", "glnu",
        "glnu_norm", "dcnu", "dcnu_norm", "dc_perc", "gl_var", "dc_var", "dc_entr", "dc_energy"};

    static void ngldm(Gray gr, int ng, Map<String, Double> out) {
        int nv = gr.voxelCount();
        put(out, "ngl_", NGL, "_3D", nglFeatures(ngldmMatrix(gr, -1, ng), ng, nv));
        List<double[]> f2 = new ArrayList<>();
        int nd = 10;
        double[] merged = new double[ng * nd];
        for (int z = 0; z < gr.nz(); z++) {
            Gray sl = slice(gr, z);
            int nvz = sl.voxelCount();
            if (nvz == 0) {
                continue;
            }
            double[] m = ngldmMatrix(sl, 0, ng);
            add(f2, nglFeatures(m, ng, nvz));
            for (int i = 0; i < ng; i++) {
                for (int j = 0; j < 9; j++) {
                    merged[i * nd + j] += m[i * 9 + j];
                }
            }
        }
        put(out, "ngl_", NGL, "_2D", mean(f2));
        put(out, "ngl_", NGL, "_2_5D", nglFeatures(merged, ng, nv));
    }

    /** s(i, j): voxels of grey level i with j − 1 dependent neighbours (α = 0); columns = neighbours + 1. */
    static double[] ngldmMatrix(Gray gr, int force2Ddim, int ng) {
        int[][] nb = Angles.generate(new int[] {99, 99, 99}, new int[] {1}, true, force2Ddim);
        int nj = nb.length + 1;
        double[] m = new double[ng * nj];
        int[] g = gr.g();
        for (int z = 0; z < gr.nz(); z++) {
            for (int y = 0; y < gr.ny(); y++) {
                for (int x = 0; x < gr.nx(); x++) {
                    int i = x + gr.nx() * (y + gr.ny() * z);
                    if (g[i] == 0) {
                        continue;
                    }
                    int dep = 0;
                    for (int[] a : nb) {
                        int j = gr.neighbour(x, y, z, a);
                        if (j >= 0 && g[j] == g[i]) {
                            dep++;
                        }
                    }
                    m[(g[i] - 1) * nj + dep]++;
                }
            }
        }
        return m;
    }

    static double[] nglFeatures(double[] m, int ng, int nv) {
        double[] z = zoneFeatures(m, ng, nv);
        if (z == null) {
            return null;
        }
        double ns = 0;
        for (double v : m) {
            ns += v;
        }
        double energy = 0;
        for (double v : m) {
            energy += (v / ns) * (v / ns);
        }
        // zoneFeatures order: s, l, lg, hg, slg, shg, llg, lhg, glnu, glnu_n, jnu, jnu_n, perc, gv, jv, ent
        return new double[] {z[0], z[1], z[2], z[3], z[4], z[5], z[6], z[7], z[8], z[9], z[10], z[11], z[12], z[13],
            z[14], z[15], energy};
    }
}
