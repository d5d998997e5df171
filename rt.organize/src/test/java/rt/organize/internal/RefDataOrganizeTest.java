package rt.organize.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.organize.internal.io.Json;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/** Organize on third-party data: pydicom's RT test files and the Nelms DVH set. */
@ExtendWith(SurefireStyleSummary.class)
class RefDataOrganizeTest {

    @TempDir
    Path tmp;

    @Test
    void pydicomsRtObjectsOfDifferentPatientsAreNeverMergedAndGarbageIsListed() throws Exception {
        Path src = RefData.resolve("pydicom-rt");
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        Files.writeString(in.resolve("notes.txt"), "not a DICOM file\n");
        Files.write(in.resolve("empty.dcm"), new byte[0]);
        byte[] truncated = Files.readAllBytes(src.resolve("rtplan.dcm"));
        Files.write(in.resolve("truncated.dcm"), java.util.Arrays.copyOf(truncated, 700));
        Path out = tmp.resolve("out");
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        assertTrue(new OrganizeStage().run(ctx).isOk());

        for (Course c : ctx.published()) {
            assertTrue(c.objects().isEmpty() || c.objects().stream().map(CourseObject::sourcePath)
                    .allMatch(p -> p != null), c.key());
        }
        Map<Course, List<String>> sourcesOf = new java.util.LinkedHashMap<>();
        for (Course c : ctx.published()) {
            sourcesOf.put(c, sourceFiles(out, c));
        }
        Map<String, String> patientOf = Map.of("rtstruct.dcm", "tPhantom30sep", "rtplan.dcm", "id00001",
                "rtdose.dcm", "id11111", "CT_small.dcm", "1CT1");
        for (var e : patientOf.entrySet()) {
            List<Course> holding = ctx.published().stream().filter(c -> sourcesOf.get(c).stream()
                    .anyMatch(p -> p.endsWith("/" + e.getKey()))).toList();
            assertEquals(1, holding.size(), e.getKey() + " is in exactly one course");
            assertEquals(e.getValue(), holding.get(0).patientId());
            assertTrue(sourcesOf.get(holding.get(0)).stream().allMatch(p -> patientOf.entrySet().stream()
                    .filter(x -> p.endsWith("/" + x.getKey())).allMatch(x -> x.getValue()
                            .equals(e.getValue())) || p.endsWith("rtdose_1frame.dcm")),
                    "no object of another patient in " + holding.get(0).key());
        }
        // rtstruct.dcm has no preamble and no file meta: read all the same.
        assertTrue(ctx.published().stream().anyMatch(c -> !c.objects(Role.RTSTRUCT).isEmpty()));
        // rtdose.dcm and rtdose_1frame.dcm share a SOP Instance UID with different content: both kept.
        long doses = ctx.published().stream().mapToLong(c -> c.objects(Role.RTDOSE).size()).sum();
        assertEquals(2, doses);

        JsonNode report = Json.MAPPER.readTree(out.resolve("cohort/organize-report.json").toFile());
        Set<String> listed = new HashSet<>();
        for (JsonNode n : report.path("not_usable")) {
            listed.add(Path.of(n.path("path").asText()).getFileName().toString());
            assertTrue(!n.path("reason").asText().isBlank());
        }
        assertEquals(Set.of("notes.txt", "empty.dcm", "truncated.dcm", "LICENSE"), listed);
        assertEquals(1, report.path("warnings").size(), "same UID, different content warned: " + report);
    }

    @Test
    void dicompylersStructureSetCarriesItsFrameOfReferenceWhereTheStandardPutsIt() throws Exception {
        // A real export whose RTSTRUCT has the frame only in (3006,0010) and per ROI (3006,0024), not at (0020,0052):
        // the course object gets it, so QC's frame-of-reference check sees it (it warned "without a frame of
        // reference UID" when organize read the top level only).
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        for (String f : List.of("ct.0.dcm", "rtss.dcm", "rtplan.dcm")) {
            Files.copy(RefData.resolve("dicompyler-core/" + f), in.resolve(f));
        }
        TestStageContext ctx = TestStageContext.builder(tmp.resolve("out")).dicomRoot(in).build();
        assertTrue(new OrganizeStage().run(ctx).isOk());
        List<CourseObject> structs = ctx.published().stream().flatMap(c -> c.objects(Role.RTSTRUCT).stream())
                .toList();
        assertEquals(1, structs.size());
        assertEquals("2.16.840.1.113662.2.12.0.3057.1241703565.36", structs.get(0).frameOfReferenceUid());
    }

