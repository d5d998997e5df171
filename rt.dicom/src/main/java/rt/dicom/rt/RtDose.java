package rt.dicom.rt;

import java.util.List;
import rt.api.image.Volume;

/**
 * An RT Dose grid in Gy.
 *
 * @param volume            dose in Gy (pixel values × DoseGridScaling) on a grid whose k axis is the frame normal
 * @param doseUnits         Dose Units as found (GY, RELATIVE, …); values are scaled the same way in every case
 * @param doseType          PHYSICAL, EFFECTIVE, ERROR
 * @param summationType     PLAN, MULTI_PLAN, FRACTION, BEAM, BRACHY, …
 * @param referencedPlanUids SOP Instance UIDs of the referenced RT Plans
 * @param warnings          non-uniform frame spacing etc.
 */
public record RtDose(Volume volume, String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid,
        String patientId, String frameOfReferenceUid, String doseUnits, String doseType, String summationType,
        List<String> referencedPlanUids, List<String> warnings) {

    public RtDose {
        referencedPlanUids = List.copyOf(referencedPlanUids);
        warnings = List.copyOf(warnings);
    }

    /** The maximum dose in Gy. */
    public double maxGy() {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : volume.voxels()) {
            max = Math.max(max, v);
        }
        return max;
    }
}
