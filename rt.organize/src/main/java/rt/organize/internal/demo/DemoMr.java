package rt.organize.internal.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.rt.Contour;
import rt.dicom.rt.MrSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStructWriter;
import rt.dicom.rt.SpatialRegistrationWriter;

/**
 * The demo's MR (with {@code --mr}): a T1-like MR of the same {@link Phantom} in its own study and frame of
 * reference, shifted by {@link #SHIFT_MM} (a point at x in the CT frame is at x + SHIFT in the MR frame), an RTSTRUCT
 * of the PTV and the body drawn on the MR, and a spatial registration (REG) that maps the MR frame onto the CT frame.
 * Organize puts all three into the CT's course; radiomics analyses the MR structure set on the MR. The MR is coarse
 * (4 mm pixels, 5 mm slices) so that it costs seconds.
 */
public final class DemoMr {

    /** MR frame = CT frame + SHIFT (mm); the registration matrix translates by −SHIFT. */
    public static final double[] SHIFT_MM = {5, -3, 2};
    /** MR signal of each tissue (arbitrary units); the PTV carries a texture so that its features are not trivial. */
    public static final double MR_BODY = 400;
    public static final double MR_PTV = 900;
    public static final double MR_SPINE = 150;
    public static final double MR_LUNG = 40;
    /** ROIs of the MR structure set. */
    public static final List<String> ROIS = List.of("BODY", "PTV");

    static final Grid GRID = Grid.axisAligned(64, 48, 20, new double[] {-126 + SHIFT_MM[0], -94 + SHIFT_MM[1],
        -47.5 + SHIFT_MM[2]}, new double[] {4, 4, 5});

    private DemoMr() {
    }

    /** MR signal at a point of the MR frame. */
    public static double signal(double xm, double ym, double zm) {
        double x = xm - SHIFT_MM[0];
        double y = ym - SHIFT_MM[1];
        double z = zm - SHIFT_MM[2];
        return switch (Phantom.hu(x, y, z)) {
            case Phantom.HU_AIR -> 0;
            case Phantom.HU_PTV -> MR_PTV + 150 * Math.sin(x / 4) * Math.cos(y / 6) + 60 * Math.sin(z / 5);
            case Phantom.HU_SPINE -> MR_SPINE;
            case Phantom.HU_LUNG -> MR_LUNG;
            default -> MR_BODY;
        };
    }

    /**
     * Writes {@code MR.<k>.dcm}, {@code RS_MR.dcm} and {@code REG.dcm} into {@code dir}.
     *
     * @param ct      the CT study (the REG is part of it: it registers into the CT's frame)
     * @param ctFrame the CT's frame of reference
     * @param ctSlices the CT slices (the REG's identity item references them)
     */
    static List<Path> write(Path dir, PatientStudy ct, String ctFrame, List<DicomObject> ctSlices, String date,
            String created) throws IOException {
        String pid = ct.patientId();
        List<Path> out = new ArrayList<>();
        PatientStudy mrStudy = new PatientStudy(ct.patientName(), pid, ct.birthDate(), ct.sex(),
                DemoCohort.uid(pid, "mr-study"), date, "080000", "2", "", "", "demo MR");
        String mrFrame = DemoCohort.uid(pid, "mr-frame");
        float[] v = new float[(int) GRID.voxelCount()];
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    double[] w = GRID.indexToWorld(i, j, k);
                    v[GRID.index(i, j, k)] = (float) signal(w[0], w[1], w[2]);
                }
            }
        }
        List<DicomObject> mr = new MrSeriesWriter(mrStudy, mrFrame, new Volume(GRID, v, Quantity.INTENSITY),
                DemoCohort.uid(pid, "mr")).series(1, "demo phantom T1").creationDateTime(date, created).build();
        for (int k = 0; k < mr.size(); k++) {
            out.add(write(mr.get(k), dir.resolve(String.format("MR.%03d.dcm", k))));
        }

        RtStructWriter rs = new RtStructWriter(mrStudy, ReferencedSeries.of(mr)).label("DEMO MR")
                .uids(DemoCohort.uid(pid, "rs-mr-series"), DemoCohort.uid(pid, "rs-mr")).series(3, "demo MR structures")
                .dateTime(date, "100000").creationDateTime(date, created);
        rs.addRoi(new Roi(0, "BODY", "EXTERNAL", new int[] {0, 255, 0}, mrFrame, "MANUAL", planes(false)));
        rs.addRoi(new Roi(0, "PTV", "PTV", new int[] {255, 0, 0}, mrFrame, "MANUAL", planes(true)));
        out.add(write(rs.build(), dir.resolve("RS_MR.dcm")));

        double[] mrToCt = {1, 0, 0, -SHIFT_MM[0], 0, 1, 0, -SHIFT_MM[1], 0, 0, 1, -SHIFT_MM[2], 0, 0, 0, 1};
        DicomObject reg = new SpatialRegistrationWriter(ct, ctFrame).identity(ReferencedSeries.of(ctSlices))
                .rigid(ReferencedSeries.of(mr), mrToCt).uids(DemoCohort.uid(pid, "reg-series"),
                        DemoCohort.uid(pid, "reg")).series(4, "MR to CT").build();
        out.add(write(reg, dir.resolve("REG.dcm")));
        return out;
    }

    /** PTV (a sphere) or BODY (an elliptic cylinder) on the MR slice planes, in the MR frame. */
    private static List<Contour> planes(boolean ptv) {
        List<Contour> out = new ArrayList<>();
        for (int k = 0; k < GRID.nz(); k++) {
            double zm = GRID.indexToWorld(0, 0, k)[2];
            double z = zm - SHIFT_MM[2];
            if (ptv && Math.abs(z) < Phantom.PTV_R) {
                double r = Math.sqrt(Phantom.PTV_R * Phantom.PTV_R - z * z);
                out.add(Contour.closed(Phantom.ellipse(SHIFT_MM[0], SHIFT_MM[1], r, r, zm, 72)));
            } else if (!ptv) {
                out.add(Contour.closed(Phantom.ellipse(SHIFT_MM[0], SHIFT_MM[1], Phantom.BODY_A, Phantom.BODY_B, zm,
                        72)));
            }
        }
        return out;
    }

    private static Path write(DicomObject ds, Path file) throws IOException {
        DicomWriter.write(ds, file);
        return file;
    }
}
