package rt.dicom.rt;

import rt.dicom.DicomObject;
import rt.dicom.Tag;

/**
 * Attributes read from where the DICOM IODs put them (PS3.3), with the places vendors commonly use instead as
 * fallbacks. Readers and checks use these rather than assuming the layout of our own writers.
 */
public final class IodAttributes {

    private IodAttributes() {
    }

    /**
     * The frame of reference of an object. Images, RT Dose, RT Plan and Spatial Registration carry the Frame of
     * Reference module at the top level (0020,0052). An RT Structure Set's frame is in the Referenced Frame of
     * Reference Sequence (3006,0010) > (0020,0052) and per ROI in the Structure Set ROI Sequence (3006,0020) >
     * Referenced Frame of Reference UID (3006,0024); the top-level module came to the RT Structure Set IOD only in
     * later editions, so many real exports (and dicompyler-core's test export) carry the frame only in those
     * sequences. They are read in that order, the top level last. Null when no place has one.
     */
    public static String frameOfReferenceUid(DicomObject ds) {
        String top = nonBlank(ds.getString(Tag.FrameOfReferenceUID));
        if (!"RTSTRUCT".equals(RtSopClass.kindOf(ds))) {
            return top;
        }
        for (DicomObject item : ds.getSequence(Tag.ReferencedFrameOfReferenceSequence)) {
            String uid = nonBlank(item.getString(Tag.FrameOfReferenceUID));
            if (uid != null) {
                return uid;
            }
        }
        for (DicomObject roi : ds.getSequence(Tag.StructureSetROISequence)) {
            String uid = nonBlank(roi.getString(Tag.ReferencedFrameOfReferenceUID));
            if (uid != null) {
                return uid;
            }
        }
        return top;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
