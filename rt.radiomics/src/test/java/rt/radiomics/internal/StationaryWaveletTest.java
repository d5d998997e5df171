package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The slice-by-slice transform against the plain definition (every band a chain of whole-volume periodic passes along
 * the axes, in double, cropped): the same values to the last bit, the same names in the same order, for the axis sets
 * force2D leaves, odd and even sizes, several levels and a start level; and made for some (x, y) columns only, the
 * same values in those columns.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class StationaryWaveletTest {

    @Test
    void every_band_is_bit_for_bit_the_whole_volume_definition() {
        int[][] sizes = {{9, 6, 7}, {8, 10, 6}, {5, 5, 5}};
        int[][] axesSets = {{0, 1, 2}, {0, 1}, {0, 2}, {1, 2}};
        int[][] levels = {{1, 0}, {2, 0}, {1, 1}};
        Random r = new Random(5);
        int cases = 0;
        for (int[] size : sizes) {
            float[] v = new float[size[0] * size[1] * size[2]];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 300 - 200);
            }
            for (String name : new String[] {"coif1", "haar", "db3"}) {
                for (int[] axes : axesSets) {
                    for (int[] lv : levels) {
                        Map<String, float[]> ours = ImageFilters.wavelet(v, size, name, lv[0], lv[1], axes);
                        Map<String, float[]> plain = definition(v, size, name, lv[0], lv[1], axes);
                        String what = name + " " + java.util.Arrays.toString(size) + " axes "
                                + java.util.Arrays.toString(axes) + " level " + lv[0] + " start " + lv[1];
                        assertEquals(List.copyOf(plain.keySet()), List.copyOf(ours.keySet()), what);
                        // handed over as made: the last level's approximation first, then the others in order
                        List<String> handed = new java.util.ArrayList<>();
                        ImageFilters.wavelet(v, size, name, lv[0], lv[1], axes, (k, band) -> handed.add(k));
                        List<String> expected = new java.util.ArrayList<>(plain.keySet());
                        String approximation = expected.remove(expected.size() - 1);
                        assertTrue(ImageFilters.isWaveletApproximation(approximation), approximation);
                        expected.add(expected.size() - (1 << axes.length) + 1, approximation);
                        assertEquals(expected, handed, what);
                        for (Map.Entry<String, float[]> e : plain.entrySet()) {
                            assertArrayEquals(e.getValue(), ours.get(e.getKey()), what + " " + e.getKey());
                        }
                        // for some (x, y) columns only (scattered, or none): the same values there
                        int plane = size[0] * size[1];
                        boolean[] columns = new boolean[plane];
                        int every = 1 + r.nextInt(5);
                        for (int k = 0; k < plane; k++) {
                            columns[k] = cases % 7 != 0 && r.nextInt(every) == 0;
                        }
                        Map<String, float[]> some = new LinkedHashMap<>();
                        ImageFilters.wavelet(v, size, name, lv[0], lv[1], axes, columns, some::put);
                        for (Map.Entry<String, float[]> e : plain.entrySet()) {
                            float[] want = e.getValue();
                            float[] got = some.get(e.getKey());
                            for (int k = 0; k < want.length; k++) {
                                if (columns[k % plane]) {
                                    assertEquals(Float.floatToRawIntBits(want[k]), Float.floatToRawIntBits(got[k]),
                                            what + " " + e.getKey() + " voxel " + k + " (some columns)");
                                }
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(108, cases);
    }

    /** pyradiomics' _swt3 written out: whole-volume passes, one band at a time, the approximation kept for later. */
    private static Map<String, float[]> definition(float[] in, int[] size, String name, int level, int start,
            int[] axes) {
        double[][] f = ImageFilters.waveletFilters(name);
        int[] ps = new int[3];
        for (int d = 0; d < 3; d++) {
            ps[d] = size[d] + size[d] % 2;
        }
        double[] data = new double[ps[0] * ps[1] * ps[2]];
        for (int z = 0; z < ps[2]; z++) {
            for (int y = 0; y < ps[1]; y++) {
                for (int x = 0; x < ps[0]; x++) {
                    data[x + ps[0] * (y + ps[1] * z)] =
                            in[x % size[0] + size[0] * (y % size[1] + size[1] * (z % size[2]))];
                }
            }
        }
        int n = axes.length;
        for (int l = 0; l < start; l++) {
            data = band(data, ps, f, axes, 0);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int l = 0; l < level; l++) {
            String prefix = l == 0 ? "wavelet-" : "wavelet" + (l + 1) + "-";
            for (int b = 1; b < 1 << n; b++) {
                out.put(prefix + ImageFilters.bandName(b, n), crop(band(data, ps, f, axes, b), ps, size));
            }
            data = band(data, ps, f, axes, 0);
        }
        out.put((level == 1 ? "wavelet-" : "wavelet" + level + "-") + "L".repeat(n), crop(data, ps, size));
        return out;
    }

    private static double[] band(double[] data, int[] ps, double[][] f, int[] axes, int b) {
        double[] cur = data;
        for (int k = 0; k < axes.length; k++) {
            cur = pass(cur, ps, axes[k], f[(b >> (axes.length - 1 - k)) & 1]);
        }
        return cur;
    }

    /** out[i] = Σj f[j] · x[(i + F/2 − j) mod N] along one axis, summed in order of j. */
    private static double[] pass(double[] in, int[] ps, int axis, double[] f) {
        double[] out = new double[in.length];
        int[] stride = {1, ps[0], ps[0] * ps[1]};
        int len = ps[axis];
        for (int z = 0; z < ps[2]; z++) {
            for (int y = 0; y < ps[1]; y++) {
                for (int x = 0; x < ps[0]; x++) {
                    int[] c = {x, y, z};
                    int at = x + ps[0] * (y + ps[1] * z);
                    int lineStart = at - c[axis] * stride[axis];
                    double v = 0;
                    for (int j = 0; j < f.length; j++) {
                        v += f[j] * in[lineStart + Math.floorMod(c[axis] + f.length / 2 - j, len) * stride[axis]];
                    }
                    out[at] = v;
                }
            }
        }
        return out;
    }

    private static float[] crop(double[] data, int[] ps, int[] size) {
        float[] out = new float[size[0] * size[1] * size[2]];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    out[x + size[0] * (y + size[1] * z)] = (float) data[x + ps[0] * (y + ps[1] * z)];
                }
            }
        }
        return out;
    }
}
