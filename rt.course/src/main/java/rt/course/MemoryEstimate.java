package rt.course;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.api.course.CourseObject;
import rt.api.course.Role;

/**
 * Heap estimates of a course's stages, from what the manifest knows before any image is read, so the broker can admit
 * work within its heap budget ({@link rt.api.ResourceNeeds#memoryMb()}). A stage's estimate is a base for its code and
 * tables plus so many bytes per voxel of the course's largest image: images, masks and filtered copies all scale with
 * it.
 */
public final class MemoryEstimate {

    /** The in-plane matrix nearly every CT scanner writes; an upper bound for MR and smaller matrices. */
    static final long SLICE_VOXELS = 512L * 512L;
    /** Slices assumed when no course is given (the stages table) or the course has no image: a thorax CT. */
    static final int TYPICAL_SLICES = 140;

    private MemoryEstimate() {
    }

    /**
     * Voxels of the course's planning CT (else its largest image series): slices as organize found them times 512×512.
     * {@code null} course: a typical 140-slice CT.
     */
    public static long imageVoxels(Course course) {
        if (course == null) {
            return TYPICAL_SLICES * SLICE_VOXELS;
        }
        int slices = course.objects(Role.PLANNING_CT).size();
        if (slices == 0) {
            slices = largestSeries(course.objects(Role.IMAGE));
        }
        return (slices == 0 ? TYPICAL_SLICES : slices) * SLICE_VOXELS;
    }

    private static int largestSeries(Collection<CourseObject> images) {
        Map<String, Integer> perSeries = new HashMap<>();
        for (CourseObject o : images) {
            perSeries.merge(String.valueOf(o.seriesInstanceUid()), 1, Integer::sum);
        }
        return perSeries.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** ROIs of the course's manual structure sets, at least 1 ({@code null} course: 30, a typical plan). */
    public static int roiCount(Course course) {
        if (course == null) {
            return 30;
        }
        return Math.max(1, CourseAttributes.values(course, CourseAttributes.STRUCTURE_NAMES).size());
    }

    /** {@code baseMb} plus {@code bytesPerVoxel} for every voxel, in MB rounded up. */
    public static long mb(long baseMb, long voxels, double bytesPerVoxel) {
        return baseMb + (long) Math.ceil(voxels * bytesPerVoxel / (1024.0 * 1024.0));
    }
}
