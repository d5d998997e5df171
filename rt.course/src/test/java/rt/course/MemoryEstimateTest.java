package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
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

    private static Course course(List<CourseObject> objects, Map<String, String> attributes) {
        return new Course("P", "C", "P/C", null, objects.size(), "1.2", null, null, null, objects, attributes);
    }

    private static List<CourseObject> slices(Role role, String series, int n) {
        List<CourseObject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new CourseObject(role, role == Role.PLANNING_CT ? "CT" : "MR", series + "." + i, series, "1.2",
                    "x" + i, "x" + i));
        }
        return out;
    }

    @Test
    void voxelsFollowThePlanningCtSliceCount() {
        assertEquals(90L * 512 * 512, MemoryEstimate.imageVoxels(course(slices(Role.PLANNING_CT, "1.3", 90), Map.of())));
    }

    @Test
    void withoutAPlanningCtTheLargestImageSeriesCounts() {
        List<CourseObject> objects = new ArrayList<>(slices(Role.IMAGE, "1.4", 30));
        objects.addAll(slices(Role.IMAGE, "1.5", 60));
        assertEquals(60L * 512 * 512, MemoryEstimate.imageVoxels(course(objects, Map.of())));
    }

    @Test
    void noCourseOrNoImageMeansATypicalThoraxCt() {
        assertEquals(140L * 512 * 512, MemoryEstimate.imageVoxels(null));
        assertEquals(140L * 512 * 512, MemoryEstimate.imageVoxels(course(List.of(), Map.of())));
    }

    @Test
    void roisAreTheManualStructureNames() {
        assertEquals(3, MemoryEstimate.roiCount(course(List.of(),
                Map.of(CourseAttributes.STRUCTURE_NAMES, CourseAttributes.join(List.of("PTV", "CTV", "Heart"))))));
        assertEquals(1, MemoryEstimate.roiCount(course(List.of(), Map.of())));
    }

    @Test
    void megabytesAreBasePlusBytesPerVoxelRoundedUp() {
        assertEquals(512 + 12 * 140 * 512 * 512 / (1024 * 1024), MemoryEstimate.mb(512, 140L * 512 * 512, 12));
        assertEquals(101, MemoryEstimate.mb(100, 1, 1), "a byte rounds up to a MB");
    }
}
