package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.SurefireStyleSummary;

/** Writers: CT series, RTSTRUCT, RTPLAN, RTDOSE written, read back, and validated with dciodvfy when present. */
@ExtendWith(SurefireStyleSummary.class)
class WriterRoundTripTest {

    private static final int N = 16;
    private static final double PIXEL_MM = 2.0;
    private static final double SLICE_MM = 3.0;
    private static final double[] ORIGIN = {-15.0, -15.0, -6.0};

    @TempDir
    Path dir;

    private static Volume ct() {
        Grid g = Grid.axisAligned(N, N, 5, ORIGIN, new double[] {PIXEL_MM, PIXEL_MM, SLICE_MM});
        float[] v = new float[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = (n % 7) * 100 - 1000;
        }
        return new Volume(g, v, Quantity.HU);
    }

    /** A 10 x 8 mm rectangle in plane z, counter-clockwise, and a 2 x 2 mm hole inside it. */
    private static List<Contour> rectangles(double z) {
        return List.of(Contour.closed(new double[] {-5, -4, z, 5, -4, z, 5, 4, z, -5, 4, z}),
                Contour.closed(new double[] {-1, -1, z, 1, -1, z, 1, 1, z, -1, 1, z}));
    }

    @Test
    void rtstruct_round_trip_gives_the_same_contours() throws IOException {
        PatientStudy ps = PatientStudy.newStudy("RT01", "Müller^Jörg");
        String forUid = Uids.create();
        CtSeriesWriter ctw = new CtSeriesWriter(ps, forUid, ct());
        List<Path> ctFiles = ctw.write(dir.resolve("CT"));
        List<DicomObject> headers = new ArrayList<>();
        for (Path f : ctFiles) {
            headers.add(DicomReader.readHeader(f).dataset());
        }
        RtStructWriter w = new RtStructWriter(ps, ReferencedSeries.of(headers)).label("TEST");
        List<Contour> contours = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            contours.addAll(rectangles(ORIGIN[2] + k * SLICE_MM));
        }
        contours.add(new Contour(ContourType.POINT, new double[] {0.125, -3.5, 0}, List.of()));
        int number = w.addRoi("Box", "PTV", new int[] {10, 20, 30}, contours);
        Path file = dir.resolve("RS.dcm");
        w.write(file);

        RtStruct rs = RtStructReader.read(file);
        Roi roi = rs.roi(number).orElseThrow();
        assertEquals("Box", roi.name());
        assertEquals("PTV", roi.interpretedType());
        assertArrayEquals(new int[] {10, 20, 30}, roi.color());
        assertEquals(forUid, rs.frameOfReferenceUid());
        assertEquals(ctw.seriesInstanceUid(), rs.referencedSeriesUid());
        assertEquals(contours.size(), roi.contours().size());
        for (int n = 0; n < contours.size(); n++) {
            assertEquals(contours.get(n).type(), roi.contours().get(n).type());
            assertArrayEquals(contours.get(n).points(), roi.contours().get(n).points(), 0.0);
            assertEquals(1, roi.contours().get(n).referencedSopInstanceUids().size() - (n == contours.size() - 1
                    ? 0 : 0));
        }
        // (80 - 4) mm2 per plane; 3 planes 3 mm apart: end planes count half -> 2 * 76 * 3 mm3
        assertEquals(2 * 76 * SLICE_MM / 1000, ContourVolume.cc(roi.contours()), 1e-12);
        assertEquals("Müller^Jörg", DicomReader.read(file).dataset().getString(Tag.PatientName));
        dciodvfy(file);
        dciodvfy(ctFiles.get(0));
    }

    @Test
    void ct_series_round_trip() throws IOException {
        Volume ct = ct();
        PatientStudy ps = PatientStudy.newStudy("RT02", "Test");
        new CtSeriesWriter(ps, Uids.create(), ct).write(dir);
        SeriesVolume s = ImageSeriesReader.readFolder(dir, null);
        assertTrue(s.volume().grid().sameAs(ct.grid(), 1e-9), s.volume().grid().toString());
        assertArrayEquals(ct.voxels(), s.volume().voxels());
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void rtdose_and_rtplan_round_trip() throws IOException {
        PatientStudy ps = PatientStudy.newStudy("RT03", "Test");
        String forUid = Uids.create();
        Grid g = new Grid(4, 3, 5, new double[] {1, 2, 3}, new double[] {2.5, 2.5, 3},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        float[] gy = new float[(int) g.voxelCount()];
        for (int n = 0; n < gy.length; n++) {
            gy[n] = n * 0.75f;
        }
        String planUid = new RtPlanWriter(ps, forUid, "PLAN1").name("Test plan").prescription(50, 25, 1)
                .structureSet(Uids.create()).addBeam("G0", 0, 120, 6).addBeam("G180", 180, 118, 6)
                .write(dir.resolve("RP.dcm"));
        Path rd = dir.resolve("RD.dcm");
        new RtDoseWriter(ps, forUid, new Volume(g, gy, Quantity.DOSE_GY)).summation("PLAN", List.of(planUid))
                .write(rd);
        RtDose dose = RtDoseReader.read(rd);
        assertTrue(dose.volume().grid().sameAs(g, 1e-9));
        assertArrayEquals(gy, dose.volume().voxels(), 44.25f * 2e-9f + 1e-6f);
        assertEquals(List.of(planUid), dose.referencedPlanUids());
        RtPlan plan = RtPlanReader.read(dir.resolve("RP.dcm"));
        assertEquals(50.0, plan.prescriptionGy());
        assertEquals(25, plan.fractions());
        assertEquals(2, plan.beams().size());
        dciodvfy(rd);
        dciodvfy(dir.resolve("RP.dcm"));
    }

    /** Runs dciodvfy (Debian dicom3tools) and asserts 0 errors; skipped with a message when it is absent. */
    static void dciodvfy(Path file) throws IOException {
        Path tool = Path.of("/usr/bin/dciodvfy");
        if (!Files.isExecutable(tool)) {
            System.out.println("[SKIP] dciodvfy not installed (Debian dicom3tools): " + file.getFileName());
            Assumptions.abort("dciodvfy not installed");
        }
        Process p = new ProcessBuilder(tool.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> errors = out.lines().filter(l -> l.startsWith("Error")).toList();
        assertTrue(errors.isEmpty(), "dciodvfy " + file.getFileName() + ":\n" + out);
    }
}
