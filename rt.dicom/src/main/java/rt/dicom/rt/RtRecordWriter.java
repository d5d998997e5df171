package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;

/**
 * Builds an RT Beams Treatment Record of one treatment session (one fraction): the RT General Treatment Record,
 * RT Treatment Machine Record and RT Beams Session Record modules with one Treatment Session Beam item per delivered
 * photon beam, each with two Control Point Delivery items (start: meterset 0; end: the delivered meterset,
 * cumulative), jaws only. Enough for synthetic courses, not a full delivery log; dicom3tools' {@code dciodvfy} finds no
 * error in what it writes.
 *
 * <pre>{@code
 * String uid = new RtRecordWriter(patientStudy, planSopUid, "20240304", "081500", 1).machine("TB1")
 *         .addBeam(1, "G0", 120, 120).addBeam(2, "G180", 118, 117.5).write(Path.of("RT_RECORD.dcm"));
 * }</pre>
 */
public final class RtRecordWriter {

    private record BeamSpec(int number, String name, double specified, double delivered) {
    }

    private final PatientStudy patientStudy;
    private final String planSopInstanceUid;
    private final String date;
    private final String time;
    private final int fraction;
    private final List<BeamSpec> beams = new ArrayList<>();
    private final WriterSupport.Instance instance = new WriterSupport.Instance();
    private String machine = "LINAC";
    private Integer fractionsPlanned;

    /**
     * @param planSopInstanceUid the treated RT Plan (Referenced RT Plan Sequence), or null for none
     * @param treatmentDate      YYYYMMDD of the session
     * @param treatmentTime      HHMMSS of the session
     * @param fractionNumber     Current Fraction Number of the session (1-based)
     */
    public RtRecordWriter(PatientStudy patientStudy, String planSopInstanceUid, String treatmentDate,
            String treatmentTime, int fractionNumber) {
        WriterSupport.checkDate("treatment date", treatmentDate);
        WriterSupport.checkTime("treatment time", treatmentTime);
        if (fractionNumber < 1) {
            throw new IllegalArgumentException("fraction number must be at least 1: " + fractionNumber);
        }
        this.patientStudy = patientStudy;
        this.planSopInstanceUid = planSopInstanceUid;
        this.date = treatmentDate;
        this.time = treatmentTime;
        this.fraction = fractionNumber;
    }

    /** Treatment Machine Name (default LINAC). */
    public RtRecordWriter machine(String treatmentMachineName) {
        this.machine = treatmentMachineName;
        return this;
    }

    /** Number of Fractions Planned (type 2: written empty when not set). */
    public RtRecordWriter fractionsPlanned(int fractions) {
        this.fractionsPlanned = fractions;
        return this;
    }

    /** A delivered beam: the plan's Beam Number, its name, the specified and the delivered meterset (MU). */
    public RtRecordWriter addBeam(int beamNumber, String beamName, double specifiedMu, double deliveredMu) {
        beams.add(new BeamSpec(beamNumber, beamName, specifiedMu, deliveredMu));
        return this;
    }

    public RtRecordWriter series(int number, String description) {
        instance.series(number, description);
        return this;
    }

    public RtRecordWriter uids(String seriesUid, String sopUid) {
        instance.uids(seriesUid, sopUid);
        return this;
    }

    public String sopInstanceUid() {
        return instance.sopInstanceUid;
    }

    public String write(Path file) throws IOException {
        return instance.write(build(), file);
    }

    public DicomObject build() {
        if (beams.isEmpty()) {
            throw new IllegalStateException("a treatment session needs at least one beam");
        }
        DicomObject ds = instance.base(Uids.RT_BEAMS_TREATMENT_RECORD_STORAGE, patientStudy, "RTRECORD");
        // RT General Treatment Record
        ds.putInts(Tag.InstanceNumber, fraction);
        ds.putString(Tag.TreatmentDate, date);
        ds.putString(Tag.TreatmentTime, time);
        if (planSopInstanceUid != null) {
            DicomObject plan = ds.addItem(Tag.ReferencedRTPlanSequence);
            plan.putString(Tag.ReferencedSOPClassUID, Uids.RT_PLAN_STORAGE);
            plan.putString(Tag.ReferencedSOPInstanceUID, planSopInstanceUid);
        } else {
            ds.putSequence(Tag.ReferencedRTPlanSequence, List.of());
        }
        // RT Treatment Machine Record
        DicomObject m = ds.addItem(Tag.TreatmentMachineSequence);
        m.putString(Tag.TreatmentMachineName, machine);
        m.putString(Tag.Manufacturer);
        m.putString(Tag.InstitutionName);
        m.putString(Tag.ManufacturerModelName);
        m.putString(Tag.DeviceSerialNumber);
        // RT Beams Session Record
        if (fractionsPlanned != null) {
            ds.putInts(Tag.NumberOfFractionsPlanned, fractionsPlanned);
        } else {
            ds.putString(Tag.NumberOfFractionsPlanned);
        }
        ds.putString(Tag.PrimaryDosimeterUnit, "MU");
        for (BeamSpec b : beams) {
            DicomObject s = ds.addItem(Tag.TreatmentSessionBeamSequence);
            s.putString(Tag.BeamName, b.name);
            s.putString(Tag.BeamType, "STATIC");
            s.putString(Tag.RadiationType, "PHOTON");
            s.putInts(Tag.NumberOfWedges, 0);
            s.putInts(Tag.NumberOfCompensators, 0);
            s.putInts(Tag.NumberOfBoli, 0);
            s.putInts(Tag.NumberOfBlocks, 0);
            s.putInts(Tag.CurrentFractionNumber, fraction);
            s.putString(Tag.TreatmentDeliveryType, "TREATMENT");
            s.putString(Tag.TreatmentTerminationStatus, "NORMAL");
            // type 2, written empty: nothing verified this synthetic delivery (dciodvfy's table of the enumerated
            // values also lacks VERIFIED)
            s.putString(Tag.TreatmentVerificationStatus);
            s.putDoubles(Tag.SpecifiedPrimaryMeterset, b.specified);
            s.putDoubles(Tag.DeliveredPrimaryMeterset, b.delivered);
            s.putInts(Tag.ReferencedBeamNumber, b.number);
            for (String type : new String[] {"ASYMX", "ASYMY"}) {
                DicomObject dev = s.addItem(Tag.BeamLimitingDeviceLeafPairsSequence);
                dev.putString(Tag.RTBeamLimitingDeviceType, type);
                dev.putInts(Tag.NumberOfLeafJawPairs, 1);
            }
            s.putInts(Tag.NumberOfControlPoints, 2);
            for (int cp = 0; cp < 2; cp++) {
                DicomObject c = s.addItem(Tag.ControlPointDeliverySequence);
                c.putInts(Tag.ReferencedControlPointIndex, cp);
                c.putString(Tag.TreatmentControlPointDate, date);
                c.putString(Tag.TreatmentControlPointTime, time);
                c.putDoubles(Tag.SpecifiedMeterset, cp == 0 ? 0 : b.specified);
                c.putDoubles(Tag.DeliveredMeterset, cp == 0 ? 0 : b.delivered);
                c.putString(Tag.DoseRateSet);
                c.putString(Tag.DoseRateDelivered);
            }
        }
        return ds;
    }
}
