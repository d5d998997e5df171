package rt.organize.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.organize.internal.OrganizeStage;
import rt.testsupport.TestStageContext;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.io.Json;

/**
 * Tool, not a test: runs the organize stage with a plain StageContext on a folder and prints the courses, their
 * objects and every decision. {@code java … OrganizeTool DICOM_ROOT OUT [key=value …]} (config keys of the stage,
 * e.g. {@code merge_criteria=frame_of_reference max_days=30 link_mode=copy}); {@code OrganizeTool --demo N OUT}
 * writes a demo cohort to {@code OUT/input} first.
 */
public final class OrganizeTool {

    private OrganizeTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OrganizeTool DICOM_ROOT OUT [key=value …] | OrganizeTool --demo N OUT");
            System.exit(2);
        }
        Path in;
        Path out;
        int next;
        if (args[0].equals("--demo")) {
            out = Path.of(args[2]);
            in = out.resolve("input");
            DemoCohort.write(in, Integer.parseInt(args[1]));
            next = 3;
        } else {
            in = Path.of(args[0]);
            out = Path.of(args[1]);
            next = 2;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = next; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            config.put(kv[0], kv[1].matches("-?\\d+") ? (Object) Integer.valueOf(kv[1]) : kv[1]);
        }
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).config(config)
                .cores(Runtime.getRuntime().availableProcessors()).build();
        StageResult r = new OrganizeStage().run(ctx);
        System.out.println("result: " + r);
        if (ctx.published() == null) {
            ctx.logLines().forEach(System.out::println);
            return;
        }
        for (Course c : ctx.published()) {
            System.out.printf("%n== %s  folder=%s site=%s rx=%s dose=%s files=%d CT=%s%n", c.key(), c.folder(),
                    c.site(), c.prescriptionGy(), c.doseClassification(), c.fileCount(), c.planningCtSeriesUid());
            for (CourseObject o : c.objects()) {
                System.out.printf("   %-11s %-8s %s%n", o.role(), o.modality(), o.path());
            }
            Path json = out.resolve(c.folder()).resolve("course.json");
            if (Files.isRegularFile(json)) {
                JsonNode j = Json.MAPPER.readTree(json.toFile());
                for (JsonNode d : j.path("decisions")) {
                    System.out.printf("   - %s = %s: %s%n", d.path("topic").asText(), d.path("choice").asText(),
                            d.path("reason").asText());
                }
                for (JsonNode p : j.path("problems")) {
                    System.out.println("   ! " + p.asText());
                }
                for (JsonNode w : j.path("dose").path("warnings")) {
                    System.out.println("   ~ " + w.asText());
                }
            }
        }
        JsonNode report = Json.MAPPER.readTree(out.resolve("cohort/organize-report.json").toFile());
        System.out.println();
        for (JsonNode n : report.path("not_usable")) {
            System.out.println("not usable: " + n.path("path").asText() + ": " + n.path("reason").asText());
        }
        for (JsonNode n : report.path("unassigned")) {
            System.out.println("unassigned: " + n.path("path").asText() + ": " + n.path("reason").asText());
        }
        for (JsonNode n : report.path("warnings")) {
            System.out.println("warning: " + n.asText());
        }
        for (JsonNode n : report.path("problems")) {
            System.out.println("problem: " + n.asText());
        }
    }
}
