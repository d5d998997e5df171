package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/**
 * Reads RT treatment record summaries. Attributes are taken where the RT Beams (Ion Beams) Session Record module puts
 * them: Current Fraction Number and Referenced Beam Number in each Treatment Session (Ion) Beam item, the delivered
 * meterset as that item's Delivered Primary Meterset (type 3) or the cumulative Delivered Meterset of its last
 * Control Point Delivery item (type 1); a fraction number or meterset at the top level or directly in the session
 * item (where some exporters write them) is read when the standard place is empty.
 */
public final class RtRecordReader {

    private RtRecordReader() {
    }

    public static RtRecord read(Path file) throws IOException {
        return from(DicomReader.readDataset(file), file.toString());
    }

    public static RtRecord from(DicomObject ds, String source) throws DicomException {
        RtSopClass.check(ds, source, "an RT treatment record", RtSopClass.RECORD,
                "RTRECORD".equals(ds.getString(Tag.Modality)));
        List<RtRecord.Session> sessions = new ArrayList<>();
        List<DicomObject> items = ds.contains(Tag.TreatmentSessionIonBeamSequence)
                ? ds.getSequence(Tag.TreatmentSessionIonBeamSequence) : ds.getSequence(Tag.TreatmentSessionBeamSequence);
        for (DicomObject s : items) {
            List<DicomObject> cps = s.contains(Tag.IonControlPointDeliverySequence)
                    ? s.getSequence(Tag.IonControlPointDeliverySequence)
                    : s.getSequence(Tag.ControlPointDeliverySequence);
            DicomObject firstCp = cps.isEmpty() ? null : cps.get(0);
            String date = firstCp == null ? null : firstCp.getString(Tag.TreatmentControlPointDate);
            String time = firstCp == null ? null : firstCp.getString(Tag.TreatmentControlPointTime);
            sessions.add(new RtRecord.Session(date != null ? date : ds.getString(Tag.TreatmentDate),
                    time != null ? time : ds.getString(Tag.TreatmentTime),
                    integer(s, Tag.CurrentFractionNumber) != null ? integer(s, Tag.CurrentFractionNumber)
                            : integer(ds, Tag.CurrentFractionNumber),
                    integer(s, Tag.ReferencedBeamNumber),
                    s.getString(Tag.BeamName), delivered(s, cps), s.getString(Tag.TreatmentTerminationStatus)));
        }
        DicomObject plan = ds.getItem(Tag.ReferencedRTPlanSequence);
        DicomObject machine = ds.getItem(Tag.TreatmentMachineSequence);
        return new RtRecord(ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SOPClassUID), ds.getString(Tag.PatientID),
                plan == null ? null : plan.getString(Tag.ReferencedSOPInstanceUID), ds.getString(Tag.TreatmentDate),
                sessions, machine == null ? null : machine.getString(Tag.TreatmentMachineName));
    }

    /** An integer attribute, or null when absent (a null-safe form: a conditional mixing int and null unboxes). */
    private static Integer integer(DicomObject o, int tag) {
        return o.contains(tag) && o.getInts(tag) != null && o.getInts(tag).length > 0 ? o.getInts(tag)[0] : null;
    }

    /** Delivered Primary Meterset, else the last control point's cumulative Delivered Meterset, else null. */
    private static Double delivered(DicomObject session, List<DicomObject> cps) {
        double v = session.getDouble(Tag.DeliveredPrimaryMeterset, Double.NaN);
        if (Double.isNaN(v)) {
            for (int i = cps.size() - 1; i >= 0 && Double.isNaN(v); i--) {
                v = cps.get(i).getDouble(Tag.DeliveredMeterset, Double.NaN);
            }
        }
        if (Double.isNaN(v)) {
            v = session.getDouble(Tag.DeliveredMeterset, Double.NaN);
        }
        return Double.isNaN(v) ? null : v;
    }
}
