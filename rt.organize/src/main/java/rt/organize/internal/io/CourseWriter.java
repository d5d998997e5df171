package rt.organize.internal.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.course.AtomicFiles;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.dicom.DicomReader;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.SpatialRegistration;
import rt.organize.internal.meta.MetadataWriter;
import rt.organize.internal.plan.CourseNaming;
import rt.organize.internal.plan.DicomSummary;
import rt.organize.internal.plan.DoseClassifier;
import rt.organize.internal.plan.ImageSeries;
import rt.organize.internal.plan.PlannedCourse;

/**
 * Writes one course folder (DESIGN §5): {@code dicom/} (hard links where possible, else copies), {@code ct.nii.gz},
 * {@code images/} (further volumes, e.g. an MR registered to the planning CT),
 * {@code dose.nii.gz} (a summed dose is also written as a new RTDOSE), {@code metadata/} (case.json, fractions.csv)
 * and {@code course.json}, last. A course whose
 * input fingerprint equals the one in its {@code course.json} is left untouched.
 */
public final class CourseWriter {

    /** What happened to one course. */
    public record Outcome(Course course, boolean written, List<String> problems) {
    }

    private final String stageVersion;
    private final String configSummary;
    private final boolean hardLinks;

    public CourseWriter(String stageVersion, String configSummary, boolean hardLinks) {
        this.stageVersion = stageVersion;
        this.configSummary = configSummary;
        this.hardLinks = hardLinks;
    }

    /** Course attribute holding the fingerprint of every input the course was built from. */
    public static final String INPUT_FINGERPRINT = CourseAttributes.INPUT_FINGERPRINT;

