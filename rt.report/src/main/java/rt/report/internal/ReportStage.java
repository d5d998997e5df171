package rt.report.internal;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import rt.api.Artifact;
import rt.api.HealthCheck;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.course.AtomicFiles;
import rt.course.CourseFolder;
import rt.course.MemoryEstimate;

/** Stage {@code report} (per course): {@code report.html}, self-contained. */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=report")
public final class ReportStage implements Stage {

    /** A new source per run: sources keep per-course notes. */
    private final java.util.function.Supplier<CourseImages.Source> images;

    public ReportStage() {
        this(FileImageSource::new);
    }

    ReportStage(java.util.function.Supplier<CourseImages.Source> images) {
        this.images = images;
    }

    @Override
    public String id() {
        return "report";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize");
    }

    @Override
    public Set<String> consumes() {
        return Set.of(Artifact.STRUCTURES, Artifact.DVH, Artifact.RADIOMICS, Artifact.QC);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(CourseFolder::report));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // the CT and the dose resampled for the figures
        return new ResourceNeeds(1, 0, MemoryEstimate.mb(256, MemoryEstimate.imageVoxels(course), 4), true);
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        Course k = context.course();
        CourseDir c = new CourseDir(k.patientId(), k.courseId(), k.folder(), context.workDir(), k);
        String html = ReportPage.render(c, CourseImages.load(images.get(), c),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        AtomicFiles.writeString(new CourseFolder(context.workDir()).report(), html);
        return StageResult.ok(html.length() / 1024 + " KiB");
    }

    @Override
    public List<HealthCheck> selfCheck() {
        try {
            if (!GraphicsEnvironment.isHeadless()) {
                return List.of(HealthCheck.warning("report: Java2D",
                        "not headless; start the JVM with -Djava.awt.headless=true on servers"));
            }
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            img.createGraphics().dispose();
            int n = SliceRenderer.png(img).length;
            return List.of(HealthCheck.ok("report: Java2D", "headless PNG rendering works (" + n + " bytes)"));
        } catch (Throwable t) {
            return List.of(HealthCheck.problem("report: Java2D", "cannot render PNG: " + t));
        }
    }
}
