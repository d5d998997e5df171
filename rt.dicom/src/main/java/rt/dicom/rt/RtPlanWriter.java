package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;

/**
 * Builds a simple photon RT Plan: one fraction group, static open beams (jaws only, two control points each), a
 * target dose reference carrying the prescription, and a reference to the structure set. Enough for synthetic
 * courses; not a deliverable plan.
 *
 * <pre>{@code
 * String uid = new RtPlanWriter(patientStudy, forUid, "BREAST_L")
 *         .prescription(50.0, 25, ptvRoiNumber).structureSet(rtstructSopUid)
 *         .addBeam("G0", 0, 120, 6).addBeam("G180", 180, 118, 6)
 *         .write(Path.of("RP.dcm"));
 * }</pre>
 */
public final class RtPlanWriter {

    private record BeamSpec(String name, double gantryAngle, double meterset, double energyMv) {
    }

    private final PatientStudy patientStudy;
    private final String frameOfReferenceUid;
    private final String label;
    private final List<BeamSpec> beams = new ArrayList<>();
    private String name;
    private String date = WriterSupport.today();
    private String time = WriterSupport.now();
    private String intent = "CURATIVE";
    private double prescriptionGy = Double.NaN;
    private int fractions = 1;
    private Integer targetRoiNumber;
    private String structureSetUid;
    private String machine = "LINAC";
    private double[] isocenter = {0, 0, 0};
    private final WriterSupport.Instance instance = new WriterSupport.Instance();
    private String approvalStatus = "UNAPPROVED";
    private String reviewDate;
    private String reviewTime;
    private String reviewerName;

    /** @param label RT Plan Label (at most 16 characters) */
    public RtPlanWriter(PatientStudy patientStudy, String frameOfReferenceUid, String label) {
        this.patientStudy = patientStudy;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.label = label;
    }

    public RtPlanWriter name(String planName) {
        this.name = planName;
        return this;
    }

    /** RT Plan Date (YYYYMMDD) and Time (HHMMSS), default now. */
    public RtPlanWriter dateTime(String planDate, String planTime) {
        this.date = planDate;
        this.time = planTime;
        return this;
    }

    /** CURATIVE (default), PALLIATIVE, … */
    public RtPlanWriter intent(String planIntent) {
        this.intent = planIntent;
        return this;
    }

    /** Total prescription in Gy over {@code fractionCount} fractions to the target ROI (may be null). */
    public RtPlanWriter prescription(double totalGy, int fractionCount, Integer targetRoi) {
        this.prescriptionGy = totalGy;
        this.fractions = fractionCount;
        this.targetRoiNumber = targetRoi;
        return this;
    }

    /** The RT Structure Set the plan refers to. */
    public RtPlanWriter structureSet(String rtstructSopInstanceUid) {
        this.structureSetUid = rtstructSopInstanceUid;
        return this;
    }

    public RtPlanWriter machine(String treatmentMachineName) {
        this.machine = treatmentMachineName;
        return this;
    }

    public RtPlanWriter isocenter(double x, double y, double z) {
        this.isocenter = new double[] {x, y, z};
        return this;
    }

    /** Adds a static photon beam. */
    public RtPlanWriter addBeam(String beamName, double gantryAngle, double meterset, double energyMv) {
        beams.add(new BeamSpec(beamName, gantryAngle, meterset, energyMv));
        return this;
    }

    /** Series Number (default 1) and Series Description (default none). */
    public RtPlanWriter series(int number, String description) {
        instance.series(number, description);
        return this;
    }

