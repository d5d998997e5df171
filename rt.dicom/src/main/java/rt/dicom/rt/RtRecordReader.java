package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/** Reads RT treatment record summaries. */
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
            double delivered = s.getDouble(Tag.DeliveredMeterset, Double.NaN);
            sessions.add(new RtRecord.Session(date != null ? date : ds.getString(Tag.TreatmentDate),
                    time != null ? time : ds.getString(Tag.TreatmentTime),
                    s.contains(Tag.CurrentFractionNumber) ? s.getInt(Tag.CurrentFractionNumber, 0)
                            : ds.contains(Tag.CurrentFractionNumber) ? ds.getInt(Tag.CurrentFractionNumber, 0) : null,
                    s.contains(Tag.ReferencedBeamNumber) ? s.getInt(Tag.ReferencedBeamNumber, 0) : null,
                    s.getString(Tag.BeamName), Double.isNaN(delivered) ? null : delivered,
                    s.getString(Tag.TreatmentTerminationStatus)));
        }
        DicomObject plan = ds.getItem(Tag.ReferencedRTPlanSequence);
        return new RtRecord(ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SOPClassUID), ds.getString(Tag.PatientID),
                plan == null ? null : plan.getString(Tag.ReferencedSOPInstanceUID), ds.getString(Tag.TreatmentDate),
                sessions);
    }
}
