package rt.api.course;

/**
 * One DICOM object (or derived file) owned by a course.
 *
 * @param path        path relative to the course folder (e.g. {@code dicom/RTSTRUCT/RS.1.2.3.dcm}) or, for objects
 *                    not copied, the absolute source path
 * @param sourcePath  where the object was found under the input root
 */
public record CourseObject(Role role, String modality, String sopInstanceUid, String seriesInstanceUid,
        String frameOfReferenceUid, String path, String sourcePath) {
}
