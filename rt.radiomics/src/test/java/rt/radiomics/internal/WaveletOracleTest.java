package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Wavelet image type against PyWavelets (Debian python3-pywt) doing what pyradiomics' _swt3 does: odd sizes padded
 * by wrap, pywt.swtn level 1 over axes (x, y, z), crop. Skipped when the oracle is absent.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class WaveletOracleTest {

    @Test
    void all_eight_bands_match_pywavelets(@TempDir Path tmp) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(py), "no /usr/bin/python3");
        int[] size = {7, 6, 5};
        float[] v = new float[size[0] * size[1] * size[2]];
        java.util.Random r = new java.util.Random(11);
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.round(r.nextGaussian() * 100);
            vals.append(i == 0 ? "" : ",").append(v[i]);
        }
        for (String wavelet : new String[] {"coif1", "haar", "db2", "sym3"}) {
            String script = String.join("\n",
                    "import sys",
                    "try:",
                    "    import numpy as np, pywt",
                    "except ImportError:",
                    "    print('NOPYWT'); sys.exit(0)",
                    "a = np.array([" + vals + "], dtype=float).reshape((5, 6, 7))",
                    "pad = tuple((0, 1 if d % 2 else 0) for d in a.shape)",
                    "d = np.pad(a, pad, 'wrap')",
                    "dec = pywt.swtn(d, '" + wavelet + "', level=1, start_level=0, axes=(2, 1, 0))[0]",
                    "for k in sorted(dec):",
                    "    c = dec[k][tuple(slice(None, -1 if s % 2 else None) for s in a.shape)]",
                    "    print(k.replace('a', 'L').replace('d', 'H'), ' '.join(repr(float(x)) for x in c.ravel()))");
            Path f = tmp.resolve("w.py");
            Files.writeString(f, script);
            Process p = new ProcessBuilder(py.toString(), f.toString()).redirectErrorStream(true).start();
            String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Assumptions.assumeFalse(outText.contains("NOPYWT"), "python3-pywt not installed");
            Map<String, float[]> ours = ImageFilters.wavelet(v, size, wavelet, 1, 0, new int[] {0, 1, 2});
            int bands = 0;
            for (String line : outText.strip().split("\n")) {
                String[] parts = line.trim().split(" ");
                String name = parts[0].equals("LLL") ? "wavelet-LLL" : "wavelet-" + parts[0];
                float[] o = ours.get(name);
                for (int i = 1; i < parts.length; i++) {
                    double expected = Double.parseDouble(parts[i]);
                    assertEquals(expected, o[i - 1], 1e-3 * (1 + Math.abs(expected)), wavelet + " " + name + " @" + i);
                }
                bands++;
            }
            assertEquals(8, bands, outText);
        }
    }
}
