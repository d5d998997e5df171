package rt.imaging;

/**
 * A directional margin in millimetres, one value per half-axis of the patient (LPS) frame: right = −x,
 * left = +x, anterior = −y, posterior = +y, inferior = −z, superior = +z. All values ≥ 0.
 *
 * <p>Semantics (see {@link Margins}): the structuring element is the "octant ellipsoid" made of the eight
 * ellipsoid octants whose semi-axes are the margins of the half-axes bounding that octant. A displacement
 * d = (dx, dy, dz) mm belongs to it when (dx/ax)² + (dy/ay)² + (dz/az)² ≤ 1 with ax = left if dx &gt; 0 else
 * right, ay = posterior if dy &gt; 0 else anterior, az = superior if dz &gt; 0 else inferior (a zero semi-axis
 * admits only a zero displacement along it). With all six equal this is the Euclidean ball, i.e. an isotropic
 * margin.
 */
public record Margin(double right, double left, double anterior, double posterior, double inferior,
        double superior) {

    public Margin {
        for (double v : new double[] {right, left, anterior, posterior, inferior, superior}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("margins must be finite and >= 0 mm: " + v);
            }
        }
    }

    /** The same margin in every direction. */
    public static Margin uniform(double mm) {
        return new Margin(mm, mm, mm, mm, mm, mm);
    }

    /** The point reflection of this margin (right↔left, anterior↔posterior, inferior↔superior). */
    public Margin reflected() {
        return new Margin(left, right, posterior, anterior, superior, inferior);
    }

    /** Whether all six values are equal. */
    public boolean isUniform() {
        return right == left && left == anterior && anterior == posterior && posterior == inferior
                && inferior == superior;
    }

    /** Largest of the six values, mm. */
    public double max() {
        return Math.max(Math.max(Math.max(right, left), Math.max(anterior, posterior)), Math.max(inferior, superior));
    }
}
