package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/**
 * One image file as a volume: an enhanced multi-frame image (geometry and rescale per frame in the Per-frame and
 * Shared Functional Groups, PS3.3 C.7.6.16), a classic multi-frame image (Image Position plus Grid Frame Offset
 * Vector), or a single frame (a one-slice volume). Attributes are taken from the per-frame group first, then the
 * shared group, then the top level, where some converters leave them.
 */
final class MultiFrameReader {

    private record Frame(int index, double[] position, double slope, double intercept, double along) {
    }

    private MultiFrameReader() {
    }

    static SeriesVolume read(Path file) throws IOException {
        DicomFile df = DicomReader.read(file);
        DicomObject ds = df.dataset();
        String source = file.toString();
        int n = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        DicomObject shared = ds.getItem(Tag.SharedFunctionalGroupsSequence);
        List<DicomObject> perFrame = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        double[] iop = attribute(ds, shared, null, Tag.PlaneOrientationSequence, Tag.ImageOrientationPatient);
        double[] dir = Geometry.directions(iop);
        double[] spacing = attribute(ds, shared, perFrame.isEmpty() ? null : perFrame.get(0),
                Tag.PixelMeasuresSequence, Tag.PixelSpacing);
        if (dir == null) {
            throw new DicomException(source + ": missing or invalid Image Orientation (Patient)");
        }
        if (spacing == null || spacing.length < 2 || !(spacing[0] > 0) || !(spacing[1] > 0)) {
            throw new DicomException(source + ": missing or invalid Pixel Spacing");
        }
        double[] offsets = ds.getDoubles(Tag.GridFrameOffsetVector);
        List<Frame> frames = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            DicomObject group = f < perFrame.size() ? perFrame.get(f) : null;
            double[] ipp = attribute(ds, shared, group, Tag.PlanePositionSequence, Tag.ImagePositionPatient);
            if (ipp == null || ipp.length < 3) {
                throw new DicomException(source + ": frame " + (f + 1) + " has no Image Position (Patient)");
            }
            if (group == null && offsets != null && offsets.length == n) {
                ipp = new double[] {ipp[0] + offsets[f] * dir[6], ipp[1] + offsets[f] * dir[7],
                    ipp[2] + offsets[f] * dir[8]};
            }
            double[] slope = attribute(ds, shared, group, Tag.PixelValueTransformationSequence, Tag.RescaleSlope);
            double[] intercept = attribute(ds, shared, group, Tag.PixelValueTransformationSequence,
                    Tag.RescaleIntercept);
            frames.add(new Frame(f, ipp, slope == null ? 1.0 : slope[0], intercept == null ? 0.0 : intercept[0],
                    Geometry.along(dir, ipp)));
        }
        if (n > 1 && frames.stream().mapToDouble(Frame::along).distinct().count() < n) {
            throw new DicomException(source + ": frames share positions (not one volume: time or other dimension)");
        }
        double[] slopes = frames.stream().mapToDouble(Frame::slope).toArray();
        double[] intercepts = frames.stream().mapToDouble(Frame::intercept).toArray();
        float[][] decoded = Pixels.frames(ds, df.transferSyntax(), source, slopes, intercepts);
        frames.sort(Comparator.comparingDouble(Frame::along));
        float[][] planes = new float[n][];
        double[] positions = new double[n];
        for (int k = 0; k < n; k++) {
            planes[k] = decoded[frames.get(k).index];
            positions[k] = frames.get(k).along;
        }
        double[] thickness = attribute(ds, shared, null, Tag.PixelMeasuresSequence, Tag.SliceThickness);
        SliceStack.Result r = SliceStack.stack(ds.getInt(Tag.Columns, 0), ds.getInt(Tag.Rows, 0), planes, positions,
                frames.get(0).position, new double[] {spacing[1], spacing[0]}, dir,
                thickness == null ? 1.0 : thickness[0]);
        String modality = ds.getString(Tag.Modality, "OT");
        Quantity q = "CT".equals(modality) ? Quantity.HU : "MR".equals(modality) ? Quantity.INTENSITY
                : "RTDOSE".equals(modality) ? Quantity.OTHER : Quantity.OTHER;
        return new SeriesVolume(new Volume(r.grid(), r.voxels(), q), modality, ds.getString(Tag.PatientID),
                ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.SeriesInstanceUID, ""),
                ds.getString(Tag.FrameOfReferenceUID), ds.getString(Tag.SOPClassUID),
                List.of(ds.getString(Tag.SOPInstanceUID, "")), Arrays.copyOf(positions, n), r.uniform(),
                r.warnings());
    }

    /** An attribute from a functional group macro: per-frame item, then shared item, then the top level. */
    private static double[] attribute(DicomObject ds, DicomObject shared, DicomObject perFrame, int macro, int tag) {
        for (DicomObject group : new DicomObject[] {perFrame, shared}) {
            DicomObject item = group == null ? null : group.getItem(macro);
            double[] v = item == null ? null : item.getDoubles(tag);
            if (v != null && v.length > 0) {
                return v;
            }
        }
        double[] v = ds.getDoubles(tag);
        return v != null && v.length > 0 ? v : null;
    }
}
