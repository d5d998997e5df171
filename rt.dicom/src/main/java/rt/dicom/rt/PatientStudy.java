package rt.dicom.rt;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;

/**
 * Patient and study attributes that every object a writer creates carries (Patient and General Study modules).
 * Dates are YYYYMMDD, times HHMMSS; null values are written empty (type 2).
 */
public record PatientStudy(String patientName, String patientId, String birthDate, String sex,
        String studyInstanceUid, String studyDate, String studyTime, String studyId, String accessionNumber,
        String referringPhysicianName, String studyDescription) {

    public PatientStudy {
        // Patient ID is type 2 (exports without one exist), Study Instance UID type 1
        patientId = patientId == null ? "" : patientId;
        if (studyInstanceUid == null || studyInstanceUid.isBlank()) {
            throw new IllegalArgumentException("a Study Instance UID is required");
        }
    }

    /** A new study for a patient, dated now, with a new Study Instance UID. */
    public static PatientStudy newStudy(String patientId, String patientName) {
        LocalDateTime now = LocalDateTime.now();
        return new PatientStudy(patientName, patientId, null, null, Uids.create(),
                now.format(DateTimeFormatter.BASIC_ISO_DATE), now.format(DateTimeFormatter.ofPattern("HHmmss")), "1",
                null, null, null);
    }

    /** The patient and study of an existing object (e.g. the planning CT's header). */
    public static PatientStudy of(DicomObject ds) {
        return new PatientStudy(ds.getString(Tag.PatientName), ds.getString(Tag.PatientID),
                ds.getString(Tag.PatientBirthDate), ds.getString(Tag.PatientSex), ds.getString(Tag.StudyInstanceUID),
                ds.getString(Tag.StudyDate), ds.getString(Tag.StudyTime), ds.getString(Tag.StudyID),
                ds.getString(Tag.AccessionNumber), ds.getString(Tag.ReferringPhysicianName),
                ds.getString(Tag.StudyDescription));
    }

    /** A copy with another study date and time. */
    public PatientStudy withStudyDate(String date, String time) {
        return new PatientStudy(patientName, patientId, birthDate, sex, studyInstanceUid, date, time, studyId,
                accessionNumber, referringPhysicianName, studyDescription);
    }

    /** Writes the Patient and General Study attributes into a data set. */
    public void applyTo(DicomObject ds) {
        ds.putString(Tag.PatientName, patientName);
        ds.putString(Tag.PatientID, patientId);
        ds.putString(Tag.PatientBirthDate, birthDate);
        ds.putString(Tag.PatientSex, sex);
        ds.putString(Tag.StudyInstanceUID, studyInstanceUid);
        ds.putString(Tag.StudyDate, studyDate);
        ds.putString(Tag.StudyTime, studyTime);
        ds.putString(Tag.StudyID, studyId);
        ds.putString(Tag.AccessionNumber, accessionNumber);
        ds.putString(Tag.ReferringPhysicianName, referringPhysicianName);
        if (studyDescription != null) {
            ds.putString(Tag.StudyDescription, studyDescription);
        }
    }
}
