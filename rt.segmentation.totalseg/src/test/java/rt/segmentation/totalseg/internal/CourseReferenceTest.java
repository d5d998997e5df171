package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/** What the segmentation stage's RTSTRUCT refers to, from planning CTs that lack optional or required UIDs. */
@ExtendWith(SurefireStyleSummary.class)
class CourseReferenceTest {

    @TempDir
    Path out;

    /** A 3-slice CT in the course folder with {@code tag} removed from every slice. */
    private TestStageContext courseWithCtLacking(int tag) throws IOException {
        Grid g = Grid.axisAligned(4, 4, 3, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        String series = Uids.create();
        Path folder = out.resolve("P").resolve("C").resolve("dicom").resolve("CT").resolve(series);
        for (Path f : new CtSeriesWriter(PatientStudy.newStudy("P", "P^P"), Uids.create(),
                new Volume(g, new float[48], Quantity.HU), series).write(folder)) {
            DicomObject ds = DicomReader.read(f).dataset();
            ds.remove(tag);
            DicomWriter.write(ds, f);
        }
        Course course = new Course("P", "C", "P/C", null, 3, null, null, null, "single", List.of(
                new CourseObject(Role.PLANNING_CT, "CT", "1", series, null, "dicom/CT/" + series, null)), Map.of());
        return TestStageContext.builder(out).course(course).build();
    }

    @Test
    void aPlanningCtWithoutFrameOfReferenceFailsNamingItsFolder() throws Exception {
        TestStageContext ctx = courseWithCtLacking(Tag.FrameOfReferenceUID);
        IOException e = assertThrows(IOException.class, () -> SegmentationServiceImpl.courseReference(ctx));
        assertTrue(e.getMessage().contains(Path.of("P", "C", "dicom", "CT").toString())
                && e.getMessage().contains("no Frame of Reference UID (0020,0052)"), e.getMessage());
    }

    @Test
    void aPlanningCtWithoutPatientIdIsReferencedWithAnEmptyOne() throws Exception {
        Outputs.Reference r = SegmentationServiceImpl.courseReference(courseWithCtLacking(Tag.PatientID));
        assertEquals("", r.patientStudy().patientId());
        assertEquals(3, r.series().images().size());
    }
}
