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

/**
 * Renders CT slices (window/level) with structure outlines as PNG, with Java2D (works headless). Displays in the
 * radiological convention: axial with patient right on the left and anterior up, coronal/sagittal with superior up;
 * pixels are scaled so that millimetres are square.
 */
final class SliceRenderer {

    enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    /** A structure outline to draw: a mask on the CT grid (same dimensions). */
    record Overlay(String name, String source, Color color, Mask mask) {
    }

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
                plane2d[y * w + x] = ct.voxels()[voxel(g, plane, index, x, y, h, flipZ)];
            }
        }
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pix = ((java.awt.image.DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        double lo = level - window / 2;
        for (int n = 0; n < pix.length; n++) {
            double v = (plane2d[n] - lo) / window * 255.0;
            pix[n] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) Math.round(v));
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
            for (Overlay o : overlays) {
                boolean any = false;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean b = o.mask().inside()[voxel(g, plane, index, x, y, h, flipZ)];
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

    private static int voxel(Grid g, Plane plane, int index, int x, int y, int h, boolean flipZ) {
        int yy = flipZ ? h - 1 - y : y;
        return switch (plane) {
            case AXIAL -> g.index(x, y, index);
            case CORONAL -> g.index(x, index, yy);
            case SAGITTAL -> g.index(index, x, yy);
        };
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
            boolean[] in = o.mask().inside();
            for (int k = 0; k < g.nz(); k++) {
                for (int j = 0; j < g.ny(); j++) {
                    int base = g.index(0, j, k);
                    for (int i = 0; i < g.nx(); i++) {
                        if (in[base + i]) {
                            kMin = Math.min(kMin, k);
                            kMax = Math.max(kMax, k);
                            si += i;
                            sj += j;
                            sk += k;
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

    private static final Color[] PALETTE = {new Color(0xE6194B), new Color(0x3CB44B), new Color(0xFFE119),
        new Color(0x4363D8), new Color(0xF58231), new Color(0x911EB4), new Color(0x46F0F0), new Color(0xF032E6),
        new Color(0xBCF60C), new Color(0xFABEBE), new Color(0x008080), new Color(0xE6BEFF), new Color(0x9A6324),
        new Color(0xFFFAC8), new Color(0x800000), new Color(0xAAFFC3), new Color(0x808000), new Color(0xFFD8B1)};

    static Color color(int n) {
        return PALETTE[Math.floorMod(n, PALETTE.length)];
    }
}
