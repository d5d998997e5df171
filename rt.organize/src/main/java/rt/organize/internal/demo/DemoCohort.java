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
import rt.dicom.VR;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtDoseWriter;

/**
 * Writes the synthetic demo cohort with the project's DICOM writer: per patient a CT of the {@link Phantom}, an
 * RTSTRUCT of its organs, and one or two RTPLAN/RTDOSE pairs with the analytic dose. Patients cycle through three
 * kinds: a plain course, a course with a boost plan (two doses to sum, the boost on a finer, smaller grid) and a
 * course with a replan (two doses, only the first counts). UIDs are derived from names, so a rerun writes the same
 * objects.
 */
public final class DemoCohort {

    public enum Kind {
        PLAIN,
        BOOST,
        REPLAN
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

    private static final String STUDY_ROOT_CLASS = "1.2.840.10008.3.1.2.3.1";

    private DemoCohort() {
    }

    public static List<PatientSpec> specs(int patients) {
        List<PatientSpec> out = new ArrayList<>();
        LocalDate base = LocalDate.of(2024, 3, 4);
        for (int n = 0; n < patients; n++) {
            Kind kind = Kind.values()[n % 3];
            String id = String.format("DEMO%03d", n + 1);
            LocalDate start = base.plusDays(7L * n);
            List<PlanSpec> plans = new ArrayList<>();
            plans.add(new PlanSpec("PELVIS", start, 50, 25, DOSE_GRID));
            if (kind == Kind.BOOST) {
                plans.add(new PlanSpec("PELVIS BOOST", start.plusDays(35), 16, 8, BOOST_GRID));
            } else if (kind == Kind.REPLAN) {
                plans.add(new PlanSpec("PELVIS REPLAN", start.plusDays(14), 50, 25, DOSE_GRID));
            }
            out.add(new PatientSpec(id, kind, plans));
        }
        return out;
    }

