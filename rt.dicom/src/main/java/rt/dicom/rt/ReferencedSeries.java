package rt.dicom.rt;

import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomObject;
import rt.dicom.Tag;

/**
 * The image series a structure set refers to: its UIDs, frame of reference, and each image's SOP UIDs and position
 * along the slice normal (used to fill each contour's Contour Image Sequence).
 *
 * @param normal unit slice normal (3 values), or null when there are no images
 */
public record ReferencedSeries(String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
        double[] normal, List<Image> images) {

    public ReferencedSeries {
        if (frameOfReferenceUid == null) {
            throw new IllegalArgumentException("a frame of reference UID is required");
        }
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** One referenced image. */
    public record Image(String sopClassUid, String sopInstanceUid, double position) {
    }

    /** From the headers of the series' images (any order). */
    public static ReferencedSeries of(List<DicomObject> headers) {
        DicomObject first = headers.get(0);
        double[] dir = Geometry.directions(first.getDoubles(Tag.ImageOrientationPatient));
        List<Image> images = new ArrayList<>();
        for (DicomObject h : headers) {
            double[] ipp = h.getDoubles(Tag.ImagePositionPatient);
            images.add(new Image(h.getString(Tag.SOPClassUID), h.getString(Tag.SOPInstanceUID),
                    dir == null || ipp == null ? Double.NaN : Geometry.along(dir, ipp)));
        }
        return new ReferencedSeries(first.getString(Tag.StudyInstanceUID), first.getString(Tag.SeriesInstanceUID),
                first.getString(Tag.FrameOfReferenceUID),
                dir == null ? null : new double[] {dir[6], dir[7], dir[8]}, images);
    }

    /** From a series read with {@link ImageSeriesReader} (when it was not resampled, images map 1:1 to slices). */
    public static ReferencedSeries of(SeriesVolume s) {
        List<Image> images = new ArrayList<>();
        for (int k = 0; k < s.sopInstanceUids().size(); k++) {
            images.add(new Image(s.sopClassUid(), s.sopInstanceUids().get(k), s.slicePositions()[k]));
        }
        var g = s.volume().grid();
        return new ReferencedSeries(s.studyInstanceUid(), s.seriesInstanceUid(), s.frameOfReferenceUid(),
                new double[] {g.direction(2, 0), g.direction(2, 1), g.direction(2, 2)}, images);
    }

    /** Only a frame of reference (contours then carry no image references). */
    public static ReferencedSeries frameOnly(String studyInstanceUid, String frameOfReferenceUid) {
        return new ReferencedSeries(studyInstanceUid, null, frameOfReferenceUid, null, List.of());
    }

    /** The image whose plane holds the point (within {@code toleranceMm} along the normal), or null. */
    Image imageAt(double x, double y, double z, double toleranceMm) {
        if (normal == null) {
            return null;
        }
        double p = x * normal[0] + y * normal[1] + z * normal[2];
        Image best = null;
        double bestD = toleranceMm;
        for (Image img : images) {
            double d = Math.abs(img.position() - p);
            if (d <= bestD) {
                best = img;
                bestD = d;
            }
        }
        return best;
    }
}
