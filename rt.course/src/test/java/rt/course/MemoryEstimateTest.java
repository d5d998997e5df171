package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.testsupport.SurefireStyleSummary;

/** Heap estimates from what the manifest knows: slices, series, ROI names. */
@ExtendWith(SurefireStyleSummary.class)
class MemoryEstimateTest {

    private static Course course(int fileCount, List<CourseObject> objects, Map<String, String> attributes) {
        return new Course("P", "C", "P/C", null, fileCount, "1.2", null, null, null, objects, attributes);
    }

    private static CourseObject object(Role role, String uid) {
        String path = role == Role.PLANNING_CT || role == Role.IMAGE ? "dicom/CT/" + uid : "dicom/X/" + uid + ".dcm";
        return new CourseObject(role, role.name(), uid, uid, "1.2", path, path);
    }

    @Test
    void voxelsAreTheImageSlicesTheManifestCounts() {
        // as organize writes it: the CT series is one object (its folder), plan, dose and structures one file each
        List<CourseObject> objects = List.of(object(Role.PLANNING_CT, "1"), object(Role.RTPLAN, "2"),
                object(Role.RTDOSE, "3"), object(Role.RTSTRUCT, "4"));
        assertEquals(90L * 512 * 512, MemoryEstimate.imageVoxels(course(93, objects, Map.of())));
    }

    @Test
    void severalSeriesCountTogether() {
        List<CourseObject> objects = List.of(object(Role.PLANNING_CT, "1"), object(Role.IMAGE, "2"),
                object(Role.RTSTRUCT, "3"));
        assertEquals(90L * 512 * 512, MemoryEstimate.imageVoxels(course(91, objects, Map.of())),
                "60 CT + 30 MR slices: an upper bound of the largest series");
    }

    @Test
    void noCourseOrNoImageMeansATypicalThoraxCt() {
        assertEquals(140L * 512 * 512, MemoryEstimate.imageVoxels(null));
        assertEquals(140L * 512 * 512, MemoryEstimate.imageVoxels(course(1, List.of(object(Role.RTDOSE, "1")),
                Map.of())));
    }

    @Test
    void roisAreTheManualStructureNames() {
        assertEquals(3, MemoryEstimate.roiCount(course(0, List.of(),
                Map.of(CourseAttributes.STRUCTURE_NAMES, CourseAttributes.join(List.of("PTV", "CTV", "Heart"))))));
        assertEquals(1, MemoryEstimate.roiCount(course(0, List.of(), Map.of())));
    }

    @Test
    void megabytesAreBasePlusBytesPerVoxelRoundedUp() {
        assertEquals(512 + 12 * 140 * 512 * 512 / (1024 * 1024), MemoryEstimate.mb(512, 140L * 512 * 512, 12));
        assertEquals(101, MemoryEstimate.mb(100, 1, 1), "a byte rounds up to a MB");
    }
}
