package rt.dvh.internal.engine;

import static rt.dvh.internal.engine.SectionGrid.bilinear;


/**
 * The planes around the slab being walked, and the rules that decide from them where the structure reaches beyond
 * the blend of the slab's two planes: bulges (an extreme between the planes, seen by neither) and the rims of
 * oblique flat faces (see DvhSampler's overview). Apart from the sweep because they read planes beyond the slab,
 * which the sampling loops never touch; set per slab by {@link #outer} and {@link #further}.
 */
final class SlabRules {
    private final SectionGrid g;
    Plane before; // the planes before and after the slab's two, or null
    Plane after;
    double ratioBefore; // the slab's thickness over the spacing to the plane before, or after
    double ratioAfter;
    double slabMm; // the thickness of the slab being walked
    Plane before2; // the planes two before and two after the slab's two, or null
    Plane after2;
    double gapBefore2; // the spacing from before2 to before, and from after to after2, over the slab's
    double gapAfter2;

    SlabRules(SectionGrid g) {
        this.g = g;
    }

    /** The planes two before and two after the next slab's two (either may be null), for rims between them. */
    void further(Plane before2, Plane after2, double gapBefore2OverSlab, double gapAfter2OverSlab) {
        this.before2 = before2;
        this.after2 = after2;
        gapBefore2 = gapBefore2OverSlab;
        gapAfter2 = gapAfter2OverSlab;
    }

    /** The planes before and after the next slab's two (either may be null), for bulges between them. */
    void outer(Plane before, Plane after, double slabOverBefore, double slabOverAfter) {
        this.before = before;
        this.after = after;
        ratioBefore = slabOverBefore;
        ratioAfter = slabOverAfter;
    }

