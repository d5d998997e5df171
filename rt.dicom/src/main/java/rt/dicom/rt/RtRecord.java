package rt.dicom.rt;

import java.util.List;

/**
 * Summary of an RT treatment record (beams, ion beams, brachy or treatment summary record).
 *
 * @param sopClassUid     tells which kind of record
 * @param referencedPlanUid the treated RT Plan, or null
 * @param sessions        one entry per treatment session beam (date, fraction, beam, delivered meterset)
 */
public record RtRecord(String sopInstanceUid, String sopClassUid, String patientId, String referencedPlanUid,
        String treatmentDate, List<Session> sessions) {

    public RtRecord {
        sessions = List.copyOf(sessions);
    }

    /** One delivered beam of a session. */
    public record Session(String date, String time, Integer fractionNumber, Integer beamNumber, String beamName,
            Double deliveredMeterset, String terminationStatus) {
    }
}
