package rt.dvh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.GridDvh;
import rt.dvh.internal.engine.OutsideDose;
import rt.dvh.internal.engine.RoiPlanes;

/**
 * What measuring the part outside the dose grid costs: a BODY-sized elliptic cylinder (350 × 250 mm, 450 mm long,
 * contours every 3 mm) on a 2.5 mm dose grid that covers all of it, or only its middle 200 mm. Prints seconds per DVH
 * for the plain sampler and for each {@link OutsideDose} mode (best of 3). Args: [budget]. Run with -Xmx2g from the
 * test classpath (rt.dvh/target/test-classes, classes and the module's dependencies).
 */
public final class OutsideDoseBench {

    public static void main(String[] args) {
        long budget = args.length > 0 ? Long.parseLong(args[0]) : 40_000_000L;
        List<double[]> contours = new ArrayList<>();
        for (double z = -225; z <= 225; z += 3) {
            double[] p = new double[3 * 96];
            for (int n = 0; n < 96; n++) {
                double a = 2 * Math.PI * n / 96;
                p[3 * n] = 175 * Math.cos(a);
                p[3 * n + 1] = 125 * Math.sin(a);
                p[3 * n + 2] = z;
            }
            contours.add(p);
        }
        RoiPlanes body = RoiPlanes.of(contours);
        DvhSampler.Options options = DvhSampler.Options.defaults().withBudget(budget);
        for (double zExtent : new double[] {480, 200}) {
            int nz = (int) Math.round(zExtent / 2.5);
            Grid g = Grid.axisAligned(160, 120, nz, new double[] {-198.75, -148.75, -zExtent / 2 + 1.25},
                    new double[] {2.5, 2.5, 2.5});
            float[] d = new float[(int) g.voxelCount()];
            for (int i = 0; i < d.length; i++) {
                d[i] = 10 + (i % 160) * 0.1f;
            }
            Volume dose = new Volume(g, d, Quantity.DOSE_GY);
            String label = zExtent > 450 ? "grid covers BODY" : "grid covers 200 of 450 mm";
            double plain = best(() -> DvhSampler.compute(body, new GridDvh(dose, OutsideDose.ZERO).dose(), options));
            System.out.printf(Locale.ROOT, "[OutsideDoseBench] %-26s sampler alone      %.2f s%n", label, plain);
            for (OutsideDose mode : OutsideDose.values()) {
                GridDvh grid = new GridDvh(dose, mode);
                double[] fraction = new double[1];
                double s = best(() -> fraction[0] = grid.compute(body, options).outsideFraction());
                System.out.printf(Locale.ROOT, "[OutsideDoseBench] %-26s %-7s (%.3f out) %.2f s%n", label, mode.key(),
                        fraction[0], s);
            }
        }
    }

    private static double best(Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
