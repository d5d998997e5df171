package rt.dicom.rt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import rt.dicom.DicomObject;
import rt.dicom.Tag;

/**
 * What a registration object (spatial, 66.1, or deformable, 66.3) says: the frame of reference it registers into,
 * each registered frame with its first matrix, and the image series it references. Read where the IODs put them:
 * Registration Sequence (0070,0308) → Matrix Registration Sequence → Matrix Sequence (spatial), Deformable
 * Registration Sequence (0064,0002) with its pre-deformation matrix (deformable), and the Common Instance Reference
 * module (Referenced Series Sequence, also inside Studies Containing Other Referenced Instances).
 *
 * @param frameOfReferenceUid the registered frame of reference (the object's own)
 * @param frames              one entry per registered frame, in item order
 * @param seriesUids          every image series the object references
 */
public record SpatialRegistration(String frameOfReferenceUid, List<Frame> frames, List<String> seriesUids) {

    /**
     * One registered frame.
     *
     * @param matrix     the 4×4 row-major matrix into the registered frame, or null when none is given (deformable
     *                   without a pre-deformation matrix)
     * @param matrixType RIGID, RIGID_SCALE, AFFINE or {@code DEFORMABLE}
     */
    public record Frame(String frameOfReferenceUid, double[] matrix, String matrixType) {
    }

    public SpatialRegistration {
        frames = frames == null ? List.of() : List.copyOf(frames);
        seriesUids = seriesUids == null ? List.of() : List.copyOf(seriesUids);
    }

    /** Every frame of reference the object names (registered frame first), without repeats. */
    public List<String> frameUids() {
        Set<String> out = new LinkedHashSet<>();
        if (frameOfReferenceUid != null) {
            out.add(frameOfReferenceUid);
        }
        frames.forEach(f -> {
            if (f.frameOfReferenceUid() != null) {
                out.add(f.frameOfReferenceUid());
            }
        });
        return List.copyOf(out);
    }

    /** From a registration data set. */
    public static SpatialRegistration of(DicomObject ds) {
        List<Frame> frames = new ArrayList<>();
        for (DicomObject reg : ds.getSequence(Tag.RegistrationSequence)) {
            double[] matrix = null;
            String type = null;
            for (DicomObject mr : reg.getSequence(Tag.MatrixRegistrationSequence)) {
                for (DicomObject m : mr.getSequence(Tag.MatrixSequence)) {
                    double[] v = m.getDoubles(Tag.FrameOfReferenceTransformationMatrix);
                    if (matrix == null && v != null && v.length == 16) {
                        matrix = v;
                        type = m.getString(Tag.FrameOfReferenceTransformationMatrixType);
                    }
                }
            }
            frames.add(new Frame(reg.getString(Tag.FrameOfReferenceUID), matrix, type));
        }
        for (DicomObject reg : ds.getSequence(Tag.DeformableRegistrationSequence)) {
            double[] matrix = null;
            for (DicomObject m : reg.getSequence(Tag.PreDeformationMatrixRegistrationSequence)) {
                double[] v = m.getDoubles(Tag.FrameOfReferenceTransformationMatrix);
                if (matrix == null && v != null && v.length == 16) {
                    matrix = v;
                }
            }
            frames.add(new Frame(reg.getString(Tag.SourceFrameOfReferenceUID), matrix, "DEFORMABLE"));
        }
        Set<String> series = new LinkedHashSet<>();
        addSeries(ds, series);
        for (DicomObject study : ds.getSequence(Tag.StudiesContainingOtherReferencedInstancesSequence)) {
            addSeries(study, series);
        }
        return new SpatialRegistration(ds.getString(Tag.FrameOfReferenceUID), frames, List.copyOf(series));
    }

    private static void addSeries(DicomObject parent, Set<String> out) {
        for (DicomObject s : parent.getSequence(Tag.ReferencedSeriesSequence)) {
            String uid = s.getString(Tag.SeriesInstanceUID);
            if (uid != null && !uid.isBlank()) {
                out.add(uid.trim());
            }
        }
    }
}
