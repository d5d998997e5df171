package rt.dicom.rt;

import java.util.Map;
import java.util.Set;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;

/**
 * Routes RT objects by SOP Class UID, which is authoritative: some systems write a wrong Modality (e.g. a structure
 * set exported with Modality CT). The readers accept a data set whose SOP Class is theirs whatever its Modality,
 * reject one whose SOP Class is another with a message naming both, and fall back to Modality and content only when
 * the SOP Class UID is missing.
 */
public final class RtSopClass {

    /** RT Structure Set Storage. */
    public static final Set<String> STRUCTURE_SET = Set.of(Uids.RT_STRUCTURE_SET_STORAGE);
    /** RT Dose Storage. */
    public static final Set<String> DOSE = Set.of(Uids.RT_DOSE_STORAGE);
    /** RT Plan and RT Ion Plan Storage. */
    public static final Set<String> PLAN = Set.of(Uids.RT_PLAN_STORAGE, Uids.RT_ION_PLAN_STORAGE);
    /** RT Beams, Brachy, Ion Beams Treatment Record and Treatment Summary Record Storage. */
    public static final Set<String> RECORD = Set.of(Uids.RT_BEAMS_TREATMENT_RECORD_STORAGE,
            Uids.RT_BRACHY_TREATMENT_RECORD_STORAGE, Uids.RT_TREATMENT_SUMMARY_RECORD_STORAGE,
            Uids.RT_ION_BEAMS_TREATMENT_RECORD_STORAGE);

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(Uids.CT_IMAGE_STORAGE, "CT Image Storage"),
            Map.entry(Uids.ENHANCED_CT_IMAGE_STORAGE, "Enhanced CT Image Storage"),
            Map.entry(Uids.MR_IMAGE_STORAGE, "MR Image Storage"),
            Map.entry(Uids.PET_IMAGE_STORAGE, "PET Image Storage"),
            Map.entry(Uids.RT_IMAGE_STORAGE, "RT Image Storage"),
            Map.entry(Uids.RT_DOSE_STORAGE, "RT Dose Storage"),
            Map.entry(Uids.RT_STRUCTURE_SET_STORAGE, "RT Structure Set Storage"),
            Map.entry(Uids.RT_BEAMS_TREATMENT_RECORD_STORAGE, "RT Beams Treatment Record Storage"),
            Map.entry(Uids.RT_PLAN_STORAGE, "RT Plan Storage"),
            Map.entry(Uids.RT_BRACHY_TREATMENT_RECORD_STORAGE, "RT Brachy Treatment Record Storage"),
            Map.entry(Uids.RT_TREATMENT_SUMMARY_RECORD_STORAGE, "RT Treatment Summary Record Storage"),
            Map.entry(Uids.RT_ION_PLAN_STORAGE, "RT Ion Plan Storage"),
            Map.entry(Uids.RT_ION_BEAMS_TREATMENT_RECORD_STORAGE, "RT Ion Beams Treatment Record Storage"),
            Map.entry(Uids.SPATIAL_REGISTRATION_STORAGE, "Spatial Registration Storage"),
            Map.entry(Uids.DEFORMABLE_SPATIAL_REGISTRATION_STORAGE, "Deformable Spatial Registration Storage"));

    private RtSopClass() {
    }

    /**
     * RTSTRUCT, RTDOSE, RTPLAN or RTRECORD when the SOP Class UID says so; otherwise the Modality (may be null).
     */
    public static String kindOf(DicomObject ds) {
        String sop = ds.getString(Tag.SOPClassUID);
        if (sop != null) {
            if (STRUCTURE_SET.contains(sop)) {
                return "RTSTRUCT";
            }
            if (DOSE.contains(sop)) {
                return "RTDOSE";
            }
            if (PLAN.contains(sop)) {
                return "RTPLAN";
            }
            if (RECORD.contains(sop)) {
                return "RTRECORD";
            }
        }
        return ds.getString(Tag.Modality);
    }

    /** The SOP Class UID and its name where known, e.g. {@code 1.2.840.10008.5.1.4.1.1.2 (CT Image Storage)}. */
    public static String describe(String sopClassUid) {
        String name = NAMES.get(sopClassUid);
        return name == null ? sopClassUid : sopClassUid + " (" + name + ")";
    }

    /**
     * Checks that a data set is of one of the expected SOP Classes; without a SOP Class UID, {@code fallback} (a
     * Modality or content test) decides.
     *
     * @param what for the message, e.g. "an RT Structure Set"
     * @throws DicomException naming the source, the SOP Class found and the Modality
     */
    static void check(DicomObject ds, String source, String what, Set<String> expected, boolean fallback)
            throws DicomException {
        String sop = ds.getString(Tag.SOPClassUID);
        String modality = ds.getString(Tag.Modality);
        if (sop != null && !sop.isEmpty()) {
            if (!expected.contains(sop)) {
                throw new DicomException(source + ": not " + what + ": SOP Class " + describe(sop) + " (Modality "
                        + modality + ")");
            }
        } else if (!fallback) {
            throw new DicomException(source + ": not " + what + " (no SOP Class UID, Modality " + modality + ")");
        }
    }
}
