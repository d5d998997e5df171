package rt.api.course;

/**
 * One DICOM object (or derived file) owned by a course. An image series (the planning CT, other images) is ONE
 * object: its {@code sopInstanceUid} is {@code null} and its {@code path} is the folder holding the series' slices,
 * so that the course model stays small for thousands of courses; {@code course.json} lists the slices.
 *
 * @param path        path relative to the course folder (e.g. {@code dicom/RTSTRUCT/RS.1.2.3.dcm}, or
 *                    {@code dicom/CT/<series>} for an image series) or, for objects not copied, the absolute source
 *                    path
 * @param sourcePath  where the object was found under the input root
 */
public record CourseObject(Role role, String modality, String sopInstanceUid, String seriesInstanceUid,
        String frameOfReferenceUid, String path, String sourcePath) {
}
