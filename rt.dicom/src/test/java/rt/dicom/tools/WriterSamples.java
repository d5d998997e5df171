package rt.dicom.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.ContourType;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.RtPlanWriter;
import rt.dicom.rt.RtStructWriter;

/**
 * Writes the writers' unusual cases for {@code dciodvfy} (not a test): non-ASCII patient/ROI names, 300 ROIs, an
 * empty ROI, POINT and OPEN_PLANAR contours, an RTDOSE and an RTPLAN of the same patient.
 * Run: {@code java -cp … rt.dicom.tools.WriterSamples OUTDIR}, then {@code dciodvfy OUTDIR/*.dcm OUTDIR/CT/*}.
 */
public final class WriterSamples {

    private WriterSamples() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/writer-samples");
        Files.createDirectories(out);
        PatientStudy ps = PatientStudy.newStudy("ÄÖÜ-01", "Müller-Lüdenscheidt^Jürgen^Ñoño");
        String forUid = Uids.create();
        Grid g = Grid.axisAligned(16, 16, 4, new double[] {-15, -15, -4.5}, new double[] {2, 2, 3});
        float[] hu = new float[(int) g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (i % 11) * 50 - 1000;
        }
        CtSeriesWriter ct = new CtSeriesWriter(ps, forUid, new Volume(g, hu, Quantity.HU));
        ct.write(out.resolve("CT"));
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.of(ct.build()));
        for (int r = 0; r < 300; r++) {
            List<Contour> cs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                double z = -4.5 + 3 * k;
                double a = 1 + (r % 10);
                cs.add(Contour.closed(new double[] {-a, -a, z, a, -a, z, a, a, z, -a, a, z}));
            }
            rs.addRoi("Struktur Größe " + r + " µ", r % 2 == 0 ? "ORGAN" : "PTV", new int[] {r % 256, 100, 200}, cs);
        }
        rs.addRoi("Leer (empty)", "ORGAN", new int[] {0, 255, 0}, List.of());
        rs.addRoi("Marker Ø", "MARKER", new int[] {255, 255, 0},
                List.of(new Contour(ContourType.POINT, new double[] {1.5, -2.5, 1.5}, List.of())));
        rs.addRoi("Line", "CONTROL", new int[] {255, 0, 255},
                List.of(new Contour(ContourType.OPEN_PLANAR, new double[] {-5, 0, 1.5, 0, 3, 1.5, 5, 0, 1.5}, List.of())));
        String rsUid = rs.label("Ünïcödé").write(out.resolve("RS.dcm"));
        String rp = new RtPlanWriter(ps, forUid, "PLAN Ä").name("Plan Überprüfung").prescription(50, 25, 1)
                .structureSet(rsUid).addBeam("G0 Ä", 0, 120, 6).addBeam("G180", 180, 118, 6).write(out.resolve("RP.dcm"));
        float[] gy = new float[(int) g.voxelCount()];
        for (int i = 0; i < gy.length; i++) {
            gy[i] = i * 0.01f;
        }
        new RtDoseWriter(ps, forUid, new Volume(g, gy, Quantity.DOSE_GY)).summation("PLAN", List.of(rp))
                .write(out.resolve("RD.dcm"));
        System.out.println("wrote " + out);
    }
}
