package rt.dvh.internal.engine;

import static rt.dvh.internal.engine.SectionGrid.bilinear;

/**
 * Walks sub-slabs and adds jittered samples to the histogram: the slabs between planes, the slab caps, and the end
 * caps that taper or close (see {@link #taper}, {@link #apex}). One object per ROI, because the low-discrepancy
 * sequence runs on from slab to slab (so that samples of neighbouring slabs do not line up) and the candidate buffers
 * are reused.
 */
final class Sweep {

    private static final double A1 = 0.8191725133961645; // R3 additive recurrence (1/g, 1/g², 1/g³)
    private static final double A2 = 0.6710436067037893;
    private static final double A3 = 0.5497004779019703;
    private static final double A4 = 0.6180339887498949; // golden ratio, for thinning thin slabs

    final SectionGrid g;
    /** The planes around the slab being walked and the bulge and rim rules on them. */
    final SlabRules rules;
    private final DoseField dose;
    private final Dvh.Builder hist;
    private final DoseField coverage; // the dose grid's indicator where the volume outside it is measured, or null
    double outsideMm3; // the samples' volume outside the dose grid (with coverage)
    private double u1 = 0.5;
    private double u2 = 0.5;
    private double u3 = 0.5;
    private double u4 = 0.5;
    private int[] candI = new int[0];
    private int[] candJ = new int[0];
    private Curvature curvA;
    private Curvature curvB;
    private boolean[] bulgeCell = new boolean[0]; // per candidate: a bulge may reach it
    private boolean rims; // the slab being walked tests rimOneSide where a sample is inside one plane only
    private boolean endRims; // … and rimAtEnd outside its end plane (a, when endIsA, or b)
    private boolean endIsA;

    /** The curvatures at the two planes of the next slab (either may be null: the other one serves). */
    void curvatures(Curvature a, Curvature b) {
        curvA = a != null ? a : b;
        curvB = b != null ? b : a;
    }

    Sweep(SectionGrid g, DoseField dose, DoseField coverage, Dvh.Builder hist) {
        this.g = g;
        this.rules = new SlabRules(g);
        this.dose = dose;
        this.coverage = coverage;
        this.hist = hist;
    }

    /** Adds one sample of volume w at (x, y, z). */
    private void add(double x, double y, double z, double w) {
        hist.add(dose.at(x, y, z), w);
        if (coverage != null && coverage.at(x, y, z) == 0) {
            outsideMm3 += w;
        }
    }

    /**
     * The ROI between plane a at z0 and plane b at z0 + thickness (a cap when a == b; thickness may be
     * negative): inside where the blend (1−t)·φa(q) + t·φb(q + shift), bilinear at the sample, is negative, at the
     * sheared position q + t·shift (a shear keeps volume, so uniform samples in q stay uniform).
     *
     * <p>The cap and the blend between two planes sample in loops of their own, and the rim and bulge rules
     * are asked out of line ({@link #accepts}): one loop testing every mode's flags is compiled into a copy per
     * combination of them (the JIT unswitches loop-invariant tests), and was recompiled a dozen times at up to
     * 0.75 s each as ROI after ROI took another branch, most of a cold command's time.
     */
    void slab(Plane a, Plane b, double z0, double thickness, int mi, int mj) {
        rules.slabMm = Math.abs(thickness);
        boolean curved = a != b && curvA != null;
        double halfS2 = 0.5 * thickness * thickness;
        boolean bulges = a != b && rules.before != null && rules.after != null;
        // the rim rule for points inside one plane only (see rimOneSide): only where a plane shows a corner
        // (outlines without corners never test it)
        rims = bulges && (a.corners().length > 0 || b.corners().length > 0);
        // the same next to an end plane, from the two planes further in (see rimAtEnd)
        endIsA = rules.before == null;
        endRims = a != b && endIsA != (rules.after == null) && (endIsA ? b : a).corners().length > 0;
        int n = candidates(a, b, mi, mj, bulges);
        if (n == 0) {
            return;
        }
        double len = Math.abs(thickness);
        int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
        // a slab thinner than the z step keeps only that share of its cells (chosen by the sequence), each
        // weighing a full step: unbiased, and dense contour stacks cost no more samples than sparse ones
        double keep = Math.min(1.0, len / g.zStep);
        double w = g.cell * g.cell * len / sub / keep;
        if (a == b) {
            capSamples(a, n, sub, keep, w, z0, thickness);
        } else {
            // the correction is at most s²/8·max|d²φ/dz²| over the cells sampled: beyond that |φ| it cannot
            // change the sign (far from the outlines the curvature is large and irrelevant); 0 without one
            double bound = curved ? halfS2 / 4 * largestCurvature(n, mi, mj) * 1.01 : 0;
            blendSamples(a, b, n, sub, keep, w, z0, thickness, mi, mj, bound, halfS2);
        }
        if (bulges) {
            bulgeExtremes(a, b, n, z0, thickness, mi, mj);
        }
    }

