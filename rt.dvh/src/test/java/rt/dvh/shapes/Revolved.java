package rt.dvh.shapes;

import java.util.function.DoubleUnaryOperator;

/**
 * A solid of revolution in any orientation: at height h ∈ [h0, h1] along the unit axis from the centre, the section
 * is the annulus rIn(h) ≤ ρ ≤ rOut(h). Cones, truncated cones, cylinders, spheres, hollow spheres and tori are all
 * of this kind, and for a dose that is linear along one direction their DVH follows from one-dimensional integrals
 * with a closed-form integrand (the area of a circular segment), computed here to high precision.
 */
public final class Revolved {

    final String name;
    final double[] centre;
    final double[] axis;
    final double h0;
    final double h1;
    final DoubleUnaryOperator rOut;
    final DoubleUnaryOperator rIn;

    Revolved(String name, double[] centre, double[] axis, double h0, double h1, DoubleUnaryOperator rOut,
            DoubleUnaryOperator rIn) {
        double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        this.name = name;
        this.centre = centre.clone();
        this.axis = new double[] {axis[0] / n, axis[1] / n, axis[2] / n};
        this.h0 = h0;
        this.h1 = h1;
        this.rOut = rOut;
        this.rIn = rIn;
    }

    /** A cone (or truncated cone) from radius r0 at h = 0 to r1 at h = length. */
    static Revolved cone(String name, double[] base, double[] axis, double length, double r0, double r1) {
        return new Revolved(name, base, axis, 0, length, h -> r0 + (r1 - r0) * h / length, h -> 0);
    }

    static Revolved cylinder(String name, double[] centre, double[] axis, double length, double r) {
        return new Revolved(name, centre, axis, -length / 2, length / 2, h -> r, h -> 0);
    }

    static Revolved tube(String name, double[] centre, double[] axis, double length, double rOut, double rIn) {
        return new Revolved(name, centre, axis, -length / 2, length / 2, h -> rOut, h -> rIn);
    }

    static Revolved sphere(String name, double[] centre, double r) {
        return hollowSphere(name, centre, r, 0);
    }

    static Revolved hollowSphere(String name, double[] centre, double r, double inner) {
        return new Revolved(name, centre, new double[] {0, 0, 1}, -r, r, h -> Math.sqrt(Math.max(0, r * r - h * h)),
                h -> Math.abs(h) >= inner ? 0 : Math.sqrt(inner * inner - h * h));
    }

    /** A ring torus: major radius big around the axis, tube radius small. */
    static Revolved torus(String name, double[] centre, double[] axis, double big, double small) {
        return new Revolved(name, centre, axis, -small, small,
                h -> big + Math.sqrt(Math.max(0, small * small - h * h)),
                h -> big - Math.sqrt(Math.max(0, small * small - h * h)));
    }

    /** Negative inside, positive outside, zero on the surface (not a distance, but continuous). */
    double f(double x, double y, double z) {
        double dx = x - centre[0];
        double dy = y - centre[1];
        double dz = z - centre[2];
        double h = dx * axis[0] + dy * axis[1] + dz * axis[2];
        double px = dx - h * axis[0];
        double py = dy - h * axis[1];
        double pz = dz - h * axis[2];
        double rho = Math.sqrt(px * px + py * py + pz * pz);
        double hc = Math.max(h0, Math.min(h1, h));
        double v = Math.max(h0 - h, h - h1);
        v = Math.max(v, rho - rOut.applyAsDouble(hc));
        double in = rIn.applyAsDouble(hc);
        if (in > 0) {
            v = Math.max(v, in - rho);
        }
        return v;
    }

    /** A box {xmin, xmax, ymin, ymax, zmin, zmax} that holds the solid. */
    double[] bounds() {
        double rMax = 0;
        for (int s = 0; s <= 1000; s++) {
            rMax = Math.max(rMax, rOut.applyAsDouble(h0 + (h1 - h0) * s / 1000.0));
        }
        rMax += 1e-6;
        double[] b = new double[6];
        for (int d = 0; d < 3; d++) {
            double reach = rMax * Math.sqrt(Math.max(0, 1 - axis[d] * axis[d]));
            double a = centre[d] + h0 * axis[d];
            double c = centre[d] + h1 * axis[d];
            b[2 * d] = Math.min(a, c) - reach;
            b[2 * d + 1] = Math.max(a, c) + reach;
        }
        return b;
    }

    // ---- exact statistics of u = n·p over the solid, n a unit vector ----