    /**
     * Approval Status (UNAPPROVED, the default; APPROVED; REJECTED). For APPROVED and REJECTED the standard requires
     * Review Date (YYYYMMDD), Review Time (HHMMSS) and Reviewer Name (Type 2C; null values are written empty); for
     * UNAPPROVED they are not written.
     */
    public RtPlanWriter approval(String status, String reviewDate, String reviewTime, String reviewer) {
        if (!"APPROVED".equals(status) && !"UNAPPROVED".equals(status) && !"REJECTED".equals(status)) {
            throw new IllegalArgumentException("approval status must be APPROVED, UNAPPROVED or REJECTED: " + status);
        }
        if (reviewDate != null) {
            WriterSupport.checkDate("review date", reviewDate);
        }
        if (reviewTime != null) {
            WriterSupport.checkTime("review time", reviewTime);
        }
        this.approvalStatus = status;
        this.reviewDate = reviewDate;
        this.reviewTime = reviewTime;
        this.reviewerName = reviewer;
        return this;
    }

    public RtPlanWriter uids(String seriesUid, String sopUid) {
        instance.uids(seriesUid, sopUid);
        return this;
    }

    /**
     * Instance Creation Date (YYYYMMDD) and Time (HHMMSS) written into the plan,
     * for reproducible output (default: the time of {@code build()}).
     */
    public RtPlanWriter creationDateTime(String date, String time) {
        instance.creationDateTime(date, time);
        return this;
    }

    public String sopInstanceUid() {
        return instance.sopInstanceUid;
    }

    public String write(Path file) throws IOException {
        return instance.write(build(), file);
    }

