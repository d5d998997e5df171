package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtStructWriter;
import rt.imaging.MaskContours;
import rt.imaging.Masks;
import rt.imaging.SliceContour;
import rt.nifti.Nifti;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;

/**
 * Writes one model's outputs into its {@link ModelFolder}: the label map, the RTSTRUCT (one ROI per non-empty label,
 * named from the label map, contours by marching squares) and the {@link SegmentationManifest}; each file atomically.
 */
public final class Outputs {

    private static final int[][] PALETTE = {{255, 0, 0}, {0, 170, 255}, {255, 200, 0}, {0, 200, 0},
        {200, 0, 200}, {0, 200, 200}, {255, 128, 0}, {128, 0, 255}, {128, 255, 0}, {255, 0, 128}};

    private Outputs() {
    }

    /** Where the RTSTRUCT's patient, study and image references come from. */
    public record Reference(PatientStudy patientStudy, ReferencedSeries series) {

        /**
         * For images without DICOM identity (NIfTI input, UIDs stripped, a course without CT files): a new study for
         * {@code patient} that names only the frame of reference ({@code frameOfReferenceUid}, a new one when blank).
         */
        public static Reference newStudy(String patient, String frameOfReferenceUid) {
            PatientStudy ps = PatientStudy.newStudy(patient, patient);
            String frame = frameOfReferenceUid == null || frameOfReferenceUid.isBlank() ? Uids.create()
                    : frameOfReferenceUid;
            return new Reference(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), frame));
        }
    }

    /** Writes the three files into the model folder (created), the manifest last; returns the manifest. */
    public static SegmentationManifest write(ModelFolder folder, SegmentationModel model, SegmentationResult result,
            Reference reference, String input) throws IOException {
        Files.createDirectories(folder.dir());
        // the manifest marks a finished run: gone while the files are replaced, so consumers never mix two runs
        Files.deleteIfExists(folder.manifest());
        LabelMap labels = result.labels();
        Nifti.write(folder.labels(), labels);

        long[] counts = new long[Short.MAX_VALUE + 1];
        for (short s : labels.labels()) {
            counts[s]++;
        }
        RtStructWriter rs = new RtStructWriter(reference.patientStudy(), reference.series())
                .label(truncate("AUTO_" + model.name(), 16)).name(truncate(model.name(), 64))
                .series(9000, "auto-segmentation " + model.name()).uidsFromContent();
        List<SegmentationManifest.Roi> rois = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(labels.names()).entrySet()) {
            int label = e.getKey();
            long n = counts[label];
            SegmentationManifest.Roi roi = new SegmentationManifest.Roi(label, e.getValue(), n,
                    n * labels.grid().voxelVolumeMm3() / 1000.0);
            rois.add(roi);
            if (n == 0) {
                continue;
            }
            Mask m = Masks.fromLabel(labels, label);
            List<Contour> contours = new ArrayList<>();
            for (SliceContour c : MaskContours.extract(m)) {
                contours.add(Contour.closed(c.points()));
            }
            // the RTSTRUCT's ROI names are the manifest's, so contour and label-map consumers name ROIs alike
            rs.addRoi(roi.name(), "ORGAN", PALETTE[colour++ % PALETTE.length], contours);
        }
        String sop = rs.write(folder.rtStruct());

        SegmentationManifest manifest = new SegmentationManifest(model.name(), model.descriptor().description(),
                model.source().location(), input, Instant.now().toString(), result.device(), result.tiles(), sop, rois,
                result.timings());
        manifest.write(folder);
        return manifest;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