    private static final double[] GL_X = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831,
        0.9061798459386640};
    private static final double[] GL_W = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
        0.4786286704993665, 0.2369268850561891};
    private static final int PANELS = 1500;

    /** ∫ g(h) dh over [a, b] by composite 5-point Gauss-Legendre. */
    private static double integrate(DoubleUnaryOperator g, double a, double b, int panels) {
        if (b <= a) {
            return 0;
        }
        double w = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * w;
            for (int q = 0; q < 5; q++) {
                sum += GL_W[q] * g.applyAsDouble(mid + 0.5 * w * GL_X[q]);
            }
        }
        return sum * 0.5 * w;
    }

    /** Area of the part x ≤ t of a disc of radius r centred at 0. */
    static double segment(double r, double t) {
        if (r <= 0 || t <= -r) {
            return 0;
        }
        if (t >= r) {
            return Math.PI * r * r;
        }
        double theta = Math.acos(t / r);
        return Math.PI * r * r - r * r * theta + t * Math.sqrt(r * r - t * t);
    }

    double volumeMm3() {
        return integrate(h -> Math.PI * (sq(rOut.applyAsDouble(h)) - sq(rIn.applyAsDouble(h))), h0, h1, PANELS);
    }

    /** Volume (mm³) of the part with n·p ≤ u. */
    double volumeBelow(double[] n, double u) {
        double c = dot(n, centre);
        double na = dot(n, axis);
        double sigma = Math.sqrt(Math.max(0, 1 - na * na));
        if (sigma < 1e-12) {
            // sections are perpendicular to n: the part below is the slab of heights with c + na·h ≤ u
            double hs = (u - c) / na;
            DoubleUnaryOperator area = h -> Math.PI * (sq(rOut.applyAsDouble(h)) - sq(rIn.applyAsDouble(h)));
            return na > 0 ? integrate(area, h0, Math.min(h1, hs), PANELS)
                    : integrate(area, Math.max(h0, hs), h1, PANELS);
        }
        return integrate(h -> {
            double t = (u - c - na * h) / sigma;
            return segment(rOut.applyAsDouble(h), t) - segment(rIn.applyAsDouble(h), t);
        }, h0, h1, PANELS);
    }

    double meanU(double[] n) {
        double c = dot(n, centre);
        double na = dot(n, axis);
        double moment = integrate(h -> (c + na * h) * Math.PI * (sq(rOut.applyAsDouble(h)) - sq(rIn.applyAsDouble(h))),
                h0, h1, PANELS);
        return moment / volumeMm3();
    }

    /** {min, max} of n·p over the solid. */
    double[] rangeU(double[] n) {
        double c = dot(n, centre);
        double na = dot(n, axis);
        double sigma = Math.sqrt(Math.max(0, 1 - na * na));
        DoubleUnaryOperator lo = h -> c + na * h - sigma * rOut.applyAsDouble(h);
        DoubleUnaryOperator hi = h -> -(c + na * h + sigma * rOut.applyAsDouble(h));
        return new double[] {minimum(lo), -minimum(hi)};
    }

    /** Minimum of g over [h0, h1]: dense scan, then golden-section refinement around the best sample. */
    private double minimum(DoubleUnaryOperator g) {
        int n = 20_000;
        int best = 0;
        double bestV = Double.POSITIVE_INFINITY;
        for (int s = 0; s <= n; s++) {
            double v = g.applyAsDouble(h0 + (h1 - h0) * s / n);
            if (v < bestV) {
                bestV = v;
                best = s;
            }
        }
        double a = h0 + (h1 - h0) * Math.max(0, best - 1) / n;
        double b = h0 + (h1 - h0) * Math.min(n, best + 1) / n;
        double gr = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 80; it++) {
            double m1 = b - gr * (b - a);
            double m2 = a + gr * (b - a);
            if (g.applyAsDouble(m1) < g.applyAsDouble(m2)) {
                b = m2;
            } else {
                a = m1;
            }
        }
        return Math.min(bestV, g.applyAsDouble(0.5 * (a + b)));
    }

    /** The u below which {@code mm3} of the solid lies (bisection on the monotone volumeBelow). */
    double quantileU(double[] n, double mm3) {
        double[] r = rangeU(n);
        double a = r[0];
        double b = r[1];
        for (int it = 0; it < 48; it++) {
            double m = 0.5 * (a + b);
            if (volumeBelow(n, m) < mm3) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double sq(double v) {
        return v * v;
    }

    @Override
    public String toString() {
        return name;
    }
}
