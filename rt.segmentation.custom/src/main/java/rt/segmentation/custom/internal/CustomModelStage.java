package rt.segmentation.custom.internal;

import java.util.List;
import java.util.Set;
import rt.api.Artifact;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.course.CourseFolder;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationService;

/** Stage {@code segmentation.custom:<model>} for one model bundle, registered while the bundle is active. */
final class CustomModelStage implements Stage {

    static final String PREFIX = "segmentation.custom:";

    private final SegmentationService engine;
    private final SegmentationModel model;
    private final String bundleVersion;

    CustomModelStage(SegmentationService engine, SegmentationModel model, String bundleVersion) {
        this.engine = engine;
        this.model = model;
        this.bundleVersion = bundleVersion;
    }

    @Override
    public String id() {
        return PREFIX + model.name();
    }

    @Override
    public List<String> runsAfter() {
        // A model gated on body regions reads the course's total-style result, which the segmentation stage writes.
        return model.descriptor().requires() != null ? List.of("organize", "segmentation") : List.of("organize");
    }

    @Override
    public Set<String> produces() {
        return Set.of(Artifact.STRUCTURES);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(c -> c.model(model.name()).dir()));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        return engine.needs(model);
    }

    /** A new model bundle version changes the outputs. */
    @Override
    public String version() {
        return "1+" + bundleVersion;
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        return engine.runForCourse(context, model);
    }
}
