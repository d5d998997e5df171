package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side filter (rows copied into buffers for vectorised loops) gives every line bit for bit what the one-line
 * filter gives; the LoG made for some columns only gives those columns bit for bit the whole LoG's values.
 */
class RecursiveGaussianTest {

    @Test
    void linesSideBySideEqualOneLineAtATime() {
        Random r = new Random(7);
        for (int order = 0; order <= 2; order++) {
            for (double sigma : new double[] {0.7, 2.0, 5.0}) {
                RecursiveGaussian f = new RecursiveGaussian(sigma, 1.3, order, true);
                for (int ln : new int[] {4, 5, 6, 9, 41}) {
                    for (int w : new int[] {1, 3, 17}) {
                        double[][] work = RecursiveGaussian.work(new int[] {w, ln, 1});
                        double[] data = work[0];
                        for (int k = 0; k < ln * w; k++) {
                            data[k] = r.nextGaussian() * 300 - 100;
                        }
                        f.filterWide(work, ln, w);
                        double[] out = work[1];
                        for (int x = 0; x < w; x++) {
                            double[] line = new double[ln];
                            for (int i = 0; i < ln; i++) {
                                line[i] = data[i * w + x];
                            }
                            double[] one = new double[ln];
                            f.filter(line, one, new double[ln], ln);
                            for (int i = 0; i < ln; i++) {
                                assertEquals(Double.doubleToRawLongBits(one[i]), Double.doubleToRawLongBits(out[i * w + x]),
                                        "order " + order + ", sigma " + sigma + ", ln " + ln + ", w " + w + ", line " + x
                                                + ", sample " + i + ": " + one[i] + " vs " + out[i * w + x]);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Wanted columns of every kind: none, one voxel, scattered, a disc, whole rows, all; boxes from the smallest the
     * LoG takes (4 voxels) up, σ below and above the box.
     */
    @Test
    void logOfSomeColumnsEqualsTheWholeLogThere() {
        Random r = new Random(5);
        for (int trial = 0; trial < 60; trial++) {
            int[] size = {4 + r.nextInt(30), 4 + r.nextInt(25), 4 + r.nextInt(12)};
            double[] spacing = {0.5 + r.nextDouble(), 0.5 + r.nextDouble(), 1 + 2 * r.nextDouble()};
            double sigma = new double[] {1, 2, 3, 5}[r.nextInt(4)];
            float[] in = new float[size[0] * size[1] * size[2]];
            for (int k = 0; k < in.length; k++) {
                in[k] = (float) (r.nextGaussian() * 200 - 300);
            }
            int nx = size[0];
            int ny = size[1];
            boolean[] columns = new boolean[nx * ny];
            int kind = trial % 6;
            double cx = r.nextDouble() * nx;
            double cy = r.nextDouble() * ny;
            double radius = 1 + r.nextDouble() * nx / 2;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    columns[x + nx * y] = switch (kind) {
                        case 0 -> false;
                        case 1 -> x == (int) cx && y == (int) cy;
                        case 2 -> r.nextInt(7) == 0;
                        case 3 -> (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius;
                        case 4 -> y % 3 == 1;
                        default -> true;
                    };
                }
            }
            float[] whole = ImageFilters.laplacianOfGaussian(in.clone(), size, spacing, sigma);
            float[] some = ImageFilters.laplacianOfGaussian(in.clone(), size, spacing, sigma, columns);
            for (int k = 0; k < in.length; k++) {
                if (columns[k % (nx * ny)]) {
                    assertEquals(Float.floatToRawIntBits(whole[k]), Float.floatToRawIntBits(some[k]), "trial " + trial
                            + " (kind " + kind + ", " + java.util.Arrays.toString(size) + ", sigma " + sigma
                            + ") voxel " + k + ": " + whole[k] + " vs " + some[k]);
                }
            }
        }
    }
}
