package rt.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.imaging.Grids;

/**
 * Renders CT slices (window/level) with the dose as a colour wash and isodose lines, and structure outlines, as PNG,
 * with Java2D (works headless). Displays in the radiological convention: axial with patient right on the left and
 * anterior up, coronal/sagittal with superior up; pixels are scaled so that millimetres are square. The dose stays on
 * its own grid and is sampled (trilinear) at each shown CT voxel's world position, so that no CT-sized copy of it is
 * made and it lands where it lies in the patient.
 */
final class SliceRenderer {

    enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    /** A structure outline to draw: a mask on the CT grid or on a crop of it (same voxel lattice). */
    record Overlay(String name, String source, Color color, Mask mask) {
    }

    /** Dose below this fraction of its maximum gets no wash (low-dose haze would hide the anatomy). */
    static final double WASH_FLOOR = 0.1;
    static final double WASH_ALPHA = 0.4;
    /** Isodose lines, as fractions of the dose maximum. */
    static final double[] ISODOSES = {0.3, 0.5, 0.8, 0.95};

    private final double window;
    private final double level;
    private final int targetWidth;

    SliceRenderer(double window, double level, int targetWidth) {
        this.window = window;
        this.level = level;
        this.targetWidth = targetWidth;
    }

    /** Index limits of the three planes (k for axial, j for coronal, i for sagittal). */
    static int planeCount(Grid g, Plane p) {
        return switch (p) {
            case AXIAL -> g.nz();
            case CORONAL -> g.ny();
            case SAGITTAL -> g.nx();
        };
    }

    BufferedImage render(Volume ct, List<Overlay> overlays, Plane plane, int index) {
        return render(ct, null, overlays, plane, index);
    }

