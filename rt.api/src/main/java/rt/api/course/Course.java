package rt.api.course;

import java.util.List;
import java.util.Map;

/**
 * One patient course as organize found it. Persisted by the runtime in {@code OUT/cohort/manifest.json}; organize
 * also writes the fuller, human-oriented {@code course.json} into the course folder.
 *
 * @param patientId      the DICOM PatientID as found
 * @param courseId       e.g. {@code 2024-03} (plan month, collisions suffixed)
 * @param folder         course folder relative to {@code OUT}, made of sanitised ids ({@code <patient>/<course>})
 * @param site           treatment site used for site profiles, or {@code null} when unknown
 * @param fileCount      number of DICOM files the course owns (short courses are scheduled first)
 * @param frameOfReferenceUid the course's planning frame of reference
 * @param planningCtSeriesUid the planning CT series, or {@code null} when the course has none
 * @param prescriptionGy total prescription in Gy, or {@code null} when unknown
 * @param doseClassification how the course dose was chosen (e.g. {@code single}, {@code boost_summed},
 *                       {@code replan_first}, {@code ambiguous_no_sum})
 * @param objects        every DICOM object the course owns
 * @param attributes     further facts (BodyPartExamined, plan labels, …) used by site rules; organize also records
 *                       {@code input_fingerprint}, which changes whenever any input file of this course changed
 */
public record Course(String patientId, String courseId, String folder, String site, int fileCount,
        String frameOfReferenceUid, String planningCtSeriesUid, Double prescriptionGy, String doseClassification,
        List<CourseObject> objects, Map<String, String> attributes) {

    public Course {
        if (patientId == null || courseId == null || folder == null) {
            throw new IllegalArgumentException("patientId, courseId and folder are required");
        }
        objects = objects == null ? List.of() : List.copyOf(objects);
        // Sorted, not Map.copyOf: its iteration order changes from one JVM run to the next, and the course model is
        // serialised into manifests and resume fingerprints that must be stable.
        attributes = attributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
    }

    /** {@code patient/course}, the key used in logs, state and filters. */
    public String key() {
        return patientId + "/" + courseId;
    }

    public List<CourseObject> objects(Role role) {
        return objects.stream().filter(o -> o.role() == role).toList();
    }

    public Course withSite(String newSite) {
        return new Course(patientId, courseId, folder, newSite, fileCount, frameOfReferenceUid, planningCtSeriesUid,
                prescriptionGy, doseClassification, objects, attributes);
    }
}