    /**
     * Whether the point at (i0 + fx, j0 + fy) of plane a's frame (cell-centre units), at t between the planes,
     * lies in a bulge: outside both planes' outlines, but inside where the trends of both sides reach. A bulge
     * needs both: the straight trends of the signed distance from either side (the secants through the planes
     * before and after the slab's two, continued into the slab) must cross inside the structure — along a
     * surface that is convex or straight in z they hold it, so they bound how far it can reach — and ψ's
     * quadratic through the planes must be negative there (see {@link SectionGrid#plane}), which tells an apex or
     * a sharpening tip, that reaches the crossing, from a rounded end, that stops short of it.
     */
    boolean bulge(Plane a, Plane b, int i0, int j0, int mi, int mj, double t, double fx, double fy) {
        int nx = g.nx;
        int b00 = j0 * nx + i0;
        int off = mj * nx + mi;
        double dA = bilinear(a.dist(), b00, nx, fx, fy);
        double dB = bilinear(b.dist(), b00 + off, nx, fx, fy);
        if (dA <= 0 || dB <= 0) {
            return false;
        }
        double lower = dA + t * ratioBefore * (dA - bilinear(before.dist(), b00 - off, nx, fx, fy));
        double upper = dB + (1 - t) * ratioAfter * (dB - bilinear(after.dist(), b00 + 2 * off, nx, fx, fy));
        if (lower >= 0 || upper >= 0) {
            return false;
        }
        double pA = bilinear(a.psi(), b00, nx, fx, fy);
        double pB = bilinear(b.psi(), b00 + off, nx, fx, fy);
        // A corner on one plane near the point and none on the other: the extreme is the rim where an oblique
        // flat face meets the side between the planes. ψ assumes one smooth surface through the four planes and
        // reads the corner (and the straight trace next to it) as a tiny circle, a tip about to close, so it
        // must not decide there. The structure between the planes is the side cut by the face. The face's trace
        // is a straight line in each plane, moving linearly with z: the line through the corner (along its
        // straighter edge), moved by the offset of the corresponding corner on the plane beyond (along the
        // trace's normal, so any point of the rim, a curve, will do), must have the point inside. The side
        // must too: ψ's quadratic through the three planes on the smooth side (ψ there is the restriction of
        // the side's own quadratic function, see SectionGrid#plane; a straight trend overshoots a side that narrows,
        // as a cone's). The distance to the corner itself is no such bound: the corner runs along the curved
        // rim, and its straight trend runs past where the rim turns. "Near" is within the point's distance plus
        // four slab spacings, as far as a face at up to 76° to the planes moves its trace over the slab.
        double slack = 0.5 * Math.max(g.cell, 0.5);
        double px = g.x0 + (i0 + 0.5 + fx) * g.cell;
        double py = g.y0 + (j0 + 0.5 + fy) * g.cell;
        double sx = mi * g.cell; // plane b's frame is shifted by +shift; the plane before by −shift
        double sy = mj * g.cell;
        int cA = a.cornerNear(px, py, dA + slack + 4 * slabMm);
        int cB = b.cornerNear(px + sx, py + sy, dB + slack + 4 * slabMm);
        if (cA >= 0 && cB >= 0 && rimBetween(a.corners(), cA, b.corners(), cB, px, py, px + sx, py + sy, t)) {
            return true;
        }
        if ((cA >= 0) != (cB >= 0)) {
            boolean onA = cA >= 0;
            Plane c = onA ? a : b;
            Plane beyond = onA ? before : after;
            int ci = onA ? cA : cB;
            double[] k = c.corners();
            double[] kb = beyond.corners();
            // the point, the corner plane's frame and the plane beyond's frame (aligned as the slab's shift)
            double qx = onA ? px : px + sx;
            double qy = onA ? py : py + sy;
            double bx = onA ? -sx : sx;
            double by = onA ? -sy : sy;
            double face = k[ci + 2] * (qx - k[ci]) + k[ci + 3] * (qy - k[ci + 1]);
            // the corner of the plane beyond that continues it: the nearest within the same reach
            int cb = beyond.cornerNear(k[ci] + bx, k[ci + 1] + by, 4 * slabMm);
            Plane smooth2 = onA ? after2 : before2;
            int farIdx = onA ? b00 + 3 * off : b00 - 2 * off;
            int reachOut = onA ? 3 : -2;
            boolean farOk = smooth2 != null && inside(i0 + reachOut * mi, j0 + reachOut * mj);
            if (cb >= 0 && farOk) {
                double xs = onA ? 1 - t : t; // into the slab from the smooth plane, in slab spacings
                double u1 = 1 / (onA ? ratioAfter : ratioBefore);
                double u2 = onA ? gapAfter2 : gapBefore2;
                double s0 = onA ? pB : pA;
                double s1 = bilinear((onA ? after : before).psi(), onA ? b00 + 2 * off : b00 - off, nx, fx, fy);
                double s2 = bilinear(smooth2.psi(), farIdx, nx, fx, fy);
                // Lagrange through (0, s0), (−u1, s1), (−u1 − u2, s2), at xs
                double side = s0 * (xs + u1) * (xs + u1 + u2) / (u1 * (u1 + u2))
                        - s1 * xs * (xs + u1 + u2) / (u1 * u2)
                        + s2 * xs * (xs + u1) / ((u1 + u2) * u2);
                if (!(side < 0)) {
                    return false;
                }
                double move = k[ci + 2] * (kb[cb] - bx - k[ci]) + k[ci + 3] * (kb[cb + 1] - by - k[ci + 1]);
                double x = onA ? t * ratioBefore : (1 - t) * ratioAfter;
                return face + x * move < 0;
            }
        }
        double p0 = bilinear(before.psi(), b00 - off, nx, fx, fy);
        double p1 = pA;
        double p2 = pB;
        double p3 = bilinear(after.psi(), b00 + 2 * off, nx, fx, fy);
        // second differences scaled to the slab's spacing (equal spacings: the usual second differences)
        double k = minmod(ratioBefore * (ratioBefore * (p0 - p1) + (p2 - p1)) * 2 / (1 + ratioBefore),
                ratioAfter * (ratioAfter * (p3 - p2) + (p1 - p2)) * 2 / (1 + ratioAfter));
        return (1 - t) * p1 + t * p2 - 0.5 * t * (1 - t) * k < 0;
    }

    /**
     * A point beyond the face's trace on either plane, where both planes show a corner of the same face (their
     * traces' normals within about 25°): the rim of an oblique flat face lying between the planes. The section
     * there is the face's half-plane cut by the side, each moving with z on its own, so each is blended on its
     * own: the trace (exactly linear in z for a flat face) and the side continued beyond the corner (its circle,
     * see OutlineCorners#rimFit). Blending the section's signed distance instead would take the larger of the two at both
     * planes, which cuts the corner as it moves: the rim, whose extreme lies between the planes, would be drawn
     * as the chord between the planes' corners. False where the rule does not apply (another kind of corner, or
     * the point inside the face's half-plane on both planes, where the side alone decides), and the other bulge
     * rules still decide.
     */
    private static boolean rimBetween(double[] ka, int cA, double[] kb, int cB, double ax, double ay, double bx,
            double by, double t) {
        if (Double.isNaN(ka[cA + 10]) || Double.isNaN(kb[cB + 10])
                || ka[cA + 6] * kb[cB + 6] + ka[cA + 7] * kb[cB + 7] < 0.9) {
            return false;
        }
        double fA = ka[cA + 6] * (ax - ka[cA + 4]) + ka[cA + 7] * (ay - ka[cA + 5]);
        double fB = kb[cB + 6] * (bx - kb[cB + 4]) + kb[cB + 7] * (by - kb[cB + 5]);
        if (fA <= 0 && fB <= 0) {
            return false;
        }
        return (1 - t) * fA + t * fB < 0
                && (1 - t) * sideDistance(ka, cA, ax, ay) + t * sideDistance(kb, cB, bx, by) < 0;
    }

