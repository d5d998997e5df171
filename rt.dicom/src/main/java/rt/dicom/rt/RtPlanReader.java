package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/** Reads RT Plan / RT Ion Plan summaries. */
public final class RtPlanReader {

    private RtPlanReader() {
    }

    public static RtPlan read(Path file) throws IOException {
        return from(DicomReader.readDataset(file), file.toString());
    }

    public static RtPlan from(DicomObject ds, String source) throws DicomException {
        RtSopClass.check(ds, source, "an RT Plan", RtSopClass.PLAN,
                "RTPLAN".equals(ds.getString(Tag.Modality)) || ds.contains(Tag.RTPlanLabel));
        List<RtPlan.DoseReference> refs = new ArrayList<>();
        Double prescription = null;
        for (DicomObject d : ds.getSequence(Tag.DoseReferenceSequence)) {
            Double target = optional(d, Tag.TargetPrescriptionDose);
            String type = d.getString(Tag.DoseReferenceType);
            refs.add(new RtPlan.DoseReference(d.getInt(Tag.DoseReferenceNumber, 0),
                    d.getString(Tag.DoseReferenceStructureType), type, d.getString(Tag.DoseReferenceDescription),
                    d.contains(Tag.ReferencedROINumber) ? d.getInt(Tag.ReferencedROINumber, 0) : null, target,
                    optional(d, Tag.DeliveryMaximumDose)));
            if (target != null && !"ORGAN_AT_RISK".equals(type) && (prescription == null || target > prescription)) {
                prescription = target;
            }
        }
        List<RtPlan.FractionGroup> groups = new ArrayList<>();
        double beamDoseSum = 0;
        boolean anyBeamDose = false;
        for (DicomObject fg : ds.getSequence(Tag.FractionGroupSequence)) {
            Integer planned = fg.contains(Tag.NumberOfFractionsPlanned)
                    ? fg.getInt(Tag.NumberOfFractionsPlanned, 0) : null;
            List<RtPlan.BeamReference> beams = new ArrayList<>();
            for (DicomObject rb : fg.getSequence(Tag.ReferencedBeamSequence)) {
                Double dose = optional(rb, Tag.BeamDose);
                beams.add(new RtPlan.BeamReference(rb.getInt(Tag.ReferencedBeamNumber, 0),
                        optional(rb, Tag.BeamMeterset), dose));
                if (dose != null && planned != null) {
                    beamDoseSum += dose * planned;
                    anyBeamDose = true;
                }
            }
            groups.add(new RtPlan.FractionGroup(fg.getInt(Tag.FractionGroupNumber, 0), planned, beams));
        }
        if (prescription == null && anyBeamDose) {
            prescription = beamDoseSum;
        }
        List<RtPlan.Beam> beams = new ArrayList<>();
        List<DicomObject> beamItems = ds.contains(Tag.IonBeamSequence) ? ds.getSequence(Tag.IonBeamSequence)
                : ds.getSequence(Tag.BeamSequence);
        for (DicomObject b : beamItems) {
            List<DicomObject> cps = b.contains(Tag.IonControlPointSequence)
                    ? b.getSequence(Tag.IonControlPointSequence) : b.getSequence(Tag.ControlPointSequence);
            DicomObject cp0 = cps.isEmpty() ? null : cps.get(0);
            beams.add(new RtPlan.Beam(b.getInt(Tag.BeamNumber, 0), b.getString(Tag.BeamName),
                    b.getString(Tag.BeamType), b.getString(Tag.RadiationType), b.getString(Tag.TreatmentMachineName),
                    b.getString(Tag.TreatmentDeliveryType), cp0 == null ? null : optional(cp0, Tag.NominalBeamEnergy),
                    cp0 == null ? null : optional(cp0, Tag.GantryAngle), cps.size()));
        }
        DicomObject rs = ds.getItem(Tag.ReferencedStructureSetSequence);
        Integer fractions = groups.isEmpty() ? null : groups.get(0).fractionsPlanned();
        return new RtPlan(ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesInstanceUID),
                ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.PatientID), ds.getString(Tag.FrameOfReferenceUID),
                ds.getString(Tag.RTPlanLabel), ds.getString(Tag.RTPlanName), ds.getString(Tag.RTPlanDate),
                ds.getString(Tag.RTPlanTime), ds.getString(Tag.PlanIntent), ds.getString(Tag.ApprovalStatus),
                fractions, prescription, refs, groups, beams,
                rs == null ? null : rs.getString(Tag.ReferencedSOPInstanceUID));
    }

    private static Double optional(DicomObject o, int tag) {
        double v = o.getDouble(tag, Double.NaN);
        return Double.isNaN(v) ? null : v;
    }
}