    @Test
    void aJpegLsCompressedPlanningCtGivesTheSameCtVolume() throws Exception {
        // PACS exports are often compressed: the course's ct.nii.gz must not depend on the transfer syntax.
        Path gdcmconv = Path.of("/usr/bin/gdcmconv");
        if (!Files.isExecutable(gdcmconv)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("gdcmconv missing (Debian libgdcm-tools, in tools/ci-packages.txt)");
            }
            org.junit.jupiter.api.Assumptions.abort("gdcmconv not installed (Debian libgdcm-tools)");
        }
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Path jls = Files.createDirectories(tmp.resolve("jls"));
        for (String f : List.of("ct.0.dcm", "rtss.dcm")) {
            Files.copy(RefData.resolve("dicompyler-core/" + f), raw.resolve(f));
        }
        Files.copy(raw.resolve("rtss.dcm"), jls.resolve("rtss.dcm"));
        Process p = new ProcessBuilder(gdcmconv.toString(), "--jpegls", "-i", raw.resolve("ct.0.dcm").toString(),
                "-o", jls.resolve("ct.0.dcm").toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        rt.api.image.Volume[] ct = new rt.api.image.Volume[2];
        int i = 0;
        for (Path in : List.of(raw, jls)) {
            Path out = tmp.resolve("out" + i);
            TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
            assertTrue(new OrganizeStage().run(ctx).isOk());
            Course c = ctx.published().get(0);
            ct[i++] = rt.nifti.Nifti.readVolume(out.resolve(c.folder()).resolve("ct.nii.gz"),
                    rt.api.image.Quantity.HU);
        }
        assertTrue(ct[0].grid().sameAs(ct[1].grid(), 1e-6));
        org.junit.jupiter.api.Assertions.assertArrayEquals(ct[0].voxels(), ct[1].voxels(), 0f);
    }

    /** Source paths of every file of a course, from its course.json (the model lists image volumes, not slices). */
    static List<String> sourceFiles(Path out, Course c) throws java.io.IOException {
        JsonNode j = Json.MAPPER.readTree(out.resolve(c.folder()).resolve("course.json").toFile());
        List<String> paths = new java.util.ArrayList<>();
        for (JsonNode o : j.path("objects")) {
            if (!o.path("source_path").isMissingNode() && !o.path("source_path").isNull()) {
                paths.add(o.path("source_path").asText());
            }
        }
        return paths;
    }

    @Test
    void nelmsDuplicateUidsAreHandledWithoutDataLoss() throws Exception {
        Path in = RefData.resolve("nelms-dvh");
        Path out = tmp.resolve("out");
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).config("link_mode", "copy").build();
        assertTrue(new OrganizeStage().run(ctx).isOk());
        List<Course> courses = ctx.published();
        assertEquals(1, courses.size(), "one patient, one study");
        Course c = courses.get(0);
        long dicomFiles;
        try (Stream<Path> s = Files.walk(in)) {
            dicomFiles = s.filter(p -> p.toString().endsWith(".dcm")).count();
        }
        Set<String> sources = new HashSet<>(sourceFiles(out, c));
        JsonNode cj = Json.MAPPER.readTree(out.resolve(c.folder()).resolve("course.json").toFile());
        Map<String, Integer> slices = new java.util.HashMap<>();
        for (JsonNode o : cj.path("objects")) {
            slices.merge(o.path("role").asText(), 1, Integer::sum);
        }
        assertAll(() -> assertEquals(dicomFiles, sources.size(), "every DICOM file of the set is in the course"),
                () -> assertEquals(50, slices.get("PLANNING_CT") + slices.get("IMAGE"),
                        "2 mm (30) and 3 mm (20) volumes share one series UID: both kept"),
                () -> assertEquals(Set.of(20, 30), Set.of(slices.get("PLANNING_CT"), slices.get("IMAGE"))),
                () -> assertEquals(1, c.objects(Role.PLANNING_CT).size(), "one model object per volume"),
                () -> assertEquals(1, c.objects(Role.IMAGE).size(), "one model object per volume"),
                () -> assertEquals(c.objects(Role.PLANNING_CT).get(0).seriesInstanceUid(),
                        c.objects(Role.IMAGE).get(0).seriesInstanceUid(), "the two volumes share the series UID"),
                () -> assertTrue(!c.objects(Role.PLANNING_CT).get(0).path()
                        .equals(c.objects(Role.IMAGE).get(0).path()), "…but not their folder"),
                () -> assertEquals(6, c.objects(Role.RTDOSE).size(), "6 doses, two pairs share SOP UIDs"),
                () -> assertEquals(30, c.objects(Role.RTSTRUCT).size()),
                () -> assertEquals("ambiguous_no_sum", c.doseClassification()));
        JsonNode j = Json.MAPPER.readTree(out.resolve(c.folder()).resolve("course.json").toFile());
        assertTrue(j.path("decisions").toString().contains("series_split"));
        // The planning CT is the volume that holds the chosen structure set's contour images (the Nelms RTSTRUCTs
        // name their CT: 2mmCT/3mmCT), not merely the larger one.
        String why = j.path("planning_ct").path("reason").asText();
        assertTrue(why.matches(".*holding (20|30) of its contour images.*"), why);
        Set<String> paths = new HashSet<>();
        for (JsonNode o : j.path("objects")) {
            assertTrue(paths.add(o.path("path").asText()), "two objects written to one path: " + o);
            assertTrue(Files.isRegularFile(out.resolve(c.folder()).resolve(o.path("path").asText())));
        }
        assertTrue(Files.isRegularFile(out.resolve(c.folder()).resolve("ct.nii.gz")));
    }
}
