package rt.dvh.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import rt.course.CtCrop;
import rt.dicom.rt.Contour;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;

/**
 * A structure set clipped to the slab of CT slices {@code crop_ct} kept ({@code dvh.use_cropped_ct}, upstream's
 * {@code use_cropped_for_dvh}): each ROI keeps its contour planes inside the slab, so BODY and long organs have the same
 * extent in every course of a cohort; the DVH model's end caps then reach the slab's faces (half a CT slice beyond the
 * outermost kept planes).
 *
 * @param structures the clipped set
 * @param cropped    numbers of the ROIs that lost contour planes
 * @param emptied    numbers of the ROIs that lay wholly outside the slab
 */
record CropClip(RtStruct structures, Set<Integer> cropped, Set<Integer> emptied) {

    static CropClip of(RtStruct rs, CtCrop crop) {
        List<Roi> rois = new ArrayList<>();
        Set<Integer> cropped = new HashSet<>();
        Set<Integer> emptied = new HashSet<>();
        for (Roi roi : rs.rois()) {
            List<Contour> kept = new ArrayList<>();
            boolean closed = false;
            for (Contour c : roi.contours()) {
                boolean isClosed = c.type() != null && c.type().isClosed();
                closed |= isClosed;
                if (!isClosed || crop.contains(c.z())) {
                    kept.add(c);
                }
            }
            if (kept.size() < roi.contours().size()) {
                cropped.add(roi.number());
                if (closed && kept.stream().noneMatch(c -> c.type() != null && c.type().isClosed())) {
                    emptied.add(roi.number());
                }
            }
            rois.add(new Roi(roi.number(), roi.name(), roi.interpretedType(), roi.color(), roi.frameOfReferenceUid(),
                    roi.generationAlgorithm(), kept));
        }
        RtStruct clipped = new RtStruct(rs.sopInstanceUid(), rs.seriesInstanceUid(), rs.studyInstanceUid(),
                rs.patientId(), rs.label(), rs.frameOfReferenceUid(), rs.referencedSeriesUid(), rois);
        return new CropClip(clipped, cropped, emptied);
    }
}