    public Outcome write(PlannedCourse pc, String courseId, Path outputRoot) throws IOException {
        String folder = CourseNaming.sanitize(pc.patientId().isEmpty() ? "no_patient_id" : pc.patientId()) + "/"
                + CourseNaming.sanitize(courseId);
        Path dir = outputRoot.resolve(folder);
        CourseFolder layout = new CourseFolder(dir);
        String fingerprint = fingerprint(pc, courseId);
        Path json = layout.courseJson();
        Course previous = unchanged(json, fingerprint);
        if (previous != null) {
            return new Outcome(previous, false, List.of());
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(json);
        deleteTree(layout.dicom());
        deleteTree(layout.images());
        Files.deleteIfExists(layout.ctImage());
        Files.deleteIfExists(layout.dose());
        Files.deleteIfExists(layout.caseMetadata());
        Files.deleteIfExists(layout.fractions());

        List<String> problems = new ArrayList<>();
        List<CourseObject> objects = new ArrayList<>();
        List<Map<String, Object>> objectJson = new ArrayList<>();
        Map<String, String> relByKey = new LinkedHashMap<>();
        for (ImageSeries s : pc.images()) {
            Role role = s == pc.planningCt() ? Role.PLANNING_CT : Role.IMAGE;
            // The published model holds ONE object per image volume (path = its folder); the per-slice detail
            // stays in course.json, so OUT/cohort/manifest.json does not grow with the slice count.
            String seriesFolder = seriesFolder(s);
            for (DicomSummary o : s.slices()) {
                String rel = seriesFolder + "/" + prefix(o) + safe(o.key()) + ".dcm";
                String how = place(Path.of(o.path()), dir.resolve(rel));
                add(null, objectJson, o, role, rel, how, role == Role.PLANNING_CT ? "planning CT volume " + s.id()
                        : "image volume " + s.id());
                relByKey.put(o.key(), rel);
            }
            objects.add(seriesObject(s, role, seriesFolder));
        }
        for (PlannedCourse.Member m : pc.members()) {
            DicomSummary o = m.object();
            String rel = "dicom/" + safe(o.modality().isEmpty() ? "OTHER" : o.modality()) + "/" + prefix(o)
                    + safe(o.key()) + ".dcm";
            String how = place(Path.of(o.path()), dir.resolve(rel));
            add(objects, objectJson, o, m.role(), rel, how, m.reason());
            relByKey.put(o.key(), rel);
        }

        // Planning CT → ct.nii.gz.
        Map<String, Object> ctJson = new LinkedHashMap<>();
        String ctSeries = null;
        if (pc.planningCt() != null) {
            ImageSeries ct = pc.planningCt();
            ctJson.put("volume", ct.id());
            ctJson.put("series_instance_uid", ct.seriesUid());
            ctJson.put("modality", ct.modality());
            ctJson.put("slices", ct.size());
            ctJson.put("folder", seriesFolder(ct));
            ctJson.put("frame_of_reference_uid", ct.frameOfReferenceUid());
            try {
                List<String> warnings = CourseImages.writeCt(
                        ct.slices().stream().map(o -> Path.of(o.path())).toList(), layout.ctImage());
                ctJson.put("nifti", layout.relative(layout.ctImage()));
                ctJson.put("warnings", warnings);
                ctSeries = ct.seriesUid();
            } catch (IOException | RuntimeException e) {
                String msg = "planning CT " + ct.id() + " could not be converted: " + oneLine(e);
                ctJson.put("error", msg);
                problems.add(msg);
            }
        } else {
            ctJson.put("nifti", null);
        }
        pc.decisions().stream().filter(d -> d.topic().equals("planning_ct")).findFirst()
                .ifPresent(d -> ctJson.put("reason", d.reason()));

        // Further image volumes → images/<modality>_<volume>.nii.gz, with the structure sets drawn on each.
        List<Map<String, Object>> imagesJson = new ArrayList<>();
        for (CourseImage img : courseImages(pc, layout, relByKey, problems)) {
            imagesJson.add(img.toJson());
        }
        List<Map<String, Object>> registrationsJson = registrations(pc, relByKey, problems);

        // Course dose → dose.nii.gz (and a summed RTDOSE).
        Map<String, Object> doseJson = new LinkedHashMap<>();
        var dd = pc.dose();
        doseJson.put("classification", dd.classification());
        doseJson.put("reason", dd.reason());
        doseJson.put("summed", dd.sum());
        doseJson.put("selected", dd.selectedDoses());
        doseJson.put("excluded", dd.excludedDoses());
        doseJson.put("plans", dd.selectedPlans());
        doseJson.put("prescription_gy", dd.prescriptionGy());
        doseJson.put("warnings", dd.warnings());
        String classification = dd.classification();
        if (dd.usable() && !dd.selectedDoses().isEmpty()) {
            Map<String, DicomSummary> byKey = new LinkedHashMap<>();
            pc.members(Role.RTDOSE).forEach(m -> byKey.put(m.object().key(), m.object()));
            List<Path> paths = dd.selectedDoses().stream().map(k -> Path.of(byKey.get(k).path())).toList();
            try {
                CourseImages.Dose dose = CourseImages.sum(paths);
                if (dd.sum() && paths.size() > 1) {
                    DicomSummary first = byKey.get(dd.selectedDoses().get(0));
                    List<String> planUids = new ArrayList<>();
                    pc.members(Role.RTPLAN).stream().filter(m -> dd.selectedPlans().contains(m.object().key()))
                            .forEach(m -> planUids.add(m.object().sopInstanceUid()));
                    String type = DoseClassifier.BEAM_SUM.equals(classification) ? "PLAN" : "PLAN_SUM";
                    PatientStudy ps = PatientStudy.of(DicomReader.readHeader(Path.of(first.path())).dataset());
                    Path tmp = dir.resolve("dicom/RTDOSE_SUM/RD.sum.dcm");
                    Files.createDirectories(tmp.getParent());
                    String uid = new RtDoseWriter(ps, first.frameOfReferenceUid(), dose.volume())
                            .summation(type, planUids).series(900, "rt organize: " + classification + " of "
                                    + paths.size() + " doses")
                            .comment(classification + ": " + String.join(" + ", dd.selectedDoses()))
                            .uidsFromContent().write(tmp);
                    String rel = "dicom/RTDOSE_SUM/RD.sum." + safe(uid) + ".dcm";
                    Files.move(tmp, dir.resolve(rel), StandardCopyOption.ATOMIC_MOVE);
                    objects.add(new CourseObject(Role.RTDOSE_SUM, "RTDOSE", uid, null, first.frameOfReferenceUid(),
                            rel, null));
                    Map<String, Object> oj = new LinkedHashMap<>();
                    oj.put("role", Role.RTDOSE_SUM.name());
                    oj.put("modality", "RTDOSE");
                    oj.put("sop_instance_uid", uid);
                    oj.put("path", rel);
                    oj.put("reason", "sum of " + dd.selectedDoses() + " written by organize (" + type + ")");
                    objectJson.add(oj);
                    doseJson.put("sum_rtdose", rel);
                }
                CourseImages.writeDose(dose.volume(), layout.dose());
                doseJson.put("nifti", layout.relative(layout.dose()));
                doseJson.put("notes", dose.notes());
            } catch (IOException | RuntimeException e) {
                String msg = "course dose could not be built: " + oneLine(e);
                doseJson.put("error", msg);
                doseJson.put("nifti", null);
                problems.add(msg);
            }
        } else {
            doseJson.put("nifti", null);
        }

        // Clinical metadata (case.json, fractions.csv) from the course's own objects; a file that cannot be read
        // is a problem of the course, not a reason to lose it.
        Map<String, Object> metadataJson = new LinkedHashMap<>();
        try {
            List<String> metaProblems = MetadataWriter.write(pc, courseId, layout);
            problems.addAll(metaProblems);
            metadataJson.put("case", layout.relative(layout.caseMetadata()));
            metadataJson.put("fractions", layout.relative(layout.fractions()));
        } catch (IOException | RuntimeException e) {
            String msg = "case metadata could not be written: " + oneLine(e);
            metadataJson.put("error", msg);
            problems.add(msg);
        }

        // The course's own input fingerprint travels in the model, so that later stages rerun for this course
        // only when its inputs changed (the organize stage's fingerprint covers the whole input tree).
        Map<String, String> attributes = new LinkedHashMap<>(pc.attributes());
        attributes.put(INPUT_FINGERPRINT, fingerprint);
        Course course = new Course(pc.patientId(), courseId, folder, pc.site(), pc.fileCount(),
                frameOf(pc), ctSeries, dd.prescriptionGy(), classification, objects, attributes);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("patient_id", pc.patientId());
        root.put("course_id", courseId);
        root.put("folder", folder);
        root.put("group_key", pc.groupKey());
        root.put("start_date", pc.startDate());
        root.put("site", pc.site());
        root.put("attributes", pc.attributes());
        root.put("planning_ct", ctJson);
        root.put(CourseImage.COURSE_JSON_KEY, imagesJson);
        root.put("registrations", registrationsJson);
        root.put("dose", doseJson);
        root.put("prescription", prescription(pc));
        root.put("metadata", metadataJson);
        root.put("decisions", pc.decisions().stream().map(d -> Map.of("topic", d.topic(), "choice", d.choice(),
                "reason", d.reason())).toList());
        root.put("problems", problems);
        root.put("objects", objectJson);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("stage", "organize");
        provenance.put("stage_version", stageVersion);
        provenance.put("config", configSummary);
        provenance.put("input_fingerprint", fingerprint);
        root.put("provenance", provenance);
        root.put("model", course);
        Json.write(json, root);
        return new Outcome(course, true, problems);
    }

    /**
     * Every image volume of the course for {@code course.json}: the planning CT (its NIfTI is {@code ct.nii.gz},
     * written above) and each further volume written as NIfTI here; each with the manual structure sets drawn on it
     * (by their referenced series, else by frame of reference) and what relates it to the planning CT.
     */
    private static List<CourseImage> courseImages(PlannedCourse pc, CourseFolder layout,
            Map<String, String> relByKey, List<String> problems) {
        ImageSeries ct = pc.planningCt();
        Map<ImageSeries, List<String>> sets = new LinkedHashMap<>();
        pc.images().forEach(s -> sets.put(s, new ArrayList<>()));
        for (PlannedCourse.Member m : pc.members(Role.RTSTRUCT)) {
            ImageSeries on = drawnOn(m.object(), pc.images(), ct);
            if (on != null) {
                sets.get(on).add(relByKey.get(m.object().key()));
            }
        }
        List<CourseImage> out = new ArrayList<>();
        for (ImageSeries s : pc.images()) {
            boolean planning = s == ct;
            String nifti = null;
            if (planning) {
                nifti = Files.isRegularFile(layout.ctImage()) ? layout.relative(layout.ctImage()) : null;
            } else {
                Path target = layout.image(s.modality(), s.id());
                try {
                    CourseImages.writeImage(s.slices().stream().map(o -> Path.of(o.path())).toList(), target);
                    nifti = layout.relative(target);
                } catch (IOException | RuntimeException e) {
                    problems.add(s.modality() + " volume " + s.id() + " could not be converted: " + oneLine(e));
                }
            }
            out.add(new CourseImage(s.id(), s.seriesUid(), s.modality(), s.frameOfReferenceUid(), nifti, planning,
                    planning ? null : relation(s, ct, pc), sets.get(s)));
        }
        return out;
    }

    /** The volume an RTSTRUCT is drawn on: its referenced series (the planning CT first), else its frame. */
    private static ImageSeries drawnOn(DicomSummary rs, List<ImageSeries> images, ImageSeries ct) {
        List<String> refs = rs.struct() == null ? List.of() : rs.struct().referencedSeriesUids();
        if (ct != null && refs.contains(ct.seriesUid())) {
            return ct;
        }
        for (ImageSeries s : images) {
            if (refs.contains(s.seriesUid())) {
                return s;
            }
        }
        String frame = rs.frameOfReferenceUid();
        if (ct != null && frame != null && frame.equals(ct.frameOfReferenceUid())) {
            return ct;
        }
        return images.stream().filter(s -> frame != null && frame.equals(s.frameOfReferenceUid())).findFirst()
                .orElse(null);
    }

    /** How a further volume relates to the planning CT: the same frame, a registration of the course, or nothing. */
    private static String relation(ImageSeries s, ImageSeries ct, PlannedCourse pc) {
        if (ct == null || s.frameOfReferenceUid() == null) {
            return null;
        }
        if (s.frameOfReferenceUid().equals(ct.frameOfReferenceUid())) {
            return "same frame of reference";
        }
        for (PlannedCourse.Member m : pc.members(Role.REGISTRATION)) {
            var reg = m.object().registration();
            if (reg != null && reg.frameUids().contains(s.frameOfReferenceUid())
                    && reg.frameUids().contains(ct.frameOfReferenceUid())) {
                return "REG " + m.object().key();
            }
        }
        return null;
    }

    /** The course's registrations as course.json records them: frames, matrices, referenced series. */
    private static List<Map<String, Object>> registrations(PlannedCourse pc, Map<String, String> relByKey,
            List<String> problems) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlannedCourse.Member m : pc.members(Role.REGISTRATION)) {
            DicomSummary o = m.object();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sop_instance_uid", o.sopInstanceUid());
            r.put("sop_class_uid", o.sopClassUid());
            r.put("path", relByKey.get(o.key()));
            try {
                SpatialRegistration reg = SpatialRegistration.of(DicomReader.read(Path.of(o.path())).dataset());
                r.put("frame_of_reference_uid", reg.frameOfReferenceUid());
                List<Map<String, Object>> frames = new ArrayList<>();
                for (SpatialRegistration.Frame f : reg.frames()) {
                    Map<String, Object> fj = new LinkedHashMap<>();
                    fj.put("frame_of_reference_uid", f.frameOfReferenceUid());
                    fj.put("matrix_type", f.matrixType());
                    fj.put("matrix", f.matrix());
                    frames.add(fj);
                }
                r.put("frames", frames);
                r.put("referenced_series", reg.seriesUids());
            } catch (IOException | RuntimeException e) {
                problems.add("registration " + o.key() + " could not be read: " + oneLine(e));
                r.put("error", oneLine(e));
            }
            r.put("reason", m.reason());
            out.add(r);
        }
        return out;
    }

    private static String frameOf(PlannedCourse pc) {
        if (pc.planningCt() != null) {
            return pc.planningCt().frameOfReferenceUid();
        }
        return pc.members().stream().map(m -> m.object().frameOfReferenceUid()).filter(f -> f != null).findFirst()
                .orElse(null);
    }

    private static List<Map<String, Object>> prescription(PlannedCourse pc) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlannedCourse.Member m : pc.members(Role.RTPLAN)) {
            var p = m.object().plan();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("plan", m.object().key());
            r.put("label", p.label());
            r.put("date", p.date());
            r.put("rx_gy", p.rxGy());
            r.put("fractions", p.fractions());
            r.put("source", p.rxSource());
            r.put("selected", pc.dose().selectedPlans().contains(m.object().key()));
            out.add(r);
        }
        return out;
    }

    /** Course-relative folder of an image volume's slices: {@code dicom/<modality>/<volume id>}. */
    static String seriesFolder(ImageSeries s) {
        return "dicom/" + safe(s.modality().isEmpty() ? "OTHER" : s.modality()) + "/" + safe(s.id());
    }

    /**
     * The model object of one image volume: SOP Instance UID {@code null}, path = the volume's folder (its slices
     * are the {@code *.dcm} files in it), source path = the folder the slices were found in when they share one,
     * else {@code null}.
     */
    static CourseObject seriesObject(ImageSeries s, Role role, String folder) {
        Path common = null;
        for (DicomSummary o : s.slices()) {
            Path parent = Path.of(o.path()).getParent();
            if (common == null) {
                common = parent;
            } else if (!common.equals(parent)) {
                common = null;
                break;
            }
        }
        return new CourseObject(role, s.modality(), null, s.seriesUid(), s.frameOfReferenceUid(), folder,
                common == null ? null : common.toString());
    }

    private void add(List<CourseObject> objects, List<Map<String, Object>> json, DicomSummary o, Role role,
            String rel, String how, String reason) {
        if (objects != null) {
            objects.add(new CourseObject(role, o.modality(), o.sopInstanceUid(), o.seriesUid(),
                    o.frameOfReferenceUid(), rel, o.path()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("role", role.name());
        j.put("modality", o.modality());
        j.put("key", o.key());
        j.put("sop_instance_uid", o.sopInstanceUid());
        j.put("series_instance_uid", o.seriesUid());
        j.put("study_instance_uid", o.studyUid());
        j.put("frame_of_reference_uid", o.frameOfReferenceUid());
        j.put("path", rel);
        j.put("source_path", o.path());
        j.put("placed_by", how);
        j.put("reason", reason);
        json.add(j);
    }

    /** Hard link where possible, else a copy. */
    private String place(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (hardLinks) {
            try {
                Files.createLink(target, source);
                return "hardlink";
            } catch (FileAlreadyExistsException e) {
                Files.delete(target);
                try {
                    Files.createLink(target, source);
                    return "hardlink";
                } catch (IOException | UnsupportedOperationException e2) {
                    // fall through to a copy
                }
            } catch (IOException | UnsupportedOperationException e) {
                // other file system, no permission: copy
            }
        }
        AtomicFiles.write(target, out -> Files.copy(source, out));
        return "copy";
    }

    private static String prefix(DicomSummary o) {
        return switch (o.modality()) {
            case "RTSTRUCT" -> "RS.";
            case "RTPLAN" -> "RP.";
            case "RTDOSE" -> "RD.";
            case "" -> "OT.";
            default -> safe(o.modality()) + ".";
        };
    }

    private static String safe(String s) {
        return CourseNaming.sanitize(s == null ? "" : s.replace('#', '_'));
    }

    /** The course from an up-to-date course.json, or {@code null} when it must be (re)written. */
    private Course unchanged(Path json, String fingerprint) {
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(json.toFile());
            if (!fingerprint.equals(root.path("provenance").path("input_fingerprint").asText())) {
                return null;
            }
            for (String f : new String[] {"planning_ct", "dose"}) {
                String nifti = root.path(f).path("nifti").asText(null);
                if (nifti != null && !root.path(f).path("nifti").isNull()
                        && !Files.isRegularFile(json.resolveSibling(nifti))) {
                    return null;
                }
            }
            for (JsonNode img : root.path(CourseImage.COURSE_JSON_KEY)) {
                String nifti = img.path("nifti").asText(null);
                if (nifti != null && !img.path("nifti").isNull() && !Files.isRegularFile(json.resolveSibling(nifti))) {
                    return null;
                }
            }
            String caseJson = root.path("metadata").path("case").asText(null);
            if (caseJson == null || !Files.isRegularFile(json.resolveSibling(caseJson))) {
                return null;
            }
            return Json.MAPPER.treeToValue(root.path("model"), Course.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Everything the course outputs depend on: stage version, configuration, ids and every input file's state. */
    String fingerprint(PlannedCourse pc, String courseId) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder b = new StringBuilder();
            b.append(stageVersion).append('\n').append(configSummary).append('\n').append(pc.patientId()).append('\n')
                    .append(courseId).append('\n').append(pc.groupKey()).append('\n')
                    .append(pc.planningCt() == null ? "-" : pc.planningCt().id()).append('\n')
                    .append(pc.dose().classification()).append(pc.dose().selectedDoses()).append('\n');
            List<String> lines = new ArrayList<>();
            for (ImageSeries s : pc.images()) {
                for (DicomSummary o : s.slices()) {
                    lines.add(s.id() + "|" + line(o));
                }
            }
            for (PlannedCourse.Member m : pc.members()) {
                lines.add(m.role() + "|" + line(m.object()));
            }
            lines.sort(Comparator.naturalOrder());
            lines.forEach(l -> b.append(l).append('\n'));
            return HexFormat.of().formatHex(md.digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(DicomSummary o) {
        return o.key() + "|" + o.path() + "|" + o.size() + "|" + o.lastModified();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
