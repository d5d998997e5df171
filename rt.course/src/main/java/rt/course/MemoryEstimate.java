package rt.course;

import rt.api.course.Course;
import rt.api.course.CourseAttributes;
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
     * Voxels of the course's images: its image slices times 512×512. The manifest names an image series by one object
     * (its folder) and every other object by its file, so the slices are the course's files less its non-image
     * objects; with several series that is their sum, an upper bound of the largest. {@code null} course, or none
     * found: a typical 140-slice CT.
     */
    public static long imageVoxels(Course course) {
        if (course == null) {
            return TYPICAL_SLICES * SLICE_VOXELS;
        }
        long nonImage = course.objects().stream()
                .filter(o -> o.role() != Role.PLANNING_CT && o.role() != Role.IMAGE).count();
        long slices = course.fileCount() - nonImage;
        return (slices > 0 ? slices : TYPICAL_SLICES) * SLICE_VOXELS;
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