    /** As {@link #render(Volume, List, Plane, int)} with {@code dose} (Gy, any grid; null: none) washed and lined. */
    BufferedImage render(Volume ct, Volume dose, List<Overlay> overlays, Plane plane, int index) {
        Grid g = ct.grid();
        int w;
        int h;
        double mmX;
        double mmY;
        switch (plane) {
            case AXIAL -> {
                w = g.nx();
                h = g.ny();
                mmX = g.spacing(0);
                mmY = g.spacing(1);
            }
            case CORONAL -> {
                w = g.nx();
                h = g.nz();
                mmX = g.spacing(0);
                mmY = g.spacing(2);
            }
            default -> {
                w = g.ny();
                h = g.nz();
                mmX = g.spacing(1);
                mmY = g.spacing(2);
            }
        }
        // superior up: rows run from the highest slice index down when the k axis points to +z (head).
        boolean flipZ = g.direction(2, 2) >= 0;
        float[] plane2d = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                plane2d[y * w + x] = ct.voxels()[voxel(g, NO_OFFSET, plane, index, x, y, h, flipZ)];
            }
        }
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pix = ((java.awt.image.DataBufferInt) gray.getRaster().getDataBuffer()).getData();
        double lo = level - window / 2;
        for (int n = 0; n < pix.length; n++) {
            double v = (plane2d[n] - lo) / window * 255.0;
            int grey = v <= 0 ? 0 : v >= 255 ? 255 : (int) Math.round(v);
            pix[n] = (grey << 16) | (grey << 8) | grey;
        }
        float[] dose2d = null;
        double doseMax = dose == null ? 0 : max(dose.voxels());
        if (doseMax > 0) {
            dose2d = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = voxel(g, NO_OFFSET, plane, index, x, y, h, flipZ);
                    int i = v % g.nx();
                    int j = (v / g.nx()) % g.ny();
                    int k = v / (g.nx() * g.ny());
                    float d = (float) sample(dose, g.indexToWorld(i, j, k));
                    dose2d[y * w + x] = d;
                    if (d >= WASH_FLOOR * doseMax) {
                        pix[y * w + x] = blend(pix[y * w + x], doseColour(d / doseMax), WASH_ALPHA);
                    }
                }
            }
        }
        double scaleX = targetWidth / (double) w;
        double scaleY = scaleX * mmY / mmX;
        int outH = Math.max(1, (int) Math.round(h * scaleY));
        BufferedImage out = new BufferedImage(targetWidth, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = out.createGraphics();
        try {
            gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            gr.drawImage(gray, 0, 0, targetWidth, outH, null);
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gr.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            boolean[] in = new boolean[w * h];
            if (dose2d != null) {
                for (double f : ISODOSES) {
                    for (int n = 0; n < in.length; n++) {
                        in[n] = dose2d[n] >= f * doseMax;
                    }
                    gr.setColor(new Color(isodoseColour(f)));
                    gr.draw(outline(in, w, h, scaleX, scaleY));
                }
            }
            for (Overlay o : overlays) {
                Mask m = o.mask();
                int[] off = Grids.offset(g, m.grid());
                if (off == null) {
                    continue;
                }
                boolean any = false;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = voxel(m.grid(), off, plane, index, x, y, h, flipZ);
                        boolean b = v >= 0 && m.inside()[v];
                        in[y * w + x] = b;
                        any |= b;
                    }
                }
                if (any) {
                    gr.setColor(o.color());
                    gr.draw(outline(in, w, h, scaleX, scaleY));
                }
            }
        } finally {
            gr.dispose();
        }
        return out;
    }

    private static final int[] NO_OFFSET = {0, 0, 0};

    /**
     * Flat index in {@code grid}, whose voxel (0,0,0) is voxel {@code off} of the CT grid, of the CT voxel shown at
     * display pixel (x, y) of the plane; -1 when that voxel lies outside {@code grid}.
     */
    private static int voxel(Grid grid, int[] off, Plane plane, int index, int x, int y, int h, boolean flipZ) {
        int yy = flipZ ? h - 1 - y : y;
        int i = (plane == Plane.SAGITTAL ? index : x) - off[0];
        int j = (plane == Plane.AXIAL ? y : plane == Plane.CORONAL ? index : x) - off[1];
        int k = (plane == Plane.AXIAL ? index : yy) - off[2];
        boolean in = i >= 0 && j >= 0 && k >= 0 && i < grid.nx() && j < grid.ny() && k < grid.nz();
        return in ? grid.index(i, j, k) : -1;
    }

    /** The pixel edges between inside and outside, as one path of unit segments in display coordinates. */
    static GeneralPath outline(boolean[] in, int w, int h, double sx, double sy) {
        GeneralPath p = new GeneralPath();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!in[y * w + x]) {
                    continue;
                }
                if (x == 0 || !in[y * w + x - 1]) {
                    seg(p, x, y, x, y + 1, sx, sy);
                }
                if (x == w - 1 || !in[y * w + x + 1]) {
                    seg(p, x + 1, y, x + 1, y + 1, sx, sy);
                }
                if (y == 0 || !in[(y - 1) * w + x]) {
                    seg(p, x, y, x + 1, y, sx, sy);
                }
                if (y == h - 1 || !in[(y + 1) * w + x]) {
                    seg(p, x, y + 1, x + 1, y + 1, sx, sy);
                }
            }
        }
        return p;
    }

    private static void seg(GeneralPath p, int x0, int y0, int x1, int y1, double sx, double sy) {
        p.moveTo(x0 * sx, y0 * sy);
        p.lineTo(x1 * sx, y1 * sy);
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }

    /**
     * Representative slices: axial through the targets (PTV/CTV/GTV; else all overlays) at 25/50/75 % of their
     * extent (or the volume middle), coronal and sagittal through their centre.
     */
    static List<int[]> representativeSlices(Grid g, List<Overlay> overlays) {
        int kMin = Integer.MAX_VALUE;
        int kMax = -1;
        long si = 0;
        long sj = 0;
        long sk = 0;
        long n = 0;
        List<Overlay> targets = overlays.stream()
                .filter(o -> o.name().toUpperCase(java.util.Locale.ROOT).matches(".*(PTV|CTV|GTV).*")).toList();
        for (Overlay o : targets.isEmpty() ? overlays : targets) {
            Grid mg = o.mask().grid();
            int[] off = Grids.offset(g, mg);
            if (off == null) {
                continue;
            }
            boolean[] in = o.mask().inside();
            // the mask's voxels that lie in the CT grid, in CT indices (i, j, k)
            for (int k = Math.max(0, -off[2]); k < Math.min(mg.nz(), g.nz() - off[2]); k++) {
                for (int j = Math.max(0, -off[1]); j < Math.min(mg.ny(), g.ny() - off[1]); j++) {
                    int base = mg.index(0, j, k);
                    for (int i = Math.max(0, -off[0]); i < Math.min(mg.nx(), g.nx() - off[0]); i++) {
                        if (in[base + i]) {
                            kMin = Math.min(kMin, k + off[2]);
                            kMax = Math.max(kMax, k + off[2]);
                            si += i + off[0];
                            sj += j + off[1];
                            sk += k + off[2];
                            n++;
                        }
                    }
                }
            }
        }
        int ci;
        int cj;
        int ck;
        if (n == 0) {
            kMin = 0;
            kMax = g.nz() - 1;
            ci = g.nx() / 2;
            cj = g.ny() / 2;
            ck = g.nz() / 2;
        } else {
            ci = (int) (si / n);
            cj = (int) (sj / n);
            ck = (int) (sk / n);
        }
        List<int[]> out = new ArrayList<>();
        int[] ks = {kMin + (kMax - kMin) / 4, ck, kMin + 3 * (kMax - kMin) / 4};
        int last = -1;
        for (int k : ks) {
            if (k != last) {
                out.add(new int[] {Plane.AXIAL.ordinal(), k});
            }
            last = k;
        }
        out.add(new int[] {Plane.CORONAL.ordinal(), cj});
        out.add(new int[] {Plane.SAGITTAL.ordinal(), ci});
        return out;
    }

    /** Dose at a world position, trilinear on the dose's own grid; 0 outside it. */
    static double sample(Volume dose, double[] world) {
        Grid d = dose.grid();
        double[] idx = d.worldToIndex(world[0], world[1], world[2]);
        int i0 = (int) Math.floor(idx[0]);
        int j0 = (int) Math.floor(idx[1]);
        int k0 = (int) Math.floor(idx[2]);
        double fx = idx[0] - i0;
        double fy = idx[1] - j0;
        double fz = idx[2] - k0;
        double sum = 0;
        for (int c = 0; c < 8; c++) {
            int i = i0 + (c & 1);
            int j = j0 + ((c >> 1) & 1);
            int k = k0 + ((c >> 2) & 1);
            double wt = ((c & 1) == 1 ? fx : 1 - fx) * (((c >> 1) & 1) == 1 ? fy : 1 - fy)
                    * (((c >> 2) & 1) == 1 ? fz : 1 - fz);
            if (wt == 0) {
                continue;
            }
            if (i < 0 || j < 0 || k < 0 || i >= d.nx() || j >= d.ny() || k >= d.nz()) {
                return 0; // at or past the grid's edge voxel centres: no dose is known there
            }
            sum += wt * dose.voxels()[d.index(i, j, k)];
        }
        return sum;
    }

    static double max(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Blue (low) → cyan → green → yellow → red (high), for t in [0, 1]. */
    static int doseColour(double t) {
        double r = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 3)));
        double g = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 2)));
        double b = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 1)));
        return ((int) (255 * r) << 16) | ((int) (255 * g) << 8) | (int) (255 * b);
    }

    /** The isodose line colour of a level: the wash colour of that level, lightened so it stands out on the wash. */
    static int isodoseColour(double fraction) {
        return doseColour(fraction) | 0x303030;
    }

    private static int blend(int under, int over, double alpha) {
        int r = (int) ((1 - alpha) * ((under >> 16) & 255) + alpha * ((over >> 16) & 255));
        int g = (int) ((1 - alpha) * ((under >> 8) & 255) + alpha * ((over >> 8) & 255));
        int b = (int) ((1 - alpha) * (under & 255) + alpha * (over & 255));
        return (r << 16) | (g << 8) | b;
    }

    private static final Color[] PALETTE = {new Color(0xE6194B), new Color(0x3CB44B), new Color(0xFFE119),
        new Color(0x4363D8), new Color(0xF58231), new Color(0x911EB4), new Color(0x46F0F0), new Color(0xF032E6),
        new Color(0xBCF60C), new Color(0xFABEBE), new Color(0x008080), new Color(0xE6BEFF), new Color(0x9A6324),
        new Color(0xFFFAC8), new Color(0x800000), new Color(0xAAFFC3), new Color(0x808000), new Color(0xFFD8B1)};

    static Color color(int n) {
        return PALETTE[Math.floorMod(n, PALETTE.length)];
    }
}