    /**
     * A point inside one plane's outline and beyond the other plane's face trace, where only that other plane
     * shows a corner of an oblique flat face (the face's rim lies between the planes and the plane without the
     * corner is past the face's reach): 1 inside, 0 outside, −1 where the rule does not apply (the blend and
     * the bulge rules decide). The section there is the side cut by the face, each moving on its own, as in
     * {@link #rimBetween}: the face's trace moves linearly, by the offset of the corner on the plane beyond
     * the corner's plane (along the trace's normal), and the side is blended between the plane without the
     * corner and the corner plane's side continued beyond the corner (its circle). Blending the section's signed
     * distance instead takes the distance beyond the trace at the corner plane, which cuts the rim towards the
     * other plane's outline (in-plane Dmin +3 % at the rim of an oblique cone's face on 3 mm planes).
     */
    int rimOneSide(Plane a, Plane b, int i0, int j0, int mi, int mj, double t, double fx, double fy) {
        int nx = g.nx;
        int b00 = j0 * nx + i0;
        int off = mj * nx + mi;
        double dA = bilinear(a.dist(), b00, nx, fx, fy);
        double dB = bilinear(b.dist(), b00 + off, nx, fx, fy);
        if ((dA > 0) == (dB > 0)) {
            return -1;
        }
        boolean onA = dA > 0; // the corner must be on the plane whose outline the point is outside of
        Plane c = onA ? a : b;
        Plane other = onA ? b : a;
        Plane beyond = onA ? before : after;
        double slack = 0.5 * Math.max(g.cell, 0.5);
        double px = g.x0 + (i0 + 0.5 + fx) * g.cell;
        double py = g.y0 + (j0 + 0.5 + fy) * g.cell;
        double sx = mi * g.cell;
        double sy = mj * g.cell;
        double qx = onA ? px : px + sx; // the point in the corner plane's frame
        double qy = onA ? py : py + sy;
        int ci = c.cornerNear(qx, qy, (onA ? dA : dB) + slack + 4 * slabMm);
        if (ci < 0 || other.cornerNear(onA ? px + sx : px, onA ? py + sy : py, slack + 4 * slabMm) >= 0) {
            return -1;
        }
        double[] k = c.corners();
        if (Double.isNaN(k[ci + 10])) {
            return -1;
        }
        double face = k[ci + 6] * (qx - k[ci + 4]) + k[ci + 7] * (qy - k[ci + 5]);
        if (!(face > 0)) {
            return -1; // inside the face's half-plane: the side alone decides, as the blend has it
        }
        double bx = onA ? -sx : sx; // the plane beyond's frame relative to the corner plane's
        double by = onA ? -sy : sy;
        int cb = beyond.cornerNear(k[ci] + bx, k[ci + 1] + by, 4 * slabMm);
        if (cb < 0) {
            return -1; // the face's slope is unknown
        }
        double[] kb = beyond.corners();
        double move = k[ci + 6] * (kb[cb] - bx - k[ci]) + k[ci + 7] * (kb[cb + 1] - by - k[ci + 1]);
        double x = onA ? t * ratioBefore : (1 - t) * ratioAfter;
        double side = onA ? (1 - t) * sideDistance(k, ci, qx, qy) + t * dB
                : (1 - t) * dA + t * sideDistance(k, ci, qx, qy);
        return face + x * move < 0 && side < 0 ? 1 : 0;
    }

