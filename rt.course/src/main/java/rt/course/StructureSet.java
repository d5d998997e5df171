package rt.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;

/**
 * One structure set of a course as its consumers see it: its {@link StructureSource}, its RTSTRUCT (contours) and, for
 * segmentation models, the label map and the manifest naming its labels. Consumers that rasterise use the label map
 * where there is one; consumers that need contours use the RTSTRUCT. Either way the ROI names are the same.
 *
 * @param rtStruct the RTSTRUCT file, or null when the source has only a label map
 * @param labels   the label map (segmentation models), else null
 * @param manifest the segmentation manifest, else null
 * @param image    the image the set is drawn on (or, for a model, the image the model ran on); null when the course
 *                 records none, which means the planning CT
 */
public record StructureSet(StructureSource source, Path rtStruct, Path labels, SegmentationManifest manifest,
        CourseImage image) {

    /** A structure set on the planning CT. */
    public StructureSet(StructureSource source, Path rtStruct, Path labels, SegmentationManifest manifest) {
        this(source, rtStruct, labels, manifest, null);
    }

    /** Whether the set lies on the planning CT (the frame of the dose, the DVH and the custom structures). */
    public boolean onPlanningCt() {
        return image == null || image.planning();
    }

    /**
     * The structure sets on the planning CT, in table order: the manual RTSTRUCTs organize assigned to the course,
     * each finished segmentation model, then the custom structures. Sets drawn on another image (an MR registered
     * to the CT) are not among them: their contours are not in the dose's frame of reference (see
     * {@link #onEveryImage}).
     *
     * @throws IOException naming the file when a segmentation manifest or course.json cannot be read
     */
    public static List<StructureSet> of(Course course, CourseFolder folder) throws IOException {
        return onEveryImage(course, folder).stream().filter(StructureSet::onPlanningCt).toList();
    }

    /**
     * Every structure set of the course with the image it is drawn on, in table order: manual RTSTRUCTs (on the
     * planning CT or on a further image such as an MR), each finished segmentation model, the custom structures.
     */
    public static List<StructureSet> onEveryImage(Course course, CourseFolder folder) throws IOException {
        List<CourseImage> images = CourseImage.list(folder);
        List<StructureSet> out = new ArrayList<>();
        if (course != null) {
            List<CourseObject> manual = course.objects(Role.RTSTRUCT);
            List<CourseImage> on = manual.stream().map(o -> imageOf(o, images)).toList();
            // plain "manual" for the one structure set of the planning CT, so that courses with and without an MR
            // join alike; sets on other images, and several on the CT, are told apart by file
            long onCt = on.stream().filter(i -> i == null || i.planning()).count();
            for (int n = 0; n < manual.size(); n++) {
                CourseObject o = manual.get(n);
                Path file = folder.resolve(o.path());
                if (!Files.isRegularFile(file) && o.sourcePath() != null) {
                    file = Path.of(o.sourcePath());
                }
                CourseImage image = on.get(n);
                boolean planning = image == null || image.planning();
                StructureSource source = planning && onCt == 1 ? StructureSource.manual()
                        : StructureSource.manual(stem(Path.of(o.path())));
                out.add(new StructureSet(source, file, null, null, image));
            }
        }
        for (ModelFolder m : folder.models()) {
            var manifest = SegmentationManifest.read(m);
            if (manifest.isPresent()) {
                Path rs = Files.isRegularFile(m.rtStruct()) ? m.rtStruct() : null;
                Path labels = Files.isRegularFile(m.labels()) ? m.labels() : null;
                out.add(new StructureSet(manifest.get().source(), rs, labels, manifest.get(),
                        inputOf(manifest.get(), folder, images)));
            }
        }
        if (Files.isRegularFile(folder.customStructures())) {
            out.add(new StructureSet(StructureSource.custom(), folder.customStructures(), null, null));
        }
        return out;
    }

    /**
     * The image organize recorded for a manual RTSTRUCT; an RTSTRUCT on a frame of reference other than the planning
     * CT's without a recorded image gets an image without NIfTI (not the planning CT, not analysable).
     */
    private static CourseImage imageOf(CourseObject rs, List<CourseImage> images) {
        for (CourseImage i : images) {
            if (i.structureSets().contains(rs.path())) {
                return i;
            }
        }
        CourseImage planning = images.stream().filter(CourseImage::planning).findFirst().orElse(null);
        if (planning == null || rs.frameOfReferenceUid() == null || planning.frameOfReferenceUid() == null
                || planning.frameOfReferenceUid().equals(rs.frameOfReferenceUid())) {
            return planning;
        }
        return new CourseImage(null, null, null, rs.frameOfReferenceUid(), null, false, null, List.of(rs.path()));
    }

    /** The image a model ran on: the further image whose NIfTI is the manifest's input, else the planning CT. */
    private static CourseImage inputOf(SegmentationManifest m, CourseFolder folder, List<CourseImage> images) {
        if (m.input() != null) {
            for (CourseImage i : images) {
                if (!i.planning() && i.nifti() != null
                        && folder.resolve(i.nifti()).normalize().equals(folder.resolve(m.input()).normalize())) {
                    return i;
                }
            }
        }
        return images.stream().filter(CourseImage::planning).findFirst().orElse(null);
    }

    /** Segmentation folders without a manifest: a model run that did not finish (reported, never used). */
    public static List<ModelFolder> unfinishedModels(CourseFolder folder) throws IOException {
        return folder.models().stream().filter(m -> !m.isComplete()).toList();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".dcm") ? n.substring(0, n.length() - 4) : n;
    }
}
