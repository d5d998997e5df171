package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LoG and Gradient image types against ITK itself (the library SimpleITK wraps, so pyradiomics' getLoGImage and
 * getGradientImage): a small C++ program ({@code oracle/itk_filters.cxx}) is compiled against the Debian ITK 5 headers
 * ({@code libinsighttoolkit5-dev}) and run on the same volumes. Skipped with a message when ITK or g++ is absent.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class ItkFilterOracleTest {

    static final Path ITK_INCLUDE = Path.of("/usr/include/ITK-5.2");
    static Path exe;

    @BeforeAll
    static void compile() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ITK_INCLUDE.resolve("itkLaplacianRecursiveGaussianImageFilter.h")),
                "ITK 5.2 headers absent (apt-get install libinsighttoolkit5-dev) - ITK oracle skipped");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/g++")), "g++ absent - ITK oracle skipped");
        Path dir = Path.of("target", "itk-oracle");
        Files.createDirectories(dir);
        Path src = dir.resolve("itk_filters.cxx");
        try (InputStream in = ItkFilterOracleTest.class.getResourceAsStream("/oracle/itk_filters.cxx")) {
            Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
        }
        exe = dir.resolve("itk_filters");
        if (Files.isExecutable(exe)) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/g++", "-O1", "-std=c++14", "-I" + ITK_INCLUDE,
                src.toString(), "-o", exe.toString(), "-L/usr/lib"));
        for (String lib : new String[] {"ITKSmoothing", "ITKCommon", "itksys", "itkvnl", "itkvnl_algo",
                "itkv3p_netlib", "itkvcl"}) {
            cmd.add("-l:lib" + lib + "-5.2.so.1");
        }
        cmd.add("-lpthread");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "ITK oracle does not compile:\n" + log);
    }

    static float[] run(Path tmp, String mode, int[] size, double[] sp, double param, float[] v) throws IOException,
            InterruptedException {
        Path in = tmp.resolve("in.raw");
        Path out = tmp.resolve("out.raw");
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        Files.write(in, b.array());
        Process p = new ProcessBuilder(exe.toAbsolutePath().toString(), mode, "" + size[0], "" + size[1], "" + size[2],
                "" + sp[0], "" + sp[1], "" + sp[2], "" + param, in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        float[] o = new float[v.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = r.getFloat();
        }
        return o;
    }

    /** A CT-like test volume: a noisy blob on a background, integer HU. */
    static float[] volume(int[] size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size[0] * size[1] * size[2]];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    double dx = (x - size[0] / 2.0) / size[0];
                    double dy = (y - size[1] / 3.0) / size[1];
                    double dz = (z - size[2] / 2.0) / size[2];
                    double blob = dx * dx + dy * dy + dz * dz < 0.08 ? 300 : -700;
                    v[x + size[0] * (y + size[1] * z)] = (float) Math.round(blob + 40 * r.nextGaussian());
                }
            }
        }
        return v;
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void log_matches_itk_laplacian_recursive_gaussian(@TempDir Path tmp) throws Exception {
        int[][] sizes = {{23, 19, 11}, {40, 36, 30}, {5, 4, 6}};
        double[][] spacings = {{0.8, 0.8, 2.5}, {1, 1, 1}, {2, 1.5, 3}};
        double worst = 0;
        for (int c = 0; c < sizes.length; c++) {
            float[] v = volume(sizes[c], 7 + c);
            for (double sigma : new double[] {0.5, 1, 2, 3, 5}) {
                float[] itk = run(tmp, "log", sizes[c], spacings[c], sigma, v);
                float[] ours = ImageFilters.laplacianOfGaussian(v, sizes[c], spacings[c], sigma);
                double scale = maxAbs(itk);
                for (int i = 0; i < v.length; i++) {
                    double rel = Math.abs(ours[i] - itk[i]) / scale;
                    worst = Math.max(worst, rel);
                    assertTrue(rel <= 1e-5, "case " + c + " sigma " + sigma + " voxel " + i + ": ITK " + itk[i]
                            + ", ours " + ours[i]);
                }
            }
        }
        System.out.printf("LoG vs ITK LaplacianRecursiveGaussian: worst |diff| / max|LoG| = %.2e%n", worst);
    }

    @Test
    void gradient_matches_itk_gradient_magnitude(@TempDir Path tmp) throws Exception {
        int[] size = {17, 13, 9};
        double[] sp = {0.7, 1.2, 3};
        float[] v = volume(size, 3);
        for (boolean useSpacing : new boolean[] {true, false}) {
            float[] itk = run(tmp, "grad", size, sp, useSpacing ? 1 : 0, v);
            float[] ours = ImageFilters.gradientMagnitude(v, size, sp, useSpacing);
            for (int i = 0; i < v.length; i++) {
                assertEquals(itk[i], ours[i], 1e-6 * (1 + Math.abs(itk[i])), "voxel " + i + " useSpacing "
                        + useSpacing);
            }
        }
    }
}