    /** The largest |d²φ/dz²| of either plane's curvature over the candidate cells (b's shifted by (mi, mj)). */
    private double largestCurvature(int n, int mi, int mj) {
        float[] kaArr = curvA.k();
        float[] kbArr = curvB.k();
        double most = 0;
        int cells = kaArr.length;
        for (int c = 0; c < n; c++) {
            int idx = candJ[c] * g.nx + candI[c];
            most = Math.max(most, Math.abs(kaArr[idx]));
            int idxB = idx + mj * g.nx + mi;
            if (idxB >= 0 && idxB < cells) {
                most = Math.max(most, Math.abs(kbArr[idxB]));
            }
        }
        return most;
    }

    /** The cap slab (one plane extruded): inside where φ of the plane, bilinear at the sample, is negative. */
    private void capSamples(Plane a, int n, int sub, double keep, double w, double z0, double thickness) {
        float[] pa = a.phi();
        int nx = g.nx;
        int ny = g.ny;
        double cell = g.cell;
        double x0 = g.x0;
        double y0 = g.y0;
        // the sequence and the histogram sums live in locals for the loop (same operations, same order)
        double u1 = this.u1;
        double u2 = this.u2;
        double u3 = this.u3;
        double u4 = this.u4;
        double[] vol = hist.volume;
        int lastBin = vol.length - 1;
        double inv = hist.inv;
        double total = hist.total;
        double sum = hist.sum;
        double min = hist.min;
        double max = hist.max;
        DoseField cov = coverage;
        double outside = outsideMm3;
        int[] ci = candI;
        int[] cj = candJ;
        for (int s = 0; s < sub; s++) {
            for (int c = 0; c < n; c++) {
                if (keep < 1) {
                    u4 += A4;
                    if (u4 >= 1) {
                        u4 -= 1;
                    }
                    if (u4 >= keep) {
                        continue;
                    }
                }
                u1 += A1;
                u1 -= (int) u1; // wrap to [0, 1) without a branch
                u2 += A2;
                u2 -= (int) u2; // wrap to [0, 1) without a branch
                u3 += A3;
                u3 -= (int) u3; // wrap to [0, 1) without a branch
                double t = (s + u3) / sub;
                int i = ci[c];
                int j = cj[c];
                // bilinear φ between the centres of the four cells around the jittered point
                double px = i + u1 - 0.5;
                double py = j + u2 - 0.5;
                int i0 = px < 0 ? -1 : (int) px;
                int j0 = py < 0 ? -1 : (int) py;
                double fx = px - i0;
                double fy = py - j0;
                i0 = Math.max(0, Math.min(i0, nx - 2));
                j0 = Math.max(0, Math.min(j0, ny - 2));
                // SectionGrid.bilinear written out: ./rt dvh runs on C1 alone (see rt), which inlines no method
                // that large, and the sample loops called it for every sample
                int b00 = j0 * nx + i0;
                double top = pa[b00] + fx * (pa[b00 + 1] - pa[b00]);
                double v = top + fy * (pa[b00 + nx] + fx * (pa[b00 + nx + 1] - pa[b00 + nx]) - top);
                // the mean overestimate of φ's d² term by bilinear interpolation (see blendSamples)
                v -= 0.5 * (fx * (1 - fx) + fy * (1 - fy)) * cell * cell;
                if (v >= 0) {
                    continue;
                }
                double x = x0 + (i + u1) * cell;
                double y = y0 + (j + u2) * cell;
                double z = z0 + t * thickness;
                double d = dose.at(x, y, z);
                if (cov != null && cov.at(x, y, z) == 0) {
                    outside += w;
                }
                int bin = (int) (d * inv);
                if (bin < 0) {
                    bin = 0;
                } else if (bin > lastBin) {
                    bin = lastBin;
                }
                vol[bin] += w;
                total += w;
                sum += d * w;
                if (d < min || d > max) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        this.u1 = u1;
        this.u2 = u2;
        this.u3 = u3;
        this.u4 = u4;
        hist.total = total;
        hist.sum = sum;
        hist.min = min;
        hist.max = max;
        outsideMm3 = outside;
    }

    /** The slab between two planes: the blend of their φ, with the curvature correction and the rules. */
    private void blendSamples(Plane a, Plane b, int n, int sub, double keep, double w, double z0,
            double thickness, int mi, int mj, double bound, double halfS2) {
        float[] pa = a.phi();
        float[] pb = b.phi();
        int nx = g.nx;
        int ny = g.ny;
        double cell = g.cell;
        double x0 = g.x0;
        double y0 = g.y0;
        double sx = mi * cell;
        double sy = mj * cell;
        int offset = mj * nx + mi;
        float[] kaArr = curvA != null ? curvA.k() : null; // read only where |v| < bound, never without them
        float[] kbArr = curvB != null ? curvB.k() : null;
        double u1 = this.u1;
        double u2 = this.u2;
        double u3 = this.u3;
        double u4 = this.u4;
        double[] vol = hist.volume;
        int lastBin = vol.length - 1;
        double inv = hist.inv;
        double total = hist.total;
        double sum = hist.sum;
        double min = hist.min;
        double max = hist.max;
        DoseField cov = coverage;
        double outside = outsideMm3;
        int[] ci = candI;
        int[] cj = candJ;
        for (int s = 0; s < sub; s++) {
            for (int c = 0; c < n; c++) {
                if (keep < 1) {
                    u4 += A4;
                    if (u4 >= 1) {
                        u4 -= 1;
                    }
                    if (u4 >= keep) {
                        continue;
                    }
                }
                u1 += A1;
                u1 -= (int) u1; // wrap to [0, 1) without a branch
                u2 += A2;
                u2 -= (int) u2; // wrap to [0, 1) without a branch
                u3 += A3;
                u3 -= (int) u3; // wrap to [0, 1) without a branch
                double t = (s + u3) / sub;
                int i = ci[c];
                int j = cj[c];
                // bilinear φ between the centres of the four cells around the jittered point
                double px = i + u1 - 0.5;
                double py = j + u2 - 0.5;
                int i0 = px < 0 ? -1 : (int) px;
                int j0 = py < 0 ? -1 : (int) py;
                double fx = px - i0;
                double fy = py - j0;
                i0 = Math.max(0, Math.min(i0, nx - 2));
                j0 = Math.max(0, Math.min(j0, ny - 2));
                int b00 = j0 * nx + i0;
                // SectionGrid.bilinear written out, for both planes (C1 alone, see capSamples)
                double top = pa[b00] + fx * (pa[b00 + 1] - pa[b00]);
                double va = top + fy * (pa[b00 + nx] + fx * (pa[b00 + nx + 1] - pa[b00 + nx]) - top);
                int ib = i0 + mi;
                int jb = j0 + mj;
                boolean inB = ib >= 0 && jb >= 0 && ib < nx - 1 && jb < ny - 1;
                double vb = Float.MAX_VALUE;
                if (inB) {
                    int q = b00 + offset;
                    double topB = pb[q] + fx * (pb[q + 1] - pb[q]);
                    vb = topB + fy * (pb[q + nx] + fx * (pb[q + nx + 1] - pb[q + nx]) - topB);
                }
                double v = (1 - t) * va + t * vb;
                if (v < bound && v > -bound) {
                    // only near the outline: deeper, the correction cannot change the sign (bilinear written out)
                    double topK = kaArr[b00] + fx * (kaArr[b00 + 1] - kaArr[b00]);
                    double ka = topK + fy * (kaArr[b00 + nx] + fx * (kaArr[b00 + nx + 1] - kaArr[b00 + nx]) - topK);
                    double kb = ka;
                    if (inB) {
                        int q = b00 + offset;
                        double topKb = kbArr[q] + fx * (kbArr[q + 1] - kbArr[q]);
                        kb = topKb + fy * (kbArr[q + nx] + fx * (kbArr[q + nx + 1] - kbArr[q + nx]) - topKb);
                    }
                    // minmod: where the two disagree (a face, a kink between the planes) the smaller, or none
                    double k = ka * kb <= 0 ? 0 : Math.abs(ka) < Math.abs(kb) ? ka : kb;
                    v -= t * (1 - t) * halfS2 * k;
                }
                // φ = d² + 2M·d: bilinear interpolation overestimates the d² term by cell²·(nx²·fx(1−fx) +
                // ny²·fy(1−fy)) where d is locally linear, which moved the outline inwards by ≈ cell²/(6M)
                // (−0.4 % volume on the analytical shapes, more on thin ones); take off its mean over directions
                v -= 0.5 * (fx * (1 - fx) + fy * (1 - fy)) * cell * cell;
                // the rules can only change the blend's answer outside it or outside a plane's outline (φ has
                // the sign of the distance, so most samples skip them)
                if ((v >= 0 || inB && (va > 0 || vb > 0))
                        && !accepts(a, b, c, i0, j0, mi, mj, t, fx, fy, va, vb, v, inB)) {
                    continue;
                }
                double x = x0 + (i + u1) * cell + t * sx;
                double y = y0 + (j + u2) * cell + t * sy;
                double z = z0 + t * thickness;
                double d = dose.at(x, y, z);
                if (cov != null && cov.at(x, y, z) == 0) {
                    outside += w;
                }
                int bin = (int) (d * inv);
                if (bin < 0) {
                    bin = 0;
                } else if (bin > lastBin) {
                    bin = lastBin;
                }
                vol[bin] += w;
                total += w;
                sum += d * w;
                if (d < min || d > max) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        this.u1 = u1;
        this.u2 = u2;
        this.u3 = u3;
        this.u4 = u4;
        hist.total = total;
        hist.sum = sum;
        hist.min = min;
        hist.max = max;
        outsideMm3 = outside;
    }

    /**
     * Whether a sample between two planes is in, where a rim or bulge rule may decide (blend value v, the
     * planes' va and vb): a rim rule where it applies (inside one plane only, or outside the end plane next
     * to it), else the blend, or outside it a bulge.
     */
    private boolean accepts(Plane a, Plane b, int c, int i0, int j0, int mi, int mj, double t, double fx,
            double fy, double va, double vb, double v, boolean inB) {
        int rim = rims && inB && (va > 0) != (vb > 0) ? rules.rimOneSide(a, b, i0, j0, mi, mj, t, fx, fy)
                : endRims && inB && (endIsA ? va : vb) > 0 ? rules.rimAtEnd(a, b, i0, j0, mi, mj, t, fx, fy)
                : -1;
        return !(rim == 0 || rim < 0 && v >= 0 && !(bulgeCell[c] && inB && rules.bulgeRange(i0, j0, mi, mj)
                && rules.bulge(a, b, i0, j0, mi, mj, t, fx, fy)));
    }

    /**
     * Dmin/Dmax over the bulges: they end in a tip or a rim too thin for the samples to find its far end, so
     * each cell that a bulge may reach is searched on a 4×4 sub-grid at the height where the trends cross.
     */
    private void bulgeExtremes(Plane a, Plane b, int n, double z0, double thickness, int mi, int mj) {
        int nx = g.nx;
        int off = mj * nx + mi;
        for (int c = 0; c < n; c++) {
            if (!bulgeCell[c]) {
                continue;
            }
            int i = candI[c];
            int j = candJ[c];
            int idx = j * nx + i;
            // a bulge's far end lies outside both outlines (cells inside one hold the blend's samples)
            if (!(a.dist()[idx] > 0) || !(b.dist()[idx + off] > 0)) {
                continue;
            }
            double t = rules.crossing(a, b, idx, off);
            if (Double.isNaN(t)) {
                continue;
            }
            for (int q = 0; q < 16; q++) {
                double fx = 0.125 + 0.25 * (q & 3);
                double fy = 0.125 + 0.25 * (q >> 2);
                // the sub-point (i + fx, j + fy) lies between the centres of cells (i0, j0) and (i0+1, j0+1)
                int i0 = fx < 0.5 ? i - 1 : i;
                int j0 = fy < 0.5 ? j - 1 : j;
                if (rules.bulgeRange(i0, j0, mi, mj) && rules.bulge(a, b, i0, j0, mi, mj, t, fx + i - i0 - 0.5,
                        fy + j - j0 - 0.5)) {
                    hist.extremes(dose.at(g.x0 + (i + fx + t * mi) * g.cell, g.y0 + (j + fy + t * mj) * g.cell,
                            z0 + t * thickness));
                }
            }
        }
    }

    /**
     * The cap beyond end plane e at z0, towards z0 + spacing (the next plane, without contours), for τ up to
     * reachT (in spacings): where the signed distance continuing its trend from the neighbour plane n,
     * d(q, τ) = (1+τ)·d_e(q) − τ·d_n(q − shift) at the position q + τ·shift, is negative, together with the end
     * contour when withEnd (the slab cap of half a spacing: a section that widens towards the end takes in
     * where the trend widens it; where it narrows, the end contour alone).
     */
    void taper(Plane e, Plane nb, double z0, double spacing, int mi, int mj, double reachT, boolean withEnd) {
        float[] pe = e.phi();
        float[] pn = nb.dist();
        float[] de0 = e.dist();
        int nx = g.nx;
        int ny = g.ny;
        int offset = -(mj * nx + mi);
        double margin = 1.5 * g.cell;
        float outside = e.outside(); // φ at the margin
        if (candI.length < pe.length) {
            candI = new int[pe.length];
            candJ = new int[pe.length];
        }
        int n = 0;
        for (int j = 0, idx = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++, idx++) {
                boolean near = pe[idx] < outside; // within the margin of the end contour
                if (!near) {
                    double de = e.dist()[idx];
                    near = (1 + reachT) * de - reachT * neighbourDistance(pn, i - mi, j - mj, idx + offset,
                            de) < margin; // or of where the trend takes it
                }
                if (near) {
                    candI[n] = i;
                    candJ[n++] = j;
                }
            }
        }
        if (n == 0) {
            return;
        }
        double thickness = reachT * spacing;
        double len = Math.abs(thickness);
        int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
        double keep = Math.min(1.0, len / g.zStep);
        double w = g.cell * g.cell * len / sub / keep;
        double cell = g.cell;
        double sx = mi * cell;
        double sy = mj * cell;
        for (int s = 0; s < sub; s++) {
            for (int c = 0; c < n; c++) {
                if (keep < 1) {
                    u4 += A4;
                    if (u4 >= 1) {
                        u4 -= 1;
                    }
                    if (u4 >= keep) {
                        continue;
                    }
                }
                u1 += A1;
                u1 -= (int) u1;
                u2 += A2;
                u2 -= (int) u2;
                u3 += A3;
                u3 -= (int) u3;
                double t = (s + u3) / sub;
                double tau = t * reachT;
                int i = candI[c];
                int j = candJ[c];
                double px = i + u1 - 0.5;
                double py = j + u2 - 0.5;
                int i0 = px < 0 ? -1 : (int) px;
                int j0 = py < 0 ? -1 : (int) py;
                double fx = px - i0;
                double fy = py - j0;
                i0 = Math.max(0, Math.min(i0, nx - 2));
                j0 = Math.max(0, Math.min(j0, ny - 2));
                int b00 = j0 * nx + i0;
                double de = bilinear(de0, b00, nx, fx, fy);
                int ib = i0 - mi;
                int jb = j0 - mj;
                double dn = ib >= 0 && jb >= 0 && ib < nx - 1 && jb < ny - 1
                        ? bilinear(pn, b00 + offset, nx, fx, fy) : de;
                // the end contour extruded (withEnd), and wherever the trend widens it
                if ((!withEnd || de >= 0) && (1 + tau) * de - tau * dn >= 0) {
                    continue;
                }
                add(g.x0 + (i + u1) * cell + tau * sx, g.y0 + (j + u2) * cell + tau * sy, z0 + t * thickness, w);
            }
        }
    }

    /**
     * The closing cap beyond end plane e at z0 (towards z0 + spacing): at ζ beyond the plane the end section
     * eroded by M_e − M(ζ), M the trend's depth, so that it shrinks to the deepest point at the reach; shifted by
     * ζ/spacing·shift, the drift of the sections.
     */
    void apex(Plane e, EndCap cap, double z0, double spacing, int mi, int mj) {
        float[] pe = e.phi();
        float outside = e.outside();
        if (candI.length < pe.length) {
            candI = new int[pe.length];
            candJ = new int[pe.length];
        }
        int n = 0;
        for (int j = 0, idx = 0; j < g.ny; j++) {
            for (int i = 0; i < g.nx; i++, idx++) {
                if (pe[idx] < outside) {
                    candI[n] = i;
                    candJ[n++] = j;
                }
            }
        }
        double len = cap.reach();
        double gap = Math.abs(spacing);
        double dir = Math.signum(spacing);
        int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
        double keep = Math.min(1.0, len / g.zStep);
        double w = g.cell * g.cell * len / sub / keep;
        double cell = g.cell;
        int nx = g.nx;
        int ny = g.ny;
        for (int s = 0; s < sub; s++) {
            for (int c = 0; c < n; c++) {
                if (keep < 1) {
                    u4 += A4;
                    if (u4 >= 1) {
                        u4 -= 1;
                    }
                    if (u4 >= keep) {
                        continue;
                    }
                }
                u1 += A1;
                u1 -= (int) u1;
                u2 += A2;
                u2 -= (int) u2;
                u3 += A3;
                u3 -= (int) u3;
                double zeta = (s + u3) / sub * len;
                int i = candI[c];
                int j = candJ[c];
                double px = i + u1 - 0.5;
                double py = j + u2 - 0.5;
                int i0 = px < 0 ? -1 : (int) px;
                int j0 = py < 0 ? -1 : (int) py;
                double fx = px - i0;
                double fy = py - j0;
                i0 = Math.max(0, Math.min(i0, nx - 2));
                j0 = Math.max(0, Math.min(j0, ny - 2));
                double de = bilinear(e.dist(), j0 * nx + i0, nx, fx, fy);
                if (de >= -(cap.me() - cap.depthAt(zeta))) {
                    continue;
                }
                double f = zeta / gap; // the drift of the section at its place in the trend
                add(g.x0 + (i + u1) * cell + f * mi * cell, g.y0 + (j + u2) * cell + f * mj * cell, z0 + dir * zeta,
                        w);
            }
        }
    }

    /** The neighbour's signed distance at cell (i, j), or {@code fallback} outside the grid (no trend). */
    private double neighbourDistance(float[] dn, int i, int j, int idx, double fallback) {
        return i >= 0 && j >= 0 && i < g.nx && j < g.ny ? dn[idx] : fallback;
    }

    private int candidates(Plane a, Plane b, int mi, int mj, boolean bulges) {
        float[] pa = a.phi();
        float[] pb = b.phi();
        float ta = a.outside();
        float tb = b.outside();
        if (candI.length < pa.length) {
            candI = new int[pa.length];
            candJ = new int[pa.length];
        }
        if (bulgeCell.length < pa.length) {
            bulgeCell = new boolean[pa.length];
        }
        double margin = 1.5 * g.cell;
        float[] da = a.dist();
        float[] db = b.dist();
        float[] dBefore = bulges ? rules.before.dist() : null;
        float[] dAfter = bulges ? rules.after.dist() : null;
        int n = 0;
        int nx = g.nx;
        int ny = g.ny;
        int offset = mj * nx + mi;
        // the cells where bulgeRange holds: i − mi, i and i + 2·mi (and so for j) all in [0, n − 1)
        int iLo = Math.max(0, Math.max(mi, -2 * mi));
        int iHi = Math.min(nx - 1, Math.min(nx - 1 + mi, nx - 1 - 2 * mi));
        int jLo = Math.max(0, Math.max(mj, -2 * mj));
        int jHi = Math.min(ny - 1, Math.min(ny - 1 + mj, ny - 1 - 2 * mj));
        for (int j = 0, idx = 0; j < ny; j++) {
            boolean rowB = j + mj >= 0 && j + mj < ny;
            boolean rowBulge = bulges && j >= jLo && j < jHi;
            for (int i = 0; i < nx; i++, idx++) {
                boolean near = pa[idx] < ta || (rowB && i + mi >= 0 && i + mi < nx && pb[idx + offset] < tb);
                // or where a bulge may reach the cell
                // (not where the cell is deep inside either plane's outline: the blend has it)
                boolean bulge = rowBulge && i >= iLo && i < iHi && da[idx] > -margin
                        && db[idx + offset] > -margin
                        && rules.trendsMeetBelow(da, db, dBefore, dAfter, idx, offset, margin);
                if (near || bulge) {
                    bulgeCell[n] = bulge;
                    candI[n] = i;
                    candJ[n++] = j;
                }
            }
        }
        return n;
    }
}