    /** Writes {@code patients} patients under {@code input/<patient>/}. */
    public static Written write(Path input, int patients) throws IOException {
        if (patients < 1) {
            throw new IllegalArgumentException("--patients must be at least 1, not " + patients);
        }
        List<PatientSpec> specs = specs(patients);
        int files = 0;
        long bytes = 0;
        for (PatientSpec p : specs) {
            List<Path> written = writePatient(input.resolve(p.patientId()), p);
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
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        String pid = p.patientId();
        String study = uid(pid, "study");
        String frame = uid(pid, "frame");
        String series = uid(pid, "ct");
        String date = fmt(p.plans().get(0).date().minusDays(7));
        List<String> slices = new ArrayList<>();
        for (int k = 0; k < Phantom.CT_SLICES; k++) {
            DicomObject ct = ctSlice(p, study, frame, series, date, k);
            slices.add(ct.getString(Tag.SOPInstanceUID));
            Path f = dir.resolve(String.format("CT.%03d.dcm", k));
            DicomWriter.write(ct, f);
            out.add(f);
        }
        DicomObject rs = structureSet(p, study, frame, series, date, slices);
        Path rsFile = dir.resolve("RS.dcm");
        DicomWriter.write(rs, rsFile);
        out.add(rsFile);
        for (int n = 0; n < p.plans().size(); n++) {
            PlanSpec plan = p.plans().get(n);
            DicomObject rp = plan(p, plan, n, study, frame, rs.getString(Tag.SOPInstanceUID));
            Path rpFile = dir.resolve("RP." + (n + 1) + ".dcm");
            DicomWriter.write(rp, rpFile);
            out.add(rpFile);
            Path rdFile = dir.resolve("RD." + (n + 1) + ".dcm");
            DicomWriter.write(dose(p, plan, n, study, frame, rp.getString(Tag.SOPInstanceUID)), rdFile);
            out.add(rdFile);
        }
        return out;
    }

    private static void patient(DicomObject d, PatientSpec p, String study, String frame, String date) {
        d.putString(Tag.PatientID, p.patientId());
        d.putString(Tag.PatientName, "Demo^" + p.patientId());
        d.putString(Tag.PatientBirthDate, "19600101");
        d.putString(Tag.PatientSex, "O");
        d.putString(Tag.StudyInstanceUID, study);
        d.putString(Tag.StudyDate, date);
        d.putString(Tag.StudyTime, "090000");
        d.putString(Tag.StudyID, "1");
        d.putString(Tag.ReferringPhysicianName, "");
        d.putString(Tag.AccessionNumber, "");
        d.putString(Tag.FrameOfReferenceUID, frame);
        d.putString(Tag.Manufacturer, "rt pipeline demo");
    }

    private static DicomObject ctSlice(PatientSpec p, String study, String frame, String series, String date,
            int k) {
        DicomObject d = new DicomObject();
        d.putString(Tag.SOPClassUID, Uids.CT_IMAGE_STORAGE);
        d.putString(Tag.SOPInstanceUID, uid(p.patientId(), "ct/" + k));
        d.putString(Tag.Modality, "CT");
        patient(d, p, study, frame, date);
        d.putString(Tag.SeriesInstanceUID, series);
        d.putString(Tag.SeriesNumber, "1");
        d.putString(Tag.InstanceNumber, Integer.toString(k + 1));
        d.putString(Tag.SeriesDescription, "demo phantom CT");
        d.putString(Tag.BodyPartExamined, "PELVIS");
        double x0 = Phantom.ctOrigin(0);
        double y0 = Phantom.ctOrigin(1);
        double z = Phantom.ctOrigin(2) + k * Phantom.CT_SLICE;
        d.putDoubles(Tag.ImagePositionPatient, x0, y0, z);
        d.putDoubles(Tag.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        d.putDoubles(Tag.PixelSpacing, Phantom.CT_PIXEL, Phantom.CT_PIXEL);
        d.putDoubles(Tag.SliceThickness, Phantom.CT_SLICE);
        d.putInts(Tag.Rows, Phantom.CT_N);
        d.putInts(Tag.Columns, Phantom.CT_N);
        d.putInts(Tag.SamplesPerPixel, 1);
        d.putString(Tag.PhotometricInterpretation, "MONOCHROME2");
        d.putInts(Tag.BitsAllocated, 16);
        d.putInts(Tag.BitsStored, 16);
        d.putInts(Tag.HighBit, 15);
        d.putInts(Tag.PixelRepresentation, 1);
        d.putDoubles(Tag.RescaleIntercept, 0);
        d.putDoubles(Tag.RescaleSlope, 1);
        short[] px = new short[Phantom.CT_N * Phantom.CT_N];
        for (int j = 0; j < Phantom.CT_N; j++) {
            for (int i = 0; i < Phantom.CT_N; i++) {
                px[j * Phantom.CT_N + i] = (short) Phantom.hu(x0 + i * Phantom.CT_PIXEL, y0 + j * Phantom.CT_PIXEL, z);
            }
        }
        d.putShorts(Tag.PixelData, VR.OW, px);
        return d;
    }

    private static DicomObject structureSet(PatientSpec p, String study, String frame, String series, String date,
            List<String> slices) {
        DicomObject d = new DicomObject();
        d.putString(Tag.SOPClassUID, Uids.RT_STRUCTURE_SET_STORAGE);
        d.putString(Tag.SOPInstanceUID, uid(p.patientId(), "rs"));
        d.putString(Tag.Modality, "RTSTRUCT");
        patient(d, p, study, frame, date);
        d.remove(Tag.FrameOfReferenceUID);
        d.putString(Tag.SeriesInstanceUID, uid(p.patientId(), "rs-series"));
        d.putString(Tag.SeriesNumber, "2");
        d.putString(Tag.InstanceNumber, "1");
        d.putString(Tag.StructureSetLabel, "DEMO");
        d.putString(Tag.StructureSetDate, date);
        d.putString(Tag.StructureSetTime, "100000");
        DicomObject fr = d.addItem(Tag.ReferencedFrameOfReferenceSequence);
        fr.putString(Tag.FrameOfReferenceUID, frame);
        DicomObject st = fr.addItem(Tag.RTReferencedStudySequence);
        st.putString(Tag.ReferencedSOPClassUID, STUDY_ROOT_CLASS);
        st.putString(Tag.ReferencedSOPInstanceUID, study);
        DicomObject se = st.addItem(Tag.RTReferencedSeriesSequence);
        se.putString(Tag.SeriesInstanceUID, series);
        for (String s : slices) {
            DicomObject ci = se.addItem(Tag.ContourImageSequence);
            ci.putString(Tag.ReferencedSOPClassUID, Uids.CT_IMAGE_STORAGE);
            ci.putString(Tag.ReferencedSOPInstanceUID, s);
        }
        int[][] colours = {{0, 255, 0}, {255, 0, 0}, {255, 255, 0}, {0, 128, 255}, {0, 200, 255}};
        for (int r = 0; r < Phantom.ROIS.size(); r++) {
            String roi = Phantom.ROIS.get(r);
            DicomObject info = d.addItem(Tag.StructureSetROISequence);
            info.putString(Tag.ROINumber, Integer.toString(r + 1));
            info.putString(Tag.ReferencedFrameOfReferenceUID, frame);
            info.putString(Tag.ROIName, roi);
            info.putString(Tag.ROIGenerationAlgorithm, "MANUAL");
            DicomObject rc = d.addItem(Tag.ROIContourSequence);
            rc.putString(Tag.ReferencedROINumber, Integer.toString(r + 1));
            rc.putString(Tag.ROIDisplayColor, Integer.toString(colours[r][0]), Integer.toString(colours[r][1]),
                    Integer.toString(colours[r][2]));
            for (double[] poly : Phantom.contours(roi, 72)) {
                DicomObject c = rc.addItem(Tag.ContourSequence);
                int k = (int) Math.round((poly[2] - Phantom.ctOrigin(2)) / Phantom.CT_SLICE);
                DicomObject ci = c.addItem(Tag.ContourImageSequence);
                ci.putString(Tag.ReferencedSOPClassUID, Uids.CT_IMAGE_STORAGE);
                ci.putString(Tag.ReferencedSOPInstanceUID, slices.get(k));
                c.putString(Tag.ContourGeometricType, "CLOSED_PLANAR");
                c.putString(Tag.NumberOfContourPoints, Integer.toString(poly.length / 3));
                c.putDoubles(Tag.ContourData, poly);
            }
            DicomObject obs = d.addItem(Tag.RTROIObservationsSequence);
            obs.putString(Tag.ObservationNumber, Integer.toString(r + 1));
            obs.putString(Tag.ReferencedROINumber, Integer.toString(r + 1));
            obs.putString(Tag.RTROIInterpretedType, roi.equals("BODY") ? "EXTERNAL" : roi.equals("PTV") ? "PTV"
                    : "ORGAN");
            obs.putString(Tag.ROIInterpreter, "");
        }
        return d;
    }

    private static DicomObject plan(PatientSpec p, PlanSpec plan, int n, String study, String frame, String rs) {
        DicomObject d = new DicomObject();
        d.putString(Tag.SOPClassUID, Uids.RT_PLAN_STORAGE);
        d.putString(Tag.SOPInstanceUID, uid(p.patientId(), "plan/" + n));
        d.putString(Tag.Modality, "RTPLAN");
        patient(d, p, study, frame, fmt(p.plans().get(0).date().minusDays(7)));
        d.putString(Tag.SeriesInstanceUID, uid(p.patientId(), "plan-series/" + n));
        d.putString(Tag.SeriesNumber, Integer.toString(10 + n));
        d.putString(Tag.InstanceNumber, "1");
        d.putString(Tag.RTPlanLabel, plan.label());
        d.putString(Tag.RTPlanName, plan.label());
        d.putString(Tag.RTPlanDate, fmt(plan.date()));
        d.putString(Tag.RTPlanTime, "120000");
        d.putString(Tag.RTPlanGeometry, "PATIENT");
        d.putString(Tag.PlanIntent, "CURATIVE");
        d.putString(Tag.ApprovalStatus, "APPROVED");
        DicomObject ref = d.addItem(Tag.ReferencedStructureSetSequence);
        ref.putString(Tag.ReferencedSOPClassUID, Uids.RT_STRUCTURE_SET_STORAGE);
        ref.putString(Tag.ReferencedSOPInstanceUID, rs);
        DicomObject dr = d.addItem(Tag.DoseReferenceSequence);
        dr.putString(Tag.DoseReferenceNumber, "1");
        dr.putString(Tag.DoseReferenceStructureType, "VOLUME");
        dr.putString(Tag.DoseReferenceType, "TARGET");
        dr.putDoubles(Tag.TargetPrescriptionDose, plan.rxGy());
        DicomObject fg = d.addItem(Tag.FractionGroupSequence);
        fg.putString(Tag.FractionGroupNumber, "1");
        fg.putString(Tag.NumberOfFractionsPlanned, Integer.toString(plan.fractions()));
        fg.putString(Tag.NumberOfBeams, "0");
        return d;
    }

    private static DicomObject dose(PatientSpec p, PlanSpec plan, int n, String study, String frame, String planUid) {
        Grid g = plan.doseGrid();
        double scale = plan.rxGy() / Phantom.RX_REFERENCE_GY;
        float[] v = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    v[g.index(i, j, k)] = (float) Phantom.dose(scale, w[0], w[1], w[2]);
                }
            }
        }
        PatientStudy ps = new PatientStudy("Demo^" + p.patientId(), p.patientId(), "19600101", "O", study,
                fmt(p.plans().get(0).date().minusDays(7)), "090000", "1", "", "", null);
        return new RtDoseWriter(ps, frame, new Volume(g, v, Quantity.DOSE_GY)).summation("PLAN", List.of(planUid))
                .uids(uid(p.patientId(), "dose-series/" + n), uid(p.patientId(), "dose/" + n))
                .series(20 + n, "dose of " + plan.label()).build();
    }

    static String fmt(LocalDate d) {
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
