package rt.web.internal.view;

import rt.api.image.Grid;
import rt.api.image.Volume;

/**
 * One slice of a CT with a dose colour wash, as ARGB pixels: plain Java on arrays, no imaging library. The slice is
 * taken on the CT's own voxel grid (axial: k fixed, coronal: j fixed, sagittal: i fixed); the dose is sampled at each
 * pixel's world position (nearest dose voxel), so a dose on its own grid lands where it belongs. Dose below
 * {@code washFloor} × the dose maximum is left out; above it the colour runs blue → green → yellow → red.
 */
public final class SliceRenderer {

    public enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    /** The pixels (row-major, {@code width × height}) and their size. */
    public record Image(int width, int height, int[] argb) {
    }

    private final double level;
    private final double window;
    private final double washFloor;

    public SliceRenderer(double level, double window, double washFloor) {
        this.level = level;
        this.window = window;
        this.washFloor = washFloor;
    }

    /** Number of slices of the CT along the plane's normal. */
    public static int slices(Grid ct, Plane plane) {
        return switch (plane) {
        case AXIAL -> ct.nz();
        case CORONAL -> ct.ny();
        case SAGITTAL -> ct.nx();
        };
    }

    /**
     * Renders slice {@code index} (clamped). Axial: columns i, rows j; coronal: columns i, rows k from the top;
     * sagittal: columns j, rows k from the top. {@code doseMax} ≤ 0 means the dose volume's own maximum.
     */
    public Image render(Volume ct, Volume dose, Plane plane, int index, double doseMax) {
        Grid g = ct.grid();
        int n = slices(g, plane);
        int s = Math.max(0, Math.min(n - 1, index));
        int width = plane == Plane.SAGITTAL ? g.ny() : g.nx();
        int height = plane == Plane.AXIAL ? g.ny() : g.nz();
        int[] argb = new int[width * height];
        double max = dose == null ? 0 : doseMax > 0 ? doseMax : max(dose.voxels());
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int i;
                int j;
                int k;
                switch (plane) {
                case AXIAL -> {
                    i = col;
                    j = row;
                    k = s;
                }
                case CORONAL -> {
                    i = col;
                    j = s;
                    k = g.nz() - 1 - row;
                }
                default -> {
                    i = s;
                    j = col;
                    k = g.nz() - 1 - row;
                }
                }
                int grey = grey(ct.voxels()[g.index(i, j, k)]);
                int rgb = (grey << 16) | (grey << 8) | grey;
                if (max > 0) {
                    double d = sample(dose, g.indexToWorld(i, j, k));
                    if (d >= washFloor * max) {
                        rgb = blend(rgb, colour(Math.min(1, d / max)), 0.45);
                    }
                }
                argb[row * width + col] = 0xFF000000 | rgb;
            }
        }
        return new Image(width, height, argb);
    }

    private int grey(float hu) {
        double v = (hu - (level - window / 2)) / window;
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    /** Dose at a world position, nearest voxel; 0 outside the dose grid. */
    static double sample(Volume dose, double[] world) {
        Grid d = dose.grid();
        double[] idx = d.worldToIndex(world[0], world[1], world[2]);
        int i = (int) Math.round(idx[0]);
        int j = (int) Math.round(idx[1]);
        int k = (int) Math.round(idx[2]);
        if (i < 0 || j < 0 || k < 0 || i >= d.nx() || j >= d.ny() || k >= d.nz()) {
            return 0;
        }
        return dose.voxels()[d.index(i, j, k)];
    }

    /** Blue (low) → cyan → green → yellow → red (high), for t in [0, 1]. */
    static int colour(double t) {
        double r = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 3)));
        double g = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 2)));
        double b = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 1)));
        return ((int) (255 * r) << 16) | ((int) (255 * g) << 8) | (int) (255 * b);
    }

    private static int blend(int under, int over, double alpha) {
        int r = (int) ((1 - alpha) * ((under >> 16) & 255) + alpha * ((over >> 16) & 255));
        int g = (int) ((1 - alpha) * ((under >> 8) & 255) + alpha * ((over >> 8) & 255));
        int b = (int) ((1 - alpha) * (under & 255) + alpha * (over & 255));
        return (r << 16) | (g << 8) | b;
    }

    static double max(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
