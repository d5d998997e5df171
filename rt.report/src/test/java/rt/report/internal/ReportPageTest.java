package rt.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ReportPageTest {

    @TempDir
    Path out;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static CourseDir dir(Path courseDir, String p, String c) {
        return new CourseDir(p, c, p + "/" + c, courseDir, null);
    }

    @Test
    void reportHasEverySectionAndNoExternalReference() throws Exception {
        Path d = Fixtures.course(out, "P1", "C1", 4);
        SyntheticCt ct = new SyntheticCt(64, 64, 40, 2.0, 3.0);
        String html = ReportPage.render(dir(d, "P1", "C1"), CourseImages.load(ct.source(), dir(d, "P1", "C1")), "t");
        for (String s : List.of("Summary", "Quality control", "Dose–volume histograms", "DVH metrics",
                "Images and contours", "Radiomics", "Feature robustness")) {
            assertTrue(html.contains(s), s);
        }
        assertEquals(5, count(html, "data:image/png;base64,"), "3 axial + coronal + sagittal");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resource");
        assertTrue(html.contains("id=\"dvh-data\""));
        assertTrue(html.contains("gap of 6.0 mm"));
    }

    @Test
    void missingStageOutputsAreMarkedNotRunNotAnError() throws Exception {
        Path d = out.resolve("P/C");
        Files.createDirectories(d);
        String html = ReportPage.render(dir(d, "P", "C"), CourseImages.load(CourseImages.NONE, dir(d, "P", "C")),
                "t");
        assertTrue(html.contains("QC not run"));
        assertTrue(html.contains("DVH curves not available"));
        assertTrue(html.contains("Radiomics not run"));
        assertTrue(html.contains("Slices not rendered"));
    }

    @Test
    void outlinesAreDrawnInTheStructureColour() throws Exception {
        SyntheticCt ct = new SyntheticCt(64, 64, 40, 2.0, 3.0);
        BufferedImage img = new SliceRenderer(400, 40, 256).render(ct.ct, ct.overlays, SliceRenderer.Plane.AXIAL,
                20);
        int ptv = SliceRenderer.color(0).getRGB() & 0xFFFFFF;
        int hits = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                hits += (img.getRGB(x, y) & 0xFFFFFF) == ptv ? 1 : 0;
            }
        }
        assertTrue(hits > 50, "PTV outline pixels: " + hits);
        BufferedImage cor = new SliceRenderer(400, 40, 256).render(ct.ct, List.of(), SliceRenderer.Plane.CORONAL,
                32);
        assertEquals(Math.round(256 * 40 * 3.0 / (64 * 2.0)), cor.getHeight(), "coronal keeps mm square");
    }

    /**
     * A 60 Gy box on the dose's own 4 mm grid (centres |x| ≤ 18, |y| ≤ 10 mm, every plane) over a black CT on a 2 mm
     * grid shifted by 1 mm: the wash covers the box and nothing beyond the low-dose fall-off, and the isodose lines
     * (30–95 % of the maximum, crossing between x = -20.8 and -18.2 mm: pixel edges 22–23 and 41–42, drawn
     * antialiased across the pixels beside them) lie on its edges.
     */
    @Test
    void doseWashAndIsodoseLinesLieWhereTheDoseIs() throws Exception {
        Grid g = Grid.axisAligned(64, 64, 40, new double[] {-63, -63, -58.5}, new double[] {2, 2, 3});
        float[] air = new float[(int) g.voxelCount()];
        java.util.Arrays.fill(air, -1000f);
        Volume ct = new Volume(g, air, Quantity.HU);
        Grid dg = Grid.axisAligned(32, 32, 30, new double[] {-62, -62, -58}, new double[] {4, 4, 4});
        float[] d = new float[(int) dg.voxelCount()];
        for (int k = 0; k < dg.nz(); k++) {
            for (int j = 0; j < dg.ny(); j++) {
                for (int i = 0; i < dg.nx(); i++) {
                    double[] w = dg.indexToWorld(i, j, k);
                    d[dg.index(i, j, k)] = Math.abs(w[0]) < 20 && Math.abs(w[1]) < 12 ? 60f : 0f;
                }
            }
        }
        Volume dose = new Volume(dg, d, Quantity.DOSE_GY);
        BufferedImage img = new SliceRenderer(400, 40, 64).render(ct, dose, List.of(), SliceRenderer.Plane.AXIAL, 20);
        int row = 32; // y = +1 mm (axial rows run with j)
        for (int x = 0; x < 64; x++) {
            int rgb = img.getRGB(x, row) & 0xFFFFFF;
            int bright = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
            double wx = -63 + 2 * x;
            boolean line = (x >= 21 && x <= 24) || (x >= 39 && x <= 43);
            if (Math.abs(wx) <= 13) {
                assertEquals(0x320000, rgb, "inside the box, x = " + wx + ": 40 % of the 60 Gy red over black");
            } else if (Math.abs(wx) >= 23 && !line) {
                assertEquals(0, rgb, "beyond the dose, x = " + wx);
            }
            if (!line) {
                assertTrue(bright < 150, "no isodose line at x = " + wx + ": " + Integer.toHexString(rgb));
            }
        }
        for (int[] edge : new int[][] {{21, 24}, {39, 43}}) {
            int best = 0;
            for (int x = edge[0]; x <= edge[1]; x++) {
                int rgb = img.getRGB(x, row);
                best = Math.max(best, ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255));
            }
            assertTrue(best >= 150, "isodose lines at columns " + edge[0] + "–" + edge[1] + ": " + best);
        }
        // the report shows the isodose levels in its legend, with the dose they stand for
        Path dir = Fixtures.course(out, "P1", "C1", 2);
        CourseDir c = dir(dir, "P1", "C1");
        String html = ReportPage.render(c, CourseImages.render(ct, dose, List.of(), null), "t");
        assertTrue(html.contains("95 % (57.0 Gy)"), "isodose legend");
        assertTrue(html.contains("isodose of max 60.0 Gy"));
    }

    /** A 300-slice 512x512 CT gives a report within 5 MB. */
    @Test
    void reportOfA300SliceCtStaysUnder5MB() throws Exception {
        Path d = Fixtures.course(out, "P1", "C1", 20);
        SyntheticCt ct = new SyntheticCt(512, 512, 300, 0.98, 2.0);
        String html = ReportPage.render(dir(d, "P1", "C1"), CourseImages.load(ct.source(), dir(d, "P1", "C1")), "t");
        int bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("report.html for a 512x512x300 CT with 20 ROIs: " + bytes + " bytes");
        assertTrue(bytes < 5 * 1024 * 1024, bytes + " bytes");
    }

    /** The report loads in headless Chromium without console errors; the DVH script builds its plot. */
    @Test
    void loadsInHeadlessChromiumWithoutConsoleErrors() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            System.out.println("[SKIP] /usr/bin/chromium absent: browser check skipped");
        }
        Assumptions.assumeTrue(Files.isExecutable(chromium), "chromium absent");
        Path d = Fixtures.course(out, "P1", "C1", 4);
        SyntheticCt ct = new SyntheticCt(96, 96, 60, 2.0, 3.0);
        CourseDir c = dir(d, "P1", "C1");
        Path report = d.resolve("report.html");
        Files.writeString(report, ReportPage.render(c, CourseImages.load(ct.source(), c), "t"));

        Result dom = chromium(chromium, report, "--dump-dom");
        assertEquals(0, dom.rc, dom.stderr);
        assertTrue(dom.stdout.contains("<svg"), "DVH plot built by the script");
        assertEquals(4, count(dom.stdout, "type=\"checkbox\""), "one toggle per curve");
        assertConsoleClean(dom.stderr);

        Path shot = out.resolve("shot.png");
        Result s = chromium(chromium, report, "--screenshot=" + shot, "--window-size=1280,2400");
        assertEquals(0, s.rc, s.stderr);
        assertConsoleClean(s.stderr);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1280, img.getWidth());
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.copy(shot, target.resolve("report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(report, target.resolve("report-sample.html"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private record Result(int rc, String stdout, String stderr) {
    }

    private Result chromium(Path chromium, Path report, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(out, "chrome");
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        cmd.add(report.toUri().toString());
        Path so = out.resolve("chrome.out");
        Path se = out.resolve("chrome.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(so.toFile()).redirectError(se.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(so), Files.readString(se));
    }

    private static void assertConsoleClean(String stderr) {
        List<String> console = stderr.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        assertTrue(console.isEmpty(), "console output: " + console);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
