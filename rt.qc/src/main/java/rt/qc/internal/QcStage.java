package rt.qc.internal;

import java.nio.file.Path;
import java.util.ArrayList;
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

/** Stage {@code qc} (per course): {@code qc/qc.json} with a verdict per check, the overall verdict and body regions. */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=qc")
public final class QcStage implements Stage {

    /** 2: dose_coverage judges every structure, not only targets. */
    static final String VERSION = "2";

    @Override
    public String id() {
        return "qc";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize");
    }

    @Override
    public Set<String> produces() {
        return Set.of(Artifact.QC);
    }

    @Override
    public Set<String> consumes() {
        return Set.of(Artifact.STRUCTURES);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(c -> c.qc().getParent()));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // the CT, the dose and the masks it checks
        return new ResourceNeeds(1, 0, MemoryEstimate.mb(256, MemoryEstimate.imageVoxels(course), 6), true);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        CourseFacts facts = FactsLoader.load(context.course(), context.workDir());
        context.checkCancelled();
        QcRunner.Report report = QcRunner.run(facts, QcRunner.CHECKS);
        write(new CourseFolder(context.workDir()).qc(), QcRunner.toJson(facts, report, VERSION));
        for (CheckResult r : report.checks()) {
            if (r.status() == Status.FAIL || r.status() == Status.WARNING) {
                context.warn("QC " + r.status() + " " + r.id() + ": " + String.join("; ", r.reasons()));
            }
        }
        // A QC FAIL is a verdict about the data, not a failure of the stage: later stages (report) still run.
        return StageResult.ok("QC " + report.overall());
    }

    static void write(Path target, String text) throws java.io.IOException {
        AtomicFiles.writeString(target, text);
    }

    @Override
    public List<HealthCheck> selfCheck() {
        List<HealthCheck> out = new ArrayList<>();
        try {
            QcRunner.Report r = QcRunner.run(new CourseFacts(), QcRunner.CHECKS);
            out.add(HealthCheck.ok("qc: checks", r.checks().size() + " checks loaded"));
        } catch (Throwable t) {
            out.add(HealthCheck.problem("qc: checks", "cannot run: " + t));
        }
        return out;
    }
}
