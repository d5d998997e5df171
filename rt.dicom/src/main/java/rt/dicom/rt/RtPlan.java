package rt.dicom.rt;

import java.util.List;

/**
 * Summary of an RT Plan (or RT Ion Plan).
 *
 * @param date               RT Plan Date (YYYYMMDD) or null
 * @param fractions          Number of Fractions Planned of the first fraction group, or null
 * @param prescriptionGy     total prescription: the largest Target Prescription Dose of a TARGET dose reference,
 *                           else the sum over fraction groups of (beam doses × fractions), else null
 * @param referencedStructureSetUid SOP Instance UID of the referenced RT Structure Set, or null
 */
public record RtPlan(String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, String patientId,
        String frameOfReferenceUid, String label, String name, String date, String time, String intent,
        String approvalStatus, Integer fractions, Double prescriptionGy, List<DoseReference> doseReferences,
        List<FractionGroup> fractionGroups, List<Beam> beams, String referencedStructureSetUid) {

    public RtPlan {
        doseReferences = List.copyOf(doseReferences);
        fractionGroups = List.copyOf(fractionGroups);
        beams = List.copyOf(beams);
    }

    /** A Dose Reference item; doses in Gy, null when absent. */
    public record DoseReference(int number, String structureType, String type, String description,
            Integer referencedRoiNumber, Double targetPrescriptionGy, Double deliveryMaximumGy) {
    }

    /** A fraction group: fractions planned and per-beam meterset and dose (Gy per fraction). */
    public record FractionGroup(int number, Integer fractionsPlanned, List<BeamReference> beams) {
        public FractionGroup {
            beams = List.copyOf(beams);
        }
    }

    /** A beam of a fraction group. */
    public record BeamReference(int beamNumber, Double meterset, Double doseGy) {
    }

    /** A beam: number, name, type (STATIC/DYNAMIC), radiation type, machine, nominal energy of the first control
     * point (MeV or MV as stored), gantry angle of the first control point, number of control points. */
    public record Beam(int number, String name, String type, String radiationType, String machine,
            String deliveryType, Double nominalEnergy, Double gantryAngle, int controlPoints) {
    }
}
