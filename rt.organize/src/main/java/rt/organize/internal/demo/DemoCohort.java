package rt.organize.internal.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.RtPlanWriter;
import rt.dicom.rt.RtStructWriter;

/**
 * Writes the synthetic demo cohort with the project's DICOM writers ({@code rt.dicom.rt}: CtSeriesWriter,
 * RtStructWriter, RtPlanWriter, RtDoseWriter): per patient a CT of the {@link Phantom}, an
 * RTSTRUCT of its organs, and one or two RTPLAN/RTDOSE pairs with the analytic dose. Patients cycle through three
 * kinds: a plain course, a course with a boost plan (two doses to sum, the boost on a finer, smaller grid) and a
 * course with a replan (two doses, only the first counts). On request one more patient of kind
 * {@link Kind#DEFECTS} carries planted QC defects: a CT slice missing from the export ({@link #DEFECT_MISSING_SLICE}),
 * a dose grid that leaves part of the PTV outside ({@link #DEFECT_DOSE_GRID}) and an ROI without contours
 * ({@link #DEFECT_EMPTY_ROI}). UIDs are derived from names, so a rerun writes the same objects.
 */
public final class DemoCohort {

    public enum Kind {
        PLAIN,
        BOOST,
        REPLAN,
        /** A plain course with the planted QC defects (only with {@code --defects}, after the others). */
        DEFECTS
    }

    /** One plan of a patient: label, date, prescription, fractions, dose grid. */
    public record PlanSpec(String label, LocalDate date, double rxGy, int fractions, Grid doseGrid) {
    }

    public record PatientSpec(String patientId, Kind kind, List<PlanSpec> plans) {
    }

    public record Written(List<PatientSpec> patients, int files, long bytes) {
    }

    /** Standard dose grid: 3 mm, covering the body. */
    public static final Grid DOSE_GRID = Grid.axisAligned(75, 55, 50, new double[] {-111, -81, -73.5},
            new double[] {3, 3, 3});
    /** Boost dose grid: 2 mm cube of ±60 mm around the target. */
    public static final Grid BOOST_GRID = Grid.axisAligned(61, 61, 61, new double[] {-60, -60, -60},
            new double[] {2, 2, 2});

    /** CT BodyPartExamined of every demo CT: the phantom has lungs, so it is a chest scan. */
    public static final String BODY_PART = "CHEST";
    /** RTPlanLabel of the primary plans; boosts and replans append " BOOST" / " REPLAN". */
    public static final String PLAN_LABEL = "THORAX";

    /** Defect patient: index of the CT slice left out of the export (z = 16.5 mm), so the series has a 6 mm gap. */
    public static final int DEFECT_MISSING_SLICE = 30;
    /**
     * Defect patient: the standard 3 mm dose grid cut below z = −10.5 mm, so the PTV (z ∈ [−25, 25]) lies about
     * 20 % outside it (exactly (25 − 10.5)²(50 + 10.5) / (4·25³) = 20.35 % of the sphere).
     */
    public static final Grid DEFECT_DOSE_GRID = Grid.axisAligned(75, 55, 29, new double[] {-111, -81, -10.5},
            new double[] {3, 3, 3});
    /** Defect patient: an ORGAN ROI declared in the structure set without any contour. */
    public static final String DEFECT_EMPTY_ROI = "HEART";

    private DemoCohort() {
    }

    /** The normal cohort of {@code patients} patients (no defect patient). */
    public static List<PatientSpec> specs(int patients) {
        return specs(patients, false);
    }

