package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The side-by-side filter (rows copied into buffers for vectorised loops) gives every line bit for bit what the one-line filter gives. */
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
}
