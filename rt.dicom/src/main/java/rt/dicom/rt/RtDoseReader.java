package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/**
 * Reads RT Dose into {@link RtDose}: multi-frame (or single-frame) grids, Dose Grid Scaling applied, Grid Frame
 * Offset Vector relative (first value 0) or absolute, frames in descending order reversed, non-uniform offsets
 * resampled linearly.
 */
public final class RtDoseReader {

    private RtDoseReader() {
    }

    public static RtDose read(Path file) throws IOException {
        return from(DicomReader.read(file), file.toString());
    }

    /** Interprets a fully read file ({@code source} names it in messages). */
    public static RtDose from(DicomFile file, String source) throws DicomException {
        DicomObject ds = file.dataset();
        RtSopClass.check(ds, source, "an RT Dose", RtSopClass.DOSE,
                "RTDOSE".equals(ds.getString(Tag.Modality)) || ds.contains(Tag.DoseGridScaling));
        double[] dir = Geometry.directions(ds.getDoubles(Tag.ImageOrientationPatient));
        double[] ipp = ds.getDoubles(Tag.ImagePositionPatient);
        double[] ps = ds.getDoubles(Tag.PixelSpacing);
        if (dir == null || ipp == null || ipp.length < 3 || ps == null || ps.length < 2 || !(ps[0] > 0)
                || !(ps[1] > 0)) {
            throw new DicomException(source + ": missing or invalid dose grid geometry");
        }
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        double[] offsets = ds.getDoubles(Tag.GridFrameOffsetVector);
        if (offsets == null || offsets.length == 0) {
            if (frames > 1) {
                throw new DicomException(source + ": " + frames + " frames but no Grid Frame Offset Vector");
            }
            offsets = new double[] {0};
        }
        if (offsets.length < frames) {
            throw new DicomException(source + ": Grid Frame Offset Vector has " + offsets.length + " values for "
                    + frames + " frames");
        }
        double scaling = ds.getDouble(Tag.DoseGridScaling, 1.0);
        float[][] planes = Pixels.frames(ds, file.transferSyntax(), source, frames, scaling, 0.0);
        // relative (first 0) or absolute offsets: either way frame k lies at ipp + (o_k - o_0) * normal
        double[] positions = new double[frames];
        for (int k = 0; k < frames; k++) {
            positions[k] = offsets[k] - offsets[0];
        }
        if (frames > 1 && positions[frames - 1] < positions[0]) {
            for (int a = 0, b = frames - 1; a < b; a++, b--) {
                float[] t = planes[a];
                planes[a] = planes[b];
                planes[b] = t;
                double p = positions[a];
                positions[a] = positions[b];
                positions[b] = p;
            }
        }
        for (int k = 1; k < frames; k++) {
            if (!(positions[k] > positions[k - 1])) {
                throw new DicomException(source + ": Grid Frame Offset Vector is not monotonic");
            }
        }
        double base = positions[0];
        double[] origin = {ipp[0] + base * dir[6], ipp[1] + base * dir[7], ipp[2] + base * dir[8]};
        SliceStack.Result r = SliceStack.stack(ds.getInt(Tag.Columns, 0), ds.getInt(Tag.Rows, 0), planes,
                positions, origin, new double[] {ps[1], ps[0]}, dir, ds.getDouble(Tag.SliceThickness, 1.0));
        List<String> plans = new ArrayList<>();
        for (DicomObject ref : ds.getSequence(Tag.ReferencedRTPlanSequence)) {
            String uid = ref.getString(Tag.ReferencedSOPInstanceUID);
            if (uid != null) {
                plans.add(uid);
            }
        }
        return new RtDose(new Volume(r.grid(), r.voxels(), Quantity.DOSE_GY), ds.getString(Tag.SOPInstanceUID),
                ds.getString(Tag.SeriesInstanceUID), ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.PatientID),
                ds.getString(Tag.FrameOfReferenceUID), ds.getString(Tag.DoseUnits), ds.getString(Tag.DoseType),
                ds.getString(Tag.DoseSummationType), plans, r.warnings());
    }
}