    /** {@code patients} normal patients, then, with {@code defects}, one more patient of kind {@link Kind#DEFECTS}. */
    public static List<PatientSpec> specs(int patients, boolean defects) {
        List<PatientSpec> out = new ArrayList<>();
        LocalDate base = LocalDate.of(2024, 3, 4);
        for (int n = 0; n < patients; n++) {
            Kind kind = Kind.values()[n % 3];
            String id = String.format("DEMO%03d", n + 1);
            LocalDate start = base.plusDays(7L * n);
            List<PlanSpec> plans = new ArrayList<>();
            plans.add(new PlanSpec(PLAN_LABEL, start, 50, 25, DOSE_GRID));
            if (kind == Kind.BOOST) {
                plans.add(new PlanSpec(PLAN_LABEL + " BOOST", start.plusDays(35), 16, 8, BOOST_GRID));
            } else if (kind == Kind.REPLAN) {
                plans.add(new PlanSpec(PLAN_LABEL + " REPLAN", start.plusDays(14), 50, 25, DOSE_GRID));
            }
            out.add(new PatientSpec(id, kind, plans));
        }
        if (defects) {
            int n = patients;
            out.add(new PatientSpec(String.format("DEMO%03d", n + 1), Kind.DEFECTS,
                    List.of(new PlanSpec(PLAN_LABEL, base.plusDays(7L * n), 50, 25, DEFECT_DOSE_GRID))));
        }
        return out;
    }

    /** Writes {@code patients} patients under {@code input/<patient>/}. */
    public static Written write(Path input, int patients) throws IOException {
        return write(input, patients, false);
    }

    /** Writes {@code patients} patients, and with {@code defects} the defect patient, under {@code input/<patient>/}. */
    public static Written write(Path input, int patients, boolean defects) throws IOException {
        return write(input, patients, defects, false);
    }

    /** As {@link #write(Path, int, boolean)}; with {@code mr} the first patient also gets the {@link DemoMr}. */
    public static Written write(Path input, int patients, boolean defects, boolean mr) throws IOException {
        if (patients < 1) {
            throw new IllegalArgumentException("--patients must be at least 1, not " + patients);
        }
        List<PatientSpec> specs = specs(patients, defects);
        int files = 0;
        long bytes = 0;
        for (PatientSpec p : specs) {
            List<Path> written = writePatient(input.resolve(p.patientId()), p, mr && p == specs.get(0));
            files += written.size();
            for (Path f : written) {
                bytes += Files.size(f);
            }
        }
        return new Written(specs, files, bytes);
    }

    static String uid(String patient, String what) {
        return Uids.fromName("rt demo/" + patient + "/" + what);
    }

    public static List<Path> writePatient(Path dir, PatientSpec p) throws IOException {
        return writePatient(dir, p, false);
    }

    /** One patient; with {@code mr} also an MR registered to its CT, with its own structure set ({@link DemoMr}). */
    public static List<Path> writePatient(Path dir, PatientSpec p, boolean mr) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        String pid = p.patientId();
        String frame = uid(pid, "frame");
        String date = fmt(p.plans().get(0).date().minusDays(7));
        PatientStudy ps = new PatientStudy("Demo^" + pid, pid, "19600101", "O", uid(pid, "study"), date, "090000",
                "1", "", "", null);

        // CT: the phantom's HU at the voxel centres of the CT grid (one slice per k). Fixed instance creation
        // date/time (instead of "now") and names-derived UIDs: a rerun writes byte-identical files.
        boolean defects = p.kind() == Kind.DEFECTS;
        List<DicomObject> slices = new CtSeriesWriter(ps, frame, ctVolume(), uid(pid, "ct"))
                .series(1, "demo phantom CT").attribute(Tag.BodyPartExamined, BODY_PART)
                .creationDateTime(date, CREATED).build();
        for (int k = 0; k < slices.size(); k++) {
            if (defects && k == DEFECT_MISSING_SLICE) {
                continue; // planted defect: a slice lost from the export (the RTSTRUCT still references it)
            }
            out.add(write(slices.get(k), dir.resolve(String.format("CT.%03d.dcm", k))));
        }

