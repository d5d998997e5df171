package rt.web.internal.view;

import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.imaging.Grids;

/**
 * One slice of a CT with a dose colour wash, as ARGB pixels: plain Java on arrays, no imaging library. The slice is
 * taken on the CT's own voxel grid (axial: k fixed, coronal: j fixed, sagittal: i fixed); the dose is sampled at each
 * pixel's world position (nearest dose voxel), so a dose on its own grid lands where it belongs. Dose below
 * {@code washFloor} × the dose maximum is left out; above it the colour runs blue → green → yellow → red.
 * Structure outlines are the mask's edge pixels on the slice (inside, with a 4-neighbour outside or at the border);
 * isodose lines are the edge pixels of "dose ≥ level" likewise, so both land exactly on the voxels they bound.
 */
public final class SliceRenderer {

    public enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    /** The pixels (row-major, {@code width × height}) and their size; {@code outlinePixels} per drawn contour. */
    public record Image(int width, int height, int[] argb, int[] outlinePixels) {
    }

    /** A structure outline to draw: a mask on the CT grid or on a crop of it (same voxel lattice), and its colour. */
    public record Contour(Mask mask, int rgb) {
    }

    /** Isodose line colours by level (fraction of the dose maximum), from the low levels to the high ones. */
    public static int isodoseColour(double fraction) {
        return colour(Math.min(1, fraction)) | 0x202020;
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
        return render(ct, dose, plane, index, doseMax, List.of(), new double[0]);
    }

    /**
     * As {@link #render(Volume, Volume, Plane, int, double)}, then the isodose lines at {@code isodoses} (fractions
     * of the dose maximum) and the outlines of {@code contours} on top, in that order.
     */
    public Image render(Volume ct, Volume dose, Plane plane, int index, double doseMax, List<Contour> contours,
            double[] isodoses) {
        Grid g = ct.grid();
        int n = slices(g, plane);
        int s = Math.max(0, Math.min(n - 1, index));
        int width = plane == Plane.SAGITTAL ? g.ny() : g.nx();
        int height = plane == Plane.AXIAL ? g.ny() : g.nz();
        int[] argb = new int[width * height];
        double max = dose == null ? 0 : doseMax > 0 ? doseMax : max(dose.voxels());
        float[] doseAt = new float[width * height];
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
                    doseAt[row * width + col] = (float) d;
                    if (d >= washFloor * max) {
                        rgb = blend(rgb, colour(Math.min(1, d / max)), 0.45);
                    }
                }
                argb[row * width + col] = 0xFF000000 | rgb;
            }
        }
        boolean[] in = new boolean[width * height];
        for (double level : isodoses) {
            if (max > 0) {
                for (int p = 0; p < in.length; p++) {
                    in[p] = doseAt[p] >= level * max;
                }
                drawEdges(in, width, height, argb, isodoseColour(level));
            }
        }
        int[] counts = new int[contours.size()];
        for (int c = 0; c < contours.size(); c++) {
            Mask m = contours.get(c).mask();
            int[] off = Grids.offset(g, m.grid());
            if (off == null) {
                continue; // not on the CT lattice: cannot be drawn voxel-exactly
            }
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    int i = plane == Plane.SAGITTAL ? s : col;
                    int j = plane == Plane.AXIAL ? row : plane == Plane.CORONAL ? s : col;
                    int k = plane == Plane.AXIAL ? s : g.nz() - 1 - row;
                    i -= off[0];
                    j -= off[1];
                    k -= off[2];
                    Grid mg = m.grid();
                    in[row * width + col] = i >= 0 && j >= 0 && k >= 0 && i < mg.nx() && j < mg.ny() && k < mg.nz()
                            && m.inside()[mg.index(i, j, k)];
                }
            }
            counts[c] = drawEdges(in, width, height, argb, contours.get(c).rgb());
        }
        return new Image(width, height, argb, counts);
    }

    /** Colours the pixels of {@code in} that touch a pixel outside it (4-neighbours; the border counts as outside). */
    static int drawEdges(boolean[] in, int width, int height, int[] argb, int rgb) {
        int n = 0;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int p = row * width + col;
                if (in[p] && (col == 0 || !in[p - 1] || col == width - 1 || !in[p + 1] || row == 0
                        || !in[p - width] || row == height - 1 || !in[p + width])) {
                    argb[p] = 0xFF000000 | rgb;
                    n++;
                }
            }
        }
        return n;
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
