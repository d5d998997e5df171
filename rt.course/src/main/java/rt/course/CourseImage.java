package rt.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image volume of a course as organize published it in {@code course.json} ({@code "images"}): the planning CT
 * ({@code ct.nii.gz}) and every further volume (an MR registered to the planning CT, …) as
 * {@code images/<volume>.nii.gz}, with the structure sets drawn on it. Consumers pick the image of a structure set
 * here (radiomics on MR uses the MR's voxels and parameters); no stage re-derives it from DICOM.
 *
 * @param volume              organize's volume id (the Series Instance UID, {@code uid#n} when a series was split)
 * @param seriesInstanceUid   the series
 * @param modality            CT, MR, PT, …
 * @param frameOfReferenceUid the volume's frame of reference
 * @param nifti               the volume as NIfTI, relative to the course folder, or null when it could not be written
 * @param planning            whether it is the course's planning CT (the dose and DVH frame)
 * @param registration        how it relates to the planning CT: {@code same frame of reference}, {@code REG <key>},
 *                            or null when nothing relates it
 * @param structureSets       the course's manual RTSTRUCTs drawn on it (their course-relative paths)
 */
public record CourseImage(String volume, String seriesInstanceUid, String modality, String frameOfReferenceUid,
        String nifti, boolean planning, String registration, List<String> structureSets) {

    /** The key of the image list in {@code course.json}. */
    public static final String COURSE_JSON_KEY = "images";

    private static final ObjectMapper JSON = new ObjectMapper();

    public CourseImage {
        structureSets = structureSets == null ? List.of() : List.copyOf(structureSets);
    }

    /** The NIfTI file in {@code folder}, or null. */
    public Path file(CourseFolder folder) {
        return nifti == null ? null : folder.resolve(nifti);
    }

    /** As recorded in course.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("volume", volume);
        m.put("series_instance_uid", seriesInstanceUid);
        m.put("modality", modality);
        m.put("frame_of_reference_uid", frameOfReferenceUid);
        m.put("nifti", nifti);
        m.put("planning", planning);
        m.put("registration", registration);
        m.put("structure_sets", structureSets);
        return m;
    }

    /**
     * The images recorded in the course's {@code course.json}; empty when it has none (no file, or written before
     * images were published).
     *
     * @throws IOException naming the file when it is not readable JSON
     */
    public static List<CourseImage> list(CourseFolder folder) throws IOException {
        Path file = folder.courseJson();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        List<CourseImage> out = new ArrayList<>();
        for (JsonNode n : root.path(COURSE_JSON_KEY)) {
            List<String> sets = new ArrayList<>();
            n.path("structure_sets").forEach(s -> sets.add(s.asText()));
            out.add(new CourseImage(text(n, "volume"), text(n, "series_instance_uid"), text(n, "modality"),
                    text(n, "frame_of_reference_uid"), text(n, "nifti"), n.path("planning").asBoolean(false),
                    text(n, "registration"), sets));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