    public DicomObject build() {
        DicomObject ds = instance.base(Uids.RT_PLAN_STORAGE, patientStudy, "RTPLAN");
        WriterSupport.frameOfReference(ds, frameOfReferenceUid);
        ds.putInts(Tag.InstanceNumber, 1);
        ds.putString(Tag.RTPlanLabel, label);
        if (name != null) {
            ds.putString(Tag.RTPlanName, name);
        }
        ds.putString(Tag.RTPlanDate, date);
        ds.putString(Tag.RTPlanTime, time);
        ds.putString(Tag.PlanIntent, intent);
        if (structureSetUid != null) {
            ds.putString(Tag.RTPlanGeometry, "PATIENT");
            DicomObject rs = ds.addItem(Tag.ReferencedStructureSetSequence);
            rs.putString(Tag.ReferencedSOPClassUID, Uids.RT_STRUCTURE_SET_STORAGE);
            rs.putString(Tag.ReferencedSOPInstanceUID, structureSetUid);
        } else {
            ds.putString(Tag.RTPlanGeometry, "TREATMENT_DEVICE");
        }
        if (!Double.isNaN(prescriptionGy)) {
            DicomObject dr = ds.addItem(Tag.DoseReferenceSequence);
            dr.putInts(Tag.DoseReferenceNumber, 1);
            dr.putString(Tag.DoseReferenceUID, Uids.fromName(instance.sopInstanceUid + "/dr1"));
            if (targetRoiNumber != null && structureSetUid != null) {
                dr.putString(Tag.DoseReferenceStructureType, "VOLUME");
                dr.putInts(Tag.ReferencedROINumber, targetRoiNumber);
            } else {
                dr.putString(Tag.DoseReferenceStructureType, "SITE");
            }
            dr.putString(Tag.DoseReferenceDescription, "Target");
            dr.putString(Tag.DoseReferenceType, "TARGET");
            dr.putDoubles(Tag.TargetPrescriptionDose, prescriptionGy);
        }
        DicomObject fg = ds.addItem(Tag.FractionGroupSequence);
        fg.putInts(Tag.FractionGroupNumber, 1);
        fg.putInts(Tag.NumberOfFractionsPlanned, fractions);
        fg.putInts(Tag.NumberOfBeams, beams.size());
        fg.putInts(Tag.NumberOfBrachyApplicationSetups, 0);
        double perFraction = Double.isNaN(prescriptionGy) ? Double.NaN : prescriptionGy / fractions;
        for (int b = 0; b < beams.size(); b++) {
            DicomObject rb = fg.addItem(Tag.ReferencedBeamSequence);
            if (!Double.isNaN(perFraction)) {
                rb.putDoubles(Tag.BeamDose, perFraction / beams.size());
            }
            rb.putDoubles(Tag.BeamMeterset, beams.get(b).meterset);
            rb.putInts(Tag.ReferencedBeamNumber, b + 1);
        }
        for (int b = 0; b < beams.size(); b++) {
            BeamSpec spec = beams.get(b);
            DicomObject beam = ds.addItem(Tag.BeamSequence);
            beam.putString(Tag.PrimaryDosimeterUnit, "MU");
            beam.putString(Tag.TreatmentMachineName, machine);
            beam.putDoubles(Tag.SourceAxisDistance, 1000);
            for (String type : new String[] {"ASYMX", "ASYMY"}) {
                DicomObject dev = beam.addItem(Tag.BeamLimitingDeviceSequence);
                dev.putString(Tag.RTBeamLimitingDeviceType, type);
                dev.putInts(Tag.NumberOfLeafJawPairs, 1);
            }
            beam.putInts(Tag.BeamNumber, b + 1);
            beam.putString(Tag.BeamName, spec.name);
            beam.putString(Tag.BeamType, "STATIC");
            beam.putString(Tag.RadiationType, "PHOTON");
            beam.putString(Tag.TreatmentDeliveryType, "TREATMENT");
            beam.putInts(Tag.NumberOfWedges, 0);
            beam.putInts(Tag.NumberOfCompensators, 0);
            beam.putInts(Tag.NumberOfBoli, 0);
            beam.putInts(Tag.NumberOfBlocks, 0);
            beam.putDoubles(Tag.FinalCumulativeMetersetWeight, 1);
            beam.putInts(Tag.NumberOfControlPoints, 2);
            beam.putInts(Tag.ReferencedPatientSetupNumber, 1);
            for (int cp = 0; cp < 2; cp++) {
                DicomObject c = beam.addItem(Tag.ControlPointSequence);
                c.putInts(Tag.ControlPointIndex, cp);
                if (cp == 0) {
                    c.putDoubles(Tag.NominalBeamEnergy, spec.energyMv);
                    for (String type : new String[] {"ASYMX", "ASYMY"}) {
                        DicomObject pos = c.addItem(Tag.BeamLimitingDevicePositionSequence);
                        pos.putString(Tag.RTBeamLimitingDeviceType, type);
                        pos.putDoubles(Tag.LeafJawPositions, -50, 50);
                    }
                    c.putDoubles(Tag.GantryAngle, spec.gantryAngle);
                    c.putString(Tag.GantryRotationDirection, "NONE");
                    c.putDoubles(Tag.BeamLimitingDeviceAngle, 0);
                    c.putString(Tag.BeamLimitingDeviceRotationDirection, "NONE");
                    c.putDoubles(Tag.PatientSupportAngle, 0);
                    c.putString(Tag.PatientSupportRotationDirection, "NONE");
                    c.putDoubles(Tag.TableTopEccentricAngle, 0);
                    c.putString(Tag.TableTopEccentricRotationDirection, "NONE");
                    c.putDoubles(Tag.IsocenterPosition, isocenter);
                    c.putDoubles(Tag.CumulativeMetersetWeight, 0);
                } else {
                    c.putDoubles(Tag.CumulativeMetersetWeight, 1);
                }
            }
        }
        DicomObject setup = ds.addItem(Tag.PatientSetupSequence);
        setup.putString(Tag.PatientPosition, "HFS");
        setup.putInts(Tag.PatientSetupNumber, 1);
        ds.putString(Tag.ApprovalStatus, approvalStatus);
        if (!"UNAPPROVED".equals(approvalStatus)) {
            ds.putString(Tag.ReviewDate, reviewDate);
            ds.putString(Tag.ReviewTime, reviewTime);
            ds.putString(Tag.ReviewerName, reviewerName);
        }
        return ds;
    }
}
