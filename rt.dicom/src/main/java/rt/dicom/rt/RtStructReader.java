package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/** Reads RT Structure Sets into {@link RtStruct}. */
public final class RtStructReader {

    private RtStructReader() {
    }

    public static RtStruct read(Path file) throws IOException {
        return from(DicomReader.readDataset(file), file.toString());
    }

    /** Interprets a data set; {@code source} names it in error messages. */
    public static RtStruct from(DicomObject ds, String source) throws DicomException {
        RtSopClass.check(ds, source, "an RT Structure Set", RtSopClass.STRUCTURE_SET,
                "RTSTRUCT".equals(ds.getString(Tag.Modality)) || ds.contains(Tag.StructureSetROISequence));
        Map<Integer, List<Contour>> contoursByRoi = new HashMap<>();
        Map<Integer, int[]> colorByRoi = new HashMap<>();
        for (DicomObject rc : ds.getSequence(Tag.ROIContourSequence)) {
            int number = rc.getInt(Tag.ReferencedROINumber, Integer.MIN_VALUE);
            int[] color = rc.getInts(Tag.ROIDisplayColor);
            if (color != null && color.length == 3) {
                colorByRoi.put(number, color);
            }
            List<Contour> contours = contoursByRoi.computeIfAbsent(number, n -> new ArrayList<>());
            for (DicomObject c : rc.getSequence(Tag.ContourSequence)) {
                contours.add(contour(c, source, number));
            }
        }
        Map<Integer, String> typeByRoi = new HashMap<>();
        for (DicomObject obs : ds.getSequence(Tag.RTROIObservationsSequence)) {
            typeByRoi.putIfAbsent(obs.getInt(Tag.ReferencedROINumber, Integer.MIN_VALUE),
                    obs.getString(Tag.RTROIInterpretedType));
        }
        List<Roi> rois = new ArrayList<>();
        for (DicomObject r : ds.getSequence(Tag.StructureSetROISequence)) {
            int number = r.getInt(Tag.ROINumber, Integer.MIN_VALUE);
            rois.add(new Roi(number, r.getString(Tag.ROIName), typeByRoi.get(number), colorByRoi.get(number),
                    r.getString(Tag.ReferencedFrameOfReferenceUID), r.getString(Tag.ROIGenerationAlgorithm),
                    contoursByRoi.getOrDefault(number, List.of())));
        }
        DicomObject refFor = ds.getItem(Tag.ReferencedFrameOfReferenceSequence);
        String forUid = IodAttributes.frameOfReferenceUid(ds);
        String refSeries = null;
        if (refFor != null) {
            DicomObject study = refFor.getItem(Tag.RTReferencedStudySequence);
            DicomObject series = study == null ? null : study.getItem(Tag.RTReferencedSeriesSequence);
            refSeries = series == null ? null : series.getString(Tag.SeriesInstanceUID);
        }
        return new RtStruct(ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesInstanceUID),
                ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.PatientID),
                ds.getString(Tag.StructureSetLabel), forUid, refSeries, rois);
    }

    private static Contour contour(DicomObject c, String source, int roi) throws DicomException {
        ContourType type = ContourType.of(c.getString(Tag.ContourGeometricType));
        double[] points = c.getDoubles(Tag.ContourData);
        if (points == null) {
            points = new double[0];
        }
        if (points.length % 3 != 0) {
            throw new DicomException(source + ": ROI " + roi + " has contour data with " + points.length
                    + " values (not x,y,z triplets)");
        }
        for (double p : points) {
            if (Double.isNaN(p)) {
                throw new DicomException(source + ": ROI " + roi + " has unparsable contour data");
            }
        }
        if (type == null) {
            type = points.length == 3 ? ContourType.POINT : ContourType.CLOSED_PLANAR;
        }
        List<String> refs = new ArrayList<>(1);
        for (DicomObject img : c.getSequence(Tag.ContourImageSequence)) {
            String uid = img.getString(Tag.ReferencedSOPInstanceUID);
            if (uid != null) {
                refs.add(uid);
            }
        }
        return new Contour(type, points, refs);
    }
}
