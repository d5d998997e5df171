package rt.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The anatomical crop of a course's planning CT ({@code crop_ct}), recorded in {@code crop/crop.json} next to the
 * cropped CT {@code crop/ct_cropped.nii.gz}. The crop is along the patient axis only (whole slices, as upstream): the
 * CT slices {@code firstSlice … lastSlice} (indices of {@code ct.nii.gz}, inclusive) are kept, which cover
 * {@code inferiorMm … superiorMm} (slice centres ∓ half a slice); consumers clip structures to that slab.
 *
 * @param region          pelvis, thorax, abdomen, head_neck or brain
 * @param regionReason    why that region (configured, or the course's site)
 * @param requestedInferiorMm the region's inferior boundary with its margin, before limiting to the CT (patient z, mm)
 * @param requestedSuperiorMm likewise superior
 * @param inferiorMm      inferior face of the kept slab (patient z, mm)
 * @param superiorMm      superior face of the kept slab
 * @param firstSlice      first kept slice of {@code ct.nii.gz}
 * @param lastSlice       last kept slice
 * @param ctSlices        slices of {@code ct.nii.gz}
 * @param inferiorMarginMm margin applied below the inferior landmark
 * @param superiorMarginMm margin applied above the superior landmark
 * @param landmarks       the landmarks that set each boundary
 * @param fallbacks       boundaries that fell back to the CT's extent for want of a landmark (or a region), with the
 *                        reason
 * @param limits          boundaries that lay beyond the scan and were limited to its end
 */
public record CtCrop(String region, String regionReason, double requestedInferiorMm, double requestedSuperiorMm,
        double inferiorMm, double superiorMm, int firstSlice, int lastSlice, int ctSlices, double inferiorMarginMm,
        double superiorMarginMm, List<Landmark> landmarks, List<String> fallbacks, List<String> limits) {

    /**
     * One landmark used: which boundary it set ({@code superior}/{@code inferior}), the structure's source and name,
     * which end of it ({@code top}/{@code bottom}) and that end's patient z (mm).
     */
    public record Landmark(String boundary, String source, String structure, String end, double zMm) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CtCrop {
        landmarks = landmarks == null ? List.of() : List.copyOf(landmarks);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        limits = limits == null ? List.of() : List.copyOf(limits);
    }

    /** {@code crop/} of a course. */
    public static Path folder(CourseFolder course) {
        return course.dir().resolve("crop");
    }

    /** {@code crop/crop.json}. */
    public static Path file(CourseFolder course) {
        return folder(course).resolve("crop.json");
    }

    /** {@code crop/ct_cropped.nii.gz}. */
    public static Path croppedCt(CourseFolder course) {
        return folder(course).resolve("ct_cropped.nii.gz");
    }

    /** Whether a patient z (mm) lies in the kept slab. */
    public boolean contains(double zMm) {
        return zMm >= inferiorMm - 1e-6 && zMm <= superiorMm + 1e-6;
    }

    /** Whether the crop keeps the whole CT. */
    public boolean keepsWholeCt() {
        return firstSlice == 0 && lastSlice == ctSlices - 1;
    }

    public void write(CourseFolder course) throws IOException {
        AtomicFiles.write(file(course), JSON.writeValueAsBytes(this));
    }

    /** The course's crop, or empty when {@code crop_ct} has not written one. */
    public static Optional<CtCrop> read(CourseFolder course) throws IOException {
        Path f = file(course);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), CtCrop.class));
        } catch (IOException e) {
            throw new IOException(f + ": not a crop record (" + e.getMessage() + ")", e);
        }
    }
}
