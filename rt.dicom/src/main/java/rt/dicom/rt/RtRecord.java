package rt.dicom.rt;

import java.util.List;

/**
 * Summary of an RT treatment record (beams, ion beams, brachy or treatment summary record).
 *
 * @param sopClassUid     tells which kind of record
 * @param referencedPlanUid the treated RT Plan, or null
 * @param treatmentDate   Treatment Date (3008,0250) of the RT General Treatment Record module, or null
 * @param sessions        one entry per treatment session beam (date, fraction, beam, delivered meterset)
 * @param treatmentMachine Treatment Machine Name of the Treatment Machine Sequence (RT Treatment Machine Record
 *                        module), or null
 */
public record RtRecord(String sopInstanceUid, String sopClassUid, String patientId, String referencedPlanUid,
        String treatmentDate, List<Session> sessions, String treatmentMachine) {

    public RtRecord {
        sessions = List.copyOf(sessions);
    }

    /** A record without a treatment machine (the form of package version 1.1). */
    public RtRecord(String sopInstanceUid, String sopClassUid, String patientId, String referencedPlanUid,
            String treatmentDate, List<Session> sessions) {
        this(sopInstanceUid, sopClassUid, patientId, referencedPlanUid, treatmentDate, sessions, null);
    }

    /**
     * One delivered beam of a session.
     *
     * @param deliveredMeterset what the beam delivered: Delivered Primary Meterset of the session beam, else the
     *                          Delivered Meterset of its last delivered control point (cumulative), else null
     */
    public record Session(String date, String time, Integer fractionNumber, Integer beamNumber, String beamName,
            Double deliveredMeterset, String terminationStatus) {
    }
}
