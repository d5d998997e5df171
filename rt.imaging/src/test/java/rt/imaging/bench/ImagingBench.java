package rt.imaging.bench;

import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.imaging.ConnectedComponents;
import rt.imaging.Connectivity;
import rt.imaging.Holes;
import rt.imaging.Interpolation;
import rt.imaging.Margin;
import rt.imaging.Margins;
import rt.imaging.MaskContours;
import rt.imaging.Masks;
import rt.imaging.Rasterizer;
import rt.imaging.Resample;
import rt.imaging.SliceContour;

/**
 * Prints timings of the kernels on a CT-sized grid (512 x 512 x 300, 0.98 x 0.98 x 2 mm) with a body-sized
 * elliptic cylinder (contours of 256 points per slice) and a 30 mm sphere. Not a test: run with
 * {@code java -cp target/classes:target/test-classes:$(rt.api jar) rt.imaging.bench.ImagingBench}.
 */
public final class ImagingBench {

    public static void main(String[] args) {
        Grid ct = Grid.axisAligned(512, 512, 300, new double[] {-250, -250, -300}, new double[] {0.977, 0.977, 2});
        List<double[]> body = new ArrayList<>();
        List<double[]> sphere = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            double z = -300 + 2 * k;
            body.add(ellipse(0, 0, 230, 160, z, 256));
            double r2 = 30 * 30 - (z + 150) * (z + 150);
            if (r2 > 0) {
                sphere.add(ellipse(20, 10, Math.sqrt(r2), Math.sqrt(r2), z, 128));
            }
        }
        for (int round = 0; round < 3; round++) {
            System.out.println("-- round " + round);
            long t = System.nanoTime();
            Mask b = Rasterizer.mask(ct, body);
            t = report("rasterise body (" + b.count() + " voxels)", t);
            Mask s = Rasterizer.mask(ct, sphere);
            t = report("rasterise sphere r=30 (" + s.count() + ")", t);
            Rasterizer.occupancy(ct, sphere, 4, Double.NaN);
            t = report("rasterise sphere 4x4 supersampled", t);
            List<SliceContour> cs = MaskContours.extract(b);
            t = report("marching squares body (" + cs.size() + " contours)", t);
            Mask e = Margins.expand(s, 5.0);
            t = report("expand sphere 5 mm (" + e.count() + ")", t);
            Margins.expand(s, new Margin(3, 5, 7, 2, 10, 4));
            t = report("expand sphere directional", t);
            Mask bs = Margins.shrink(b, 3.0);
            t = report("shrink body 3 mm (" + bs.count() + ")", t);
            Mask be = Margins.expand(b, 10.0);
            t = report("expand body 10 mm (" + be.count() + ")", t);
            ConnectedComponents.label(Masks.embed(b, ct), Connectivity.TWENTY_SIX);
            t = report("components 26 on full grid", t);
            Holes.fill(Masks.embed(b, ct));
            t = report("fill holes 3D on full grid", t);
            Masks.union(b, e);
            t = report("union body + sphere", t);
            float[] v = new float[(int) ct.voxelCount()];
            Volume vol = new Volume(ct, v, Quantity.HU);
            Grid dose = Grid.axisAligned(200, 200, 150, new double[] {-200, -200, -300}, new double[] {2, 2, 2});
            Resample.volume(vol, dose, Interpolation.LINEAR, 0);
            t = report("trilinear CT -> 200x200x150 dose grid", t);
            Resample.toSpacing(vol, new double[] {1.5, 1.5, 1.5}, Interpolation.LINEAR);
            report("trilinear CT -> 1.5 mm isotropic", t);
        }
    }

    private static long report(String what, long t0) {
        long t = System.nanoTime();
        System.out.printf("%-45s %8.1f ms%n", what, (t - t0) / 1e6);
        return t;
    }

    private static double[] ellipse(double cx, double cy, double a, double b, double z, int n) {
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            p[3 * i] = cx + a * Math.cos(t);
            p[3 * i + 1] = cy + b * Math.sin(t);
            p[3 * i + 2] = z;
        }
        return p;
    }
}
