package rt.dicom.rt;

import java.util.List;
import java.util.Optional;

/**
 * An RT Structure Set.
 *
 * @param frameOfReferenceUid  the (first) Referenced Frame of Reference UID of the structure set
 * @param referencedSeriesUid  the (first) referenced image series, or null
 */
public record RtStruct(String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, String patientId,
        String label, String frameOfReferenceUid, String referencedSeriesUid, List<Roi> rois) {

    public RtStruct {
        rois = rois == null ? List.of() : List.copyOf(rois);
    }

    /** The first ROI with this name (case-sensitive). */
    public Optional<Roi> roi(String name) {
        return rois.stream().filter(r -> r.name() != null && r.name().equals(name)).findFirst();
    }

    /** The ROI with this number. */
    public Optional<Roi> roi(int number) {
        return rois.stream().filter(r -> r.number() == number).findFirst();
    }
}
