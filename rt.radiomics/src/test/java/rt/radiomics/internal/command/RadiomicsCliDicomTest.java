package rt.radiomics.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtStructWriter;

/**
 * {@code radiomics --image <DICOM series folder> --mask RS.dcm --roi NAME}: a synthetic CT series (1 × 1 × 2 mm) with a
 * 100 HU cylinder in −500 HU, and an RTSTRUCT whose ROI contours that cylinder (r = 8.3 mm, 16 slices). The mask must
 * be exactly the voxel centres within the contours: VoxelNum = 16 × #{(x, y) ∈ ℤ² : x² + y² ≤ 68}, every value 100.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class RadiomicsCliDicomTest {

    static final double R = 8.3;

    static Path writeCase(Path tmp) throws Exception {
        Grid g = Grid.axisAligned(40, 40, 30, new double[] {-20, -20, 0}, new double[] {1, 1, 2});
        float[] hu = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = i - 20;
                    double y = j - 20;
                    boolean in = k >= 5 && k <= 20 && x * x + y * y <= R * R;
                    hu[g.index(i, j, k)] = in ? 100 : -500 + (i + j + k) % 7;
                }
            }
        }
        PatientStudy ps = PatientStudy.newStudy("RAD01", "Radiomics^Test");
        String forUid = Uids.create();
        CtSeriesWriter ct = new CtSeriesWriter(ps, forUid, new Volume(g, hu, Quantity.HU));
        ct.write(tmp.resolve("CT"));
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.of(ct.build()));
        List<Contour> contours = new java.util.ArrayList<>();
        for (int k = 5; k <= 20; k++) {
            double[] pts = new double[3 * 64];
            for (int p = 0; p < 64; p++) {
                double a = 2 * Math.PI * p / 64;
                pts[3 * p] = R * Math.cos(a);
                pts[3 * p + 1] = R * Math.sin(a);
                pts[3 * p + 2] = 2.0 * k;
            }
            contours.add(Contour.closed(pts));
        }
        rs.addRoi("GTV", "GTV", new int[] {255, 0, 0}, contours);
        rs.addRoi("Other", "ORGAN", new int[] {0, 255, 0}, List.of(Contour.closed(new double[] {-15, -15, 4,
            -10, -15, 4, -10, -10, 4})));
        rs.label("RAD").write(tmp.resolve("RS.dcm"));
        return tmp;
    }

    @Test
    void dicom_series_and_rtstruct_roi(@TempDir Path tmp) throws Exception {
        writeCase(tmp);
        Path params = tmp.resolve("p.yaml");
        Files.writeString(params, "setting:\n  binWidth: 25\nfeatureClass:\n  firstorder:\n  shape:\n");
        Path out = tmp.resolve("f.csv");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, Object> row = RadiomicsCli.run(new String[] {"--image", tmp.resolve("CT").toString(), "--mask",
            tmp.resolve("RS.dcm").toString(), "--roi", "GTV", "--params", params.toString(), "--out", out.toString()},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        int disk = 0;
        for (int x = -9; x <= 9; x++) {
            for (int y = -9; y <= 9; y++) {
                if (x * x + y * y <= R * R) {
                    disk++;
                }
            }
        }
        assertEquals(16 * disk, ((Number) row.get("diagnostics_Mask-original_VoxelNum")).intValue());
        assertEquals(100.0, (Double) row.get("original_firstorder_Minimum"), 1e-3);
        assertEquals(100.0, (Double) row.get("original_firstorder_Maximum"), 1e-3);
        assertEquals(16 * disk * 2.0, (Double) row.get("original_shape_VoxelVolume"), 1e-6);
        double meshVolume = (Double) row.get("original_shape_MeshVolume");
        assertTrue(Math.abs(meshVolume - Math.PI * R * R * 32) < 0.1 * Math.PI * R * R * 32, "mesh volume " + meshVolume);
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("Image,Mask,"), lines.get(0));
        assertTrue(lines.get(0).contains("original_shape_Sphericity"));
    }

    @Test
    void unknown_roi_and_missing_roi_are_one_line_errors(@TempDir Path tmp) throws Exception {
        writeCase(tmp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RadiomicsCli.run(
                new String[] {"--image", tmp.resolve("CT").toString(), "--mask", tmp.resolve("RS.dcm").toString(),
                    "--roi", "PTV"}, System.out));
        assertTrue(e.getMessage().contains("RS.dcm") && e.getMessage().contains("PTV"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RadiomicsCli.run(
                new String[] {"--image", tmp.resolve("CT").toString(), "--mask", tmp.resolve("RS.dcm").toString()},
                System.out));
        assertTrue(e.getMessage().contains("--roi"), e.getMessage());
    }
}