        // RTSTRUCT on that series: one polygon per slice plane and ROI.
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.of(slices)).label("DEMO")
                .uids(uid(pid, "rs-series"), uid(pid, "rs")).series(2, "demo phantom structures")
                .dateTime(date, "100000").creationDateTime(date, CREATED);
        int ptv = 0;
        for (int r = 0; r < Phantom.ROIS.size(); r++) {
            String roi = Phantom.ROIS.get(r);
            List<Contour> contours = Phantom.contours(roi, 72).stream().map(Contour::closed).toList();
            String type = roi.equals("BODY") ? "EXTERNAL" : roi.equals("PTV") ? "PTV" : "ORGAN";
            int number = rs.addRoi(new Roi(0, roi, type, COLOURS[r], frame, "MANUAL", contours));
            if (roi.equals("PTV")) {
                ptv = number;
            }
        }
        if (defects) {
            // planted defect: an organ declared in the structure set but never contoured
            rs.addRoi(new Roi(0, DEFECT_EMPTY_ROI, "ORGAN", new int[] {255, 0, 255}, frame, "MANUAL", List.of()));
        }
        out.add(write(rs.build(), dir.resolve("RS.dcm")));

        for (int n = 0; n < p.plans().size(); n++) {
            PlanSpec plan = p.plans().get(n);
            DicomObject rp = new RtPlanWriter(ps, frame, plan.label()).name(plan.label())
                    .dateTime(fmt(plan.date()), "120000").prescription(plan.rxGy(), plan.fractions(), ptv)
                    .structureSet(rs.sopInstanceUid()).addBeam("AP", 0, 100, 6).addBeam("PA", 180, 100, 6)
                    .uids(uid(pid, "plan-series/" + n), uid(pid, "plan/" + n)).series(10 + n, null)
                    .approval("APPROVED", fmt(plan.date()), "120000", "Demo^Reviewer")
                    .creationDateTime(date, CREATED).build();
            out.add(write(rp, dir.resolve("RP." + (n + 1) + ".dcm")));
            out.add(write(dose(ps, p, plan, n, frame, rp.getString(Tag.SOPInstanceUID), date),
                    dir.resolve("RD." + (n + 1) + ".dcm")));
        }
        if (mr) {
            out.addAll(DemoMr.write(dir, ps, frame, slices, date, CREATED));
        }
        return out;
    }

    private static final int[][] COLOURS = {{0, 255, 0}, {255, 0, 0}, {255, 255, 0}, {0, 128, 255}, {0, 200, 255}};

    /** The phantom CT in HU: {@value Phantom#CT_N}² pixels × {@value Phantom#CT_SLICES} slices, centred. */
    static Volume ctVolume() {
        Grid g = Grid.axisAligned(Phantom.CT_N, Phantom.CT_N, Phantom.CT_SLICES,
                new double[] {Phantom.ctOrigin(0), Phantom.ctOrigin(1), Phantom.ctOrigin(2)},
                new double[] {Phantom.CT_PIXEL, Phantom.CT_PIXEL, Phantom.CT_SLICE});
        return new Volume(g, sample(g, Phantom::hu), Quantity.HU);
    }

    private interface Field {
        double at(double x, double y, double z);
    }

    private static float[] sample(Grid g, Field f) {
        float[] v = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    v[g.index(i, j, k)] = (float) f.at(w[0], w[1], w[2]);
                }
            }
        }
        return v;
    }

    /** Instance creation time of every demo object (the date is the study date), instead of "now". */
    private static final String CREATED = "090000";

    private static Path write(DicomObject ds, Path file) throws IOException {
        DicomWriter.write(ds, file);
        return file;
    }

    private static DicomObject dose(PatientStudy ps, PatientSpec p, PlanSpec plan, int n, String frame,
            String planUid, String date) {
        Grid g = plan.doseGrid();
        double scale = plan.rxGy() / Phantom.RX_REFERENCE_GY;
        float[] v = sample(g, (x, y, z) -> Phantom.dose(scale, x, y, z));
        return new RtDoseWriter(ps, frame, new Volume(g, v, Quantity.DOSE_GY)).summation("PLAN", List.of(planUid))
                .uids(uid(p.patientId(), "dose-series/" + n), uid(p.patientId(), "dose/" + n))
                .series(20 + n, "dose of " + plan.label()).creationDateTime(date, CREATED).build();
    }

    static String fmt(LocalDate d) {
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
