package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import rt.api.CommandExit;
import rt.course.CohortFolder;
import rt.course.CourseFolder;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.testsupport.SurefireStyleSummary;

/**
 * Site profiles on organize's real output: a cohort written by the demo writers, each patient edited so that one
 * attribute kind identifies its site (Body Part Examined, plan label, plan name, a structure name), and one profile
 * per kind. {@code --site X} runs exactly the course its rule matches and exactly that site's stages; manifest.json,
 * course.json and rt:status show the site and the rule that chose it.
 */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class SiteProfilesIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor gogo;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void eachRuleKindSelectsItsCourseAndItsStages() throws Exception {
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=run))");
        Services.await(context, "(&(osgi.command.scope=rt)(osgi.command.function=demo))");
        for (String id : List.of("organize", "qc", "dvh")) {
            Services.awaitStage(context, gogo, id);
        }
        Path work = Files.createTempDirectory("rt-it-sites-");
        Gogo.Result demo = Gogo.execute(gogo, "rt:demo '" + work.resolve("demo") + "' --patients 4 --write-only");
        assertEquals(CommandExit.OK, demo.exit(), demo.output());
        Path input = work.resolve("demo/input");
        edit(input.resolve("DEMO001"), "CT", false, o -> o.putString(Tag.BodyPartExamined, "PELVIS"));
        edit(input.resolve("DEMO002"), "RTSTRUCT", false, o -> {
            for (DicomObject roi : o.getSequence(Tag.StructureSetROISequence)) {
                if ("SPINE".equals(roi.getString(Tag.ROIName))) {
                    roi.putString(Tag.ROIName, "PROSTATE_BED");
                }
            }
        });
        // one plan of the replan course is enough: a rule matches any plan's value
        edit(input.resolve("DEMO003"), "RTPLAN", true, o -> o.putString(Tag.RTPlanName, "Prostate bed"));
        edit(input.resolve("DEMO004"), "RTPLAN", true, o -> o.putString(Tag.RTPlanLabel, "PROST VMAT"));
        Path config = work.resolve("rt.yaml");
        Files.writeString(config, String.join("\n",
                "sites:",
                "  by_body_part: {body_part: \"^PELVIS$\", stages: [qc]}",
                "  by_plan_label: {plan_label: \"^PROST\", stages: [qc, dvh]}",
                "  by_plan_name: {plan_name: \"(?i)prostate bed\", stages: [dvh]}",
                "  by_structure: {structures: \"^PROSTATE_BED$\", stages: [qc]}",
                ""));
        Map<String, String> expectedSite = new LinkedHashMap<>();
        expectedSite.put("DEMO001", "by_body_part");
        expectedSite.put("DEMO002", "by_structure");
        expectedSite.put("DEMO003", "by_plan_name");
        expectedSite.put("DEMO004", "by_plan_label");
        Map<String, List<String>> stagesOf = Map.of("by_body_part", List.of("qc"), "by_plan_label",
                List.of("dvh", "qc"), "by_plan_name", List.of("dvh"), "by_structure", List.of("qc"));

        Path out = work.resolve("out");
        Set<String> expectedStates = new TreeSet<>();
        for (Map.Entry<String, String> e : expectedSite.entrySet()) {
            Gogo.Result r = Gogo.execute(gogo, "rt:run --dicom-root '" + input + "' --outdir '" + out
                    + "' --config '" + config + "' --site " + e.getValue());
            assertEquals(CommandExit.OK, r.exit(), r.output());
            for (String stage : stagesOf.get(e.getValue())) {
                expectedStates.add(e.getKey() + " " + stage);
            }
            assertEquals(expectedStates, courseStates(out), "--site " + e.getValue() + ": (course, stage) that ran");
        }

        // recording the site decision leaves organize's outputs as organize recorded them: a rerun resumes everything
        Gogo.Result again = Gogo.execute(gogo, "rt:run --dicom-root '" + input + "' --outdir '" + out
                + "' --config '" + config + "' --site by_plan_label");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "tasks ok (\\d+) \\((\\d+) unchanged, resumed\\), skipped (\\d+)").matcher(again.output());
        assertTrue(m.find() && Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(3))
                == Integer.parseInt(m.group(2)), "an unchanged rerun resumes every task:\n" + again.output());

        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(CohortFolder.of(out).manifest().toFile());
        String[] field = {"body_part", "structures", "plan_name", "plan_label"};
        int i = 0;
        for (JsonNode c : manifest.path("courses")) {
            String patient = c.path("patient").asText();
            assertEquals(expectedSite.get(patient), c.path("site").asText(), patient + " site in manifest.json");
            assertTrue(c.path("site_rule").asText().contains(field[i]), patient + " rule: " + c.path("site_rule"));
            JsonNode record = json.readTree(CourseFolder.of(out, c.path("path").asText()).courseJson().toFile());
            assertEquals(expectedSite.get(patient), record.path("site").asText(), patient + " site in course.json");
            assertEquals(c.path("site_rule").asText(), record.path("site_rule").asText(), patient + " course.json");
            i++;
        }
        Gogo.Result status = Gogo.execute(gogo, "rt:status '" + out + "'");
        for (String site : expectedSite.values()) {
            assertTrue(status.output().contains(site), "rt:status shows site " + site + ":\n" + status.output());
        }
        Gogo.Result unknown = Gogo.execute(gogo, "rt:run --dicom-root '" + input + "' --outdir '" + out
                + "' --config '" + config + "' --site prostate");
        assertEquals(CommandExit.USAGE, unknown.exit(), "an unknown site is a usage error: " + unknown.output());
        TestFiles.deleteTree(work);
    }

    /** Every (patient, course stage) with a resume state under OUT. */
    private static Set<String> courseStates(Path out) throws Exception {
        Set<String> states = new TreeSet<>();
        try (Stream<Path> s = Files.walk(out, 4)) {
            for (Path f : s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals(".state")
                    && p.toString().endsWith(".json")).toList()) {
                Path courseDir = f.getParent().getParent();
                if (courseDir.getFileName().toString().equals(CohortFolder.NAME)) {
                    continue;
                }
                String name = f.getFileName().toString();
                states.add(courseDir.getParent().getFileName() + " " + name.substring(0, name.length() - 5));
            }
        }
        return states;
    }

    interface Edit {
        void apply(DicomObject dataset);
    }

    /** Rewrites the objects of one modality of a patient (or the first), as another system might have written them. */
    private static void edit(Path patient, String modality, boolean firstOnly, Edit edit) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(patient)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        int n = 0;
        for (Path f : files) {
            DicomObject o = DicomReader.readDataset(f);
            if (modality.equals(o.getString(Tag.Modality))) {
                edit.apply(o);
                DicomWriter.write(o, f);
                n++;
                if (firstOnly) {
                    break;
                }
            }
        }
        assertTrue(n > 0, "no " + modality + " object under " + patient);
    }
}
