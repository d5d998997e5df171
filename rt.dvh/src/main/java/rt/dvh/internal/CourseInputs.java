package rt.dvh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.DoseProvenance;
import rt.course.StructureSet;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.nifti.Nifti;

/** Finds a course's dose and structure sets through the course contract ({@link CourseFolder}). */
final class CourseInputs {

    /**
     * The course dose and where it came from.
     *
     * @param sopInstanceUid the RTDOSE it is (organize's summed RTDOSE when it summed), or null when unknown
     * @param sourceUids     the RTDOSE objects it was made of
     */
    record Dose(Volume volume, String file, String frameOfReferenceUid, String sopInstanceUid,
            List<String> sourceUids) {
    }

    private CourseInputs() {
    }

    /**
     * {@code dose.nii.gz} written by organize (the course dose, summed where organize summed), else the course's summed
     * RTDOSE, else its only RTDOSE; null when there is none.
     *
     * @throws IOException naming the file when it cannot be read, or when several doses exist and none was chosen
     */
    static Dose dose(Course course, Path workDir) throws IOException {
        CourseFolder folder = new CourseFolder(workDir);
        Path nifti = folder.dose();
        if (Files.isRegularFile(nifti)) {
            List<String> selected = DoseProvenance.read(folder).selectedDoseUids();
            List<CourseObject> summed = course.objects(Role.RTDOSE_SUM);
            String uid = summed.size() == 1 ? summed.get(0).sopInstanceUid()
                    : selected.size() == 1 ? selected.get(0) : null;
            return new Dose(Nifti.readVolume(nifti, Quantity.DOSE_GY), folder.relative(nifti),
                    course.frameOfReferenceUid(), uid, selected);
        }
        List<CourseObject> sums = course.objects(Role.RTDOSE_SUM);
        List<CourseObject> doses = !sums.isEmpty() ? sums : course.objects(Role.RTDOSE);
        if (doses.isEmpty()) {
            return null;
        }
        if (doses.size() > 1) {
            throw new IOException(workDir + ": " + doses.size() + " RTDOSE objects and no dose.nii.gz from organize;"
                    + " cannot tell which dose to use (organize's dose decision: "
                    + (course.doseClassification() == null ? "none" : course.doseClassification())
                    + "; why: course.json dose.reason and problems)");
        }
        CourseObject o = doses.get(0);
        RtDose rd = RtDoseReader.read(folder.resolve(o.path()));
        String forUid = rd.frameOfReferenceUid() != null ? rd.frameOfReferenceUid() : o.frameOfReferenceUid();
        String uid = o.sopInstanceUid() != null ? o.sopInstanceUid() : rd.sopInstanceUid();
        return new Dose(rd.volume(), o.path(), forUid, uid, uid == null ? List.of() : List.of(uid));
    }

    /**
     * The course's structure sets (manual RTSTRUCTs, each finished segmentation model, the custom structures), in table
     * order; a model set may lack an RTSTRUCT ({@link StructureSet#rtStruct()} null), and then has no contours.
     */
    static List<StructureSet> sources(Course course, Path workDir) throws IOException {
        return StructureSet.of(course, new CourseFolder(workDir));
    }
}
