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
 */
public record StructureSet(StructureSource source, Path rtStruct, Path labels, SegmentationManifest manifest) {

    /**
     * Every structure set of a course, in table order: the manual RTSTRUCTs organize assigned to the course, each
     * finished segmentation model, then the custom structures.
     *
     * @throws IOException naming the file when a segmentation manifest cannot be read
     */
    public static List<StructureSet> of(Course course, CourseFolder folder) throws IOException {
        List<StructureSet> out = new ArrayList<>();
        if (course != null) {
            List<CourseObject> manual = course.objects(Role.RTSTRUCT);
            for (CourseObject o : manual) {
                Path file = folder.resolve(o.path());
                if (!Files.isRegularFile(file) && o.sourcePath() != null) {
                    file = Path.of(o.sourcePath());
                }
                StructureSource source = manual.size() == 1 ? StructureSource.manual()
                        : StructureSource.manual(stem(Path.of(o.path())));
                out.add(new StructureSet(source, file, null, null));
            }
        }
        for (ModelFolder m : folder.models()) {
            var manifest = SegmentationManifest.read(m);
            if (manifest.isPresent()) {
                Path rs = Files.isRegularFile(m.rtStruct()) ? m.rtStruct() : null;
                Path labels = Files.isRegularFile(m.labels()) ? m.labels() : null;
                out.add(new StructureSet(manifest.get().source(), rs, labels, manifest.get()));
            }
        }
        if (Files.isRegularFile(folder.customStructures())) {
            out.add(new StructureSet(StructureSource.custom(), folder.customStructures(), null, null));
        }
        return out;
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
