package rt.segmentation.totalseg.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
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
 * Writes one model's outputs into a folder: {@code labels.nii.gz}, {@code RS_<model>.dcm} (one ROI per non-empty
 * label, named from the label map, contours by marching squares) and {@code manifest.json}; each file atomically.
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

    /** Writes the three files into {@code dir} (created); returns the manifest's content. */
    public static Map<String, Object> write(Path dir, SegmentationModel model, SegmentationResult result,
            Reference reference, String input) throws IOException {
        Files.createDirectories(dir);
        LabelMap labels = result.labels();
        Nifti.write(dir.resolve("labels.nii.gz"), labels);

        long[] counts = new long[Short.MAX_VALUE + 1];
        for (short s : labels.labels()) {
            counts[s]++;
        }
        RtStructWriter rs = new RtStructWriter(reference.patientStudy(), reference.series())
                .label(truncate("AUTO_" + model.name(), 16)).name(truncate(model.name(), 64))
                .series(9000, "auto-segmentation " + model.name());
        List<Map<String, Object>> rois = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(labels.names()).entrySet()) {
            int label = e.getKey();
            long n = counts[label];
            Map<String, Object> roi = new LinkedHashMap<>();
            roi.put("label", label);
            roi.put("name", e.getValue());
            roi.put("voxels", n);
            roi.put("volume_cc", n * labels.grid().voxelVolumeMm3() / 1000.0);
            rois.add(roi);
            if (n == 0) {
                continue;
            }
            Mask m = Masks.fromLabel(labels, label);
            List<Contour> contours = new ArrayList<>();
            for (SliceContour c : MaskContours.extract(m)) {
                contours.add(Contour.closed(c.points()));
            }
            rs.addRoi(e.getValue(), "ORGAN", PALETTE[colour++ % PALETTE.length], contours);
        }
        String rsName = "RS_" + model.name() + ".dcm";
        String sop = rs.write(dir.resolve(rsName));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("model", model.name());
        manifest.put("description", model.descriptor().description());
        manifest.put("model_source", model.source().location());
        manifest.put("input", input);
        manifest.put("created", Instant.now().toString());
        manifest.put("device", result.device());
        manifest.put("forward_passes", result.tiles());
        manifest.put("labels_file", "labels.nii.gz");
        manifest.put("rtstruct_file", rsName);
        manifest.put("rtstruct_sop_instance_uid", sop);
        manifest.put("rois", rois);
        manifest.put("timings_s", result.timings());
        writeJson(dir.resolve("manifest.json"), manifest);
        return manifest;
    }

    static void writeJson(Path file, Object value) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
