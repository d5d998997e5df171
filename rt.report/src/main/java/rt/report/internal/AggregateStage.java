package rt.report.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import rt.api.HealthCheck;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;

/** Stage {@code aggregate} (cohort): results.xlsx + CSV twins + index.html in {@code OUT/cohort}. */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=aggregate")
public final class AggregateStage implements Stage {

    @Override
    public String id() {
        return "aggregate";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize", "dvh", "radiomics", "radiomics.robustness", "qc", "report");
    }

    @Override
    public Scope scope() {
        return Scope.COHORT;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        return new ResourceNeeds(1, 0, 512, true);
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        List<CourseDir> courses = CourseDir.list(context.outputRoot(), context.courses());
        context.progress().begin(2, "step");
        Aggregator.Summary summary = new Aggregator(courses, context::isCancelled).write(context.cohortDir());
        context.progress().advance(1);
        IndexPage.write(context.cohortDir(), courses, summary,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        context.progress().advance(1);
        for (String p : summary.problems()) {
            context.warn(p);
        }
        return StageResult.ok(courses.size() + " course(s); rows " + summary.rows());
    }

    @Override
    public List<HealthCheck> selfCheck() {
        List<HealthCheck> out = new ArrayList<>();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            wb.createSheet("x").createRow(0).createCell(0).setCellValue(1.5);
            var bytes = new java.io.ByteArrayOutputStream();
            wb.write(bytes);
            try (var back = org.apache.poi.ss.usermodel.WorkbookFactory
                    .create(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                double v = back.getSheetAt(0).getRow(0).getCell(0).getNumericCellValue();
                out.add(v == 1.5 ? HealthCheck.ok("aggregate: Apache POI", "xlsx write/read works (" + bytes.size()
                        + " bytes)") : HealthCheck.problem("aggregate: Apache POI", "read back " + v + ", wrote 1.5"));
            }
        } catch (Throwable t) {
            out.add(HealthCheck.problem("aggregate: Apache POI", "cannot write .xlsx: " + t));
        }
        return out;
    }
}
