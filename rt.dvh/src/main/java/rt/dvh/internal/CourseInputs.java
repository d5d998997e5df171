package rt.dvh.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.nifti.Nifti;

/** Finds a course's dose and structure sets inside its folder (DESIGN §5). */
final class CourseInputs {

    /** The course dose and where it came from. */
    record Dose(Volume volume, String file, String frameOfReferenceUid) {
    }

    /** One structure source: {@code manual}, {@code segmentation:<model>} or {@code custom}. */
    record Source(String name, Path file) {
    }

    private CourseInputs() {
    }

    static Path resolve(Path workDir, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : workDir.resolve(p);
    }

    /**
     * {@code dose.nii.gz} written by organize (the course dose, summed where organize summed), else the course's summed
     * RTDOSE, else its only RTDOSE; null when there is none.
     *
     * @throws IOException naming the file when it cannot be read, or when several doses exist and none was chosen
     */
    static Dose dose(Course course, Path workDir) throws IOException {
        Path nifti = workDir.resolve("dose.nii.gz");
        if (Files.isRegularFile(nifti)) {
            return new Dose(Nifti.readVolume(nifti, Quantity.DOSE_GY), "dose.nii.gz", course.frameOfReferenceUid());
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
        RtDose rd = RtDoseReader.read(resolve(workDir, o.path()));
        String forUid = rd.frameOfReferenceUid() != null ? rd.frameOfReferenceUid() : o.frameOfReferenceUid();
        return new Dose(rd.volume(), o.path(), forUid);
    }

    /** Manual RTSTRUCTs of the course, then each auto segmentation, then the custom structures. */
    static List<Source> sources(Course course, Path workDir) throws IOException {
        List<Source> out = new ArrayList<>();
        List<CourseObject> manual = course.objects(Role.RTSTRUCT);
        for (CourseObject o : manual) {
            String name = manual.size() == 1 ? "manual" : "manual:" + stem(Path.of(o.path()));
            out.add(new Source(name, resolve(workDir, o.path())));
        }
        Path seg = workDir.resolve("segmentation");
        if (Files.isDirectory(seg)) {
            List<Path> models = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(seg, Files::isDirectory)) {
                ds.forEach(models::add);
            }
            models.sort(null);
            for (Path m : models) {
                Path rs = m.resolve("RS_" + m.getFileName() + ".dcm");
                if (Files.isRegularFile(rs)) {
                    out.add(new Source("segmentation:" + m.getFileName(), rs));
                }
            }
        }
        Path custom = workDir.resolve("structures/RS_custom.dcm");
        if (Files.isRegularFile(custom)) {
            out.add(new Source("custom", custom));
        }
        return out;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".dcm") ? n.substring(0, n.length() - 4) : n;
    }
}
