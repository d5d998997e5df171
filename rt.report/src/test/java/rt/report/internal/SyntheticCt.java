package rt.report.internal;

import java.util.List;
import java.util.Random;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;

/** A synthetic CT: an elliptic water body with a bone cylinder and noise, plus a spherical target and an organ. */
final class SyntheticCt {

    final Volume ct;
    final List<SliceRenderer.Overlay> overlays;

    SyntheticCt(int nx, int ny, int nz, double sxy, double sz) {
        Grid g = Grid.axisAligned(nx, ny, nz, new double[] {-nx * sxy / 2, -ny * sxy / 2, -nz * sz / 2},
                new double[] {sxy, sxy, sz});
        float[] v = new float[(int) g.voxelCount()];
        boolean[] ptv = new boolean[v.length];
        boolean[] organ = new boolean[v.length];
        boolean[] auto = new boolean[v.length];
        Random rnd = new Random(42);
        double ax = nx * 0.42;
        double ay = ny * 0.30;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int n = g.index(i, j, k);
                    double x = i - nx / 2.0;
                    double y = j - ny / 2.0;
                    double z = (k - nz / 2.0) * sz / sxy;
                    boolean body = (x * x) / (ax * ax) + (y * y) / (ay * ay) <= 1;
                    double hu = body ? 20 + rnd.nextGaussian() * 15 : -1000;
                    double bx = x;
                    double by = y - ay * 0.6;
                    if (bx * bx + by * by < (nx * 0.05) * (nx * 0.05)) {
                        hu = 700;
                    }
                    v[n] = (float) hu;
                    double r = nx * 0.12;
                    ptv[n] = x * x + y * y + z * z <= r * r;
                    double ox = x + nx * 0.2;
                    organ[n] = ox * ox + y * y <= (nx * 0.06) * (nx * 0.06) && Math.abs(z) < nx * 0.2;
                    auto[n] = ox * ox + (y - 2) * (y - 2) <= (nx * 0.065) * (nx * 0.065) && Math.abs(z) < nx * 0.21;
                }
            }
        }
        ct = new Volume(g, v, Quantity.HU);
        overlays = List.of(new SliceRenderer.Overlay("PTV", "Manual", SliceRenderer.color(0), new Mask(g, ptv)),
                new SliceRenderer.Overlay("Rectum", "Manual", SliceRenderer.color(1), new Mask(g, organ)),
                new SliceRenderer.Overlay("rectum", "auto:total", SliceRenderer.color(3), new Mask(g, auto)));
    }

    /** A source that serves this CT for any course. */
    CourseImages.Source source() {
        return new CourseImages.Source() {
            @Override
            public Volume ct(CourseDir course) {
                return ct;
            }

            @Override
            public List<SliceRenderer.Overlay> overlays(CourseDir course, Volume v) {
                return overlays;
            }

            @Override
            public String why() {
                return "";
            }
        };
    }

}