    /**
     * A point outside the end plane's outline in the slab next to an end plane (no plane beyond it, so no bulge
     * or rim rule), where the plane further in shows a corner of an oblique flat face and the end plane does not
     * (it lies so close to the face's far rim point that its small section shows no corner): 1 inside, 0
     * outside, −1 where the rule does not apply (the blend decides). A flat face's trace moves linearly with z,
     * so it is continued from the corner plane and the plane beyond it (the corner there along the trace's
     * normal) to the point's height; the side is continued the same way from its circles on those two planes
     * (a cone's or a cylinder's side distance changes linearly with z). The section is the side cut by the face.
     * The end plane's own section says nothing about the side there (the face cut most of it): blending with it
     * cuts the rim (D99 along z +4.5 % on an oblique cone's base lying just above a plane, 3 mm planes).
     */
    int rimAtEnd(Plane a, Plane b, int i0, int j0, int mi, int mj, double t, double fx, double fy) {
        boolean first = before == null; // the end plane is a (the first slab) or b (the last)
        Plane c = first ? b : a;
        Plane end = first ? a : b;
        Plane beyond = first ? after : before;
        double px = g.x0 + (i0 + 0.5 + fx) * g.cell;
        double py = g.y0 + (j0 + 0.5 + fy) * g.cell;
        double sx = mi * g.cell;
        double sy = mj * g.cell;
        double qx = first ? px + sx : px; // the point in the corner plane's frame
        double qy = first ? py + sy : py;
        double dC = bilinear(c.dist(), j0 * g.nx + i0 + (first ? mj * g.nx + mi : 0), g.nx, fx, fy);
        double slack = 0.5 * Math.max(g.cell, 0.5);
        int ci = c.cornerNear(qx, qy, Math.max(dC, 0) + slack + 4 * slabMm);
        if (ci < 0 || end.cornerNear(first ? px : px + sx, first ? py : py + sy, slack + 4 * slabMm) >= 0) {
            return -1;
        }
        double[] k = c.corners();
        double bx = first ? sx : -sx; // the plane beyond's frame relative to the corner plane's
        double by = first ? sy : -sy;
        int cb = beyond.cornerNear(k[ci] + bx, k[ci + 1] + by, 4 * slabMm);
        if (cb < 0) {
            return -1;
        }
        double[] kb = beyond.corners();
        if (Double.isNaN(k[ci + 10]) || Double.isNaN(kb[cb + 10])
                || k[ci + 6] * kb[cb + 6] + k[ci + 7] * kb[cb + 7] < 0.9) {
            return -1; // no face meeting a side on both planes, or not the same face
        }
        double ratio = first ? ratioAfter : ratioBefore;
        double face = k[ci + 6] * (qx - k[ci + 4]) + k[ci + 7] * (qy - k[ci + 5]);
        double move = k[ci + 6] * (kb[cb] - bx - k[ci]) + k[ci + 7] * (kb[cb + 1] - by - k[ci + 1]);
        if (!(face + ratio * move > 0)) {
            return -1; // inside the face's half-plane at the end plane: the face does not cut the point there
        }
        double x = first ? (1 - t) * ratio : t * ratio; // from the corner plane, in spacings to the plane beyond
        double sideC = sideDistance(k, ci, qx, qy);
        double side = sideC + x * (sideC - sideDistance(kb, cb, qx + bx, qy + by));
        return face + x * move < 0 && side < 0 ? 1 : 0;
    }

    /** The signed distance (negative inside) from (x, y) to the side at corner c continued beyond it. */
    private static double sideDistance(double[] k, int c, double x, double y) {
        double kappa = k[c + 10];
        double r = 1 / Math.abs(kappa);
        double dist = Math.hypot(x - k[c + 8], y - k[c + 9]);
        return kappa > 0 ? dist - r : r - dist;
    }

    /** Whether the bulge test can run at a cell: the planes on both sides exist and every index is on the grid. */
    boolean bulgeRange(int i0, int j0, int mi, int mj) {
        return before != null && after != null && inside(i0 - mi, j0 - mj) && inside(i0, j0)
                && inside(i0 + 2 * mi, j0 + 2 * mj);
    }

    /**
     * Where the straight trends of both sides through the cell centre idx cross (t in the slab, clamped), or NaN
     * where a side does not approach (no bulge from it).
     */
    double crossing(Plane a, Plane b, int idx, int off) {
        double dA = a.dist()[idx];
        double dB = b.dist()[idx + off];
        double sl = ratioBefore * (dA - before.dist()[idx - off]); // change of the lower trend over the slab
        double su = ratioAfter * (dB - after.dist()[idx + 2 * off]);
        if (!(sl < 0) || !(su < 0)) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, (dB + su - dA) / (sl + su)));
    }

    /**
     * Whether the straight trends of both sides through cell centre idx cross below {@code limit} in the slab (the
     * larger of the two at {@link #crossing}), with the division skipped where a trend's value at the far
     * plane already reaches the limit (each trend at the crossing is at least that: t·s ≥ s for t ≤ 1 and s < 0,
     * in floating point too).
     */
    boolean trendsMeetBelow(float[] dA0, float[] dB0, float[] dBefore, float[] dAfter, int idx, int off,
            double limit) {
        double dA = dA0[idx];
        double dB = dB0[idx + off];
        double sl = ratioBefore * (dA - dBefore[idx - off]);
        if (!(sl < 0) || dA + sl >= limit) {
            return false;
        }
        double su = ratioAfter * (dB - dAfter[idx + 2 * off]);
        if (!(su < 0) || dB + su >= limit) {
            return false;
        }
        double t = Math.max(0, Math.min(1, (dB + su - dA) / (sl + su)));
        return Math.max(dA + t * sl, dB + (1 - t) * su) < limit;
    }

    private boolean inside(int i0, int j0) {
        return i0 >= 0 && j0 >= 0 && i0 < g.nx - 1 && j0 < g.ny - 1;
    }

    private static double minmod(double ka, double kb) {
        return ka * kb <= 0 ? 0 : Math.abs(ka) < Math.abs(kb) ? ka : kb;
    }
}
