package rt.organize.internal.plan;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import rt.api.course.CourseAttributes;
import rt.api.course.Role;
import rt.organize.internal.plan.PlannedCourse.Decision;
import rt.organize.internal.plan.PlannedCourse.Member;

/**
 * Linking and grouping into courses (upstream {@code metadata.py link_rt_sets/group_by_course},
 * {@code organize.py} planning-CT choice), per patient: objects of different PatientIDs are never merged.
 *
 * <p>Linking: RTDOSE → RTPLAN by ReferencedRTPlanSequence; RTPLAN → RTSTRUCT by ReferencedStructureSetSequence, else
 * the RTSTRUCT on the dose's frame of reference; RTSTRUCT → image volume by RTReferencedSeriesSequence (the volume
 * holding most of its contour images, then most slices). Unlike upstream, doses whose plan is absent are not dropped
 * but form their own plan set, and RTSTRUCTs, image series and other objects that no plan references still land in
 * a course (or in the unassigned list with a reason), so nothing found is lost silently.
 */
public final class CourseGrouper {

    public enum MergeCriteria {
        SAME_CT_STUDY,
        FRAME_OF_REFERENCE;

        public static MergeCriteria parse(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return switch (v) {
                case "", "same_ct_study", "study" -> SAME_CT_STUDY;
                case "frame_of_reference", "for" -> FRAME_OF_REFERENCE;
                default -> throw new IllegalArgumentException(
                        "merge_criteria must be same_ct_study or frame_of_reference, not '" + value + "'");
            };
        }
    }

    /** @param maxDays split a course whose plans span more than this many days; {@code null} = never */
    public record Options(MergeCriteria merge, Integer maxDays) {
    }

    public record Unassigned(DicomSummary object, String reason) {
    }

    public record Result(List<PlannedCourse> courses, List<Unassigned> unassigned) {
    }

    /** A plan with its doses (or doses whose plan is absent), linked to a structure set. */
    private record PlanSet(DicomSummary plan, List<DicomSummary> doses, DicomSummary struct, String study,
            String frame, String date, List<Decision> decisions) {

        String label() {
            return plan != null ? "RTPLAN " + plan.key() : "RTDOSE " + doses.get(0).key();
        }
    }

    private static final class Draft {
        final String key;
        final List<PlanSet> sets = new ArrayList<>();
        final Map<String, Member> members = new LinkedHashMap<>();
        final List<Decision> decisions = new ArrayList<>();
        final String study;
        final String frame;

        Draft(String key, String study, String frame) {
            this.key = key;
            this.study = study;
            this.frame = frame;
        }

        void add(DicomSummary o, Role role, String reason) {
            members.putIfAbsent(o.key(), new Member(o, role, reason));
        }

        List<DicomSummary> structs() {
            return members.values().stream().filter(m -> m.role() == Role.RTSTRUCT).map(Member::object).toList();
        }
    }

    private CourseGrouper() {
    }

    /**
     * Which patients hold each SOP Instance and Series Instance UID, so that a reference that cannot be followed
     * within a patient says whether the object is absent or belongs to another PatientID (exports that change the
     * PatientID of some objects: never linked, but said so).
     */
    private record Owners(Map<String, Set<String>> bySop, Map<String, Set<String>> bySeries) {

        static Owners of(List<DicomSummary> objects) {
            Map<String, Set<String>> sop = new java.util.HashMap<>();
            Map<String, Set<String>> series = new java.util.HashMap<>();
            for (DicomSummary o : objects) {
                if (o.sopInstanceUid() != null) {
                    sop.computeIfAbsent(o.sopInstanceUid(), k -> new java.util.TreeSet<>()).add(o.patientId());
                }
                if (o.seriesUid() != null) {
                    series.computeIfAbsent(o.seriesUid(), k -> new java.util.TreeSet<>()).add(o.patientId());
                }
            }
            return new Owners(sop, series);
        }

        /** {@code "which is not in the input"} or where it is instead. */
        String absent(String uid, boolean isSeries, String patient) {
            Set<String> others = new java.util.TreeSet<>((isSeries ? bySeries : bySop).getOrDefault(uid, Set.of()));
            others.remove(patient);
            if (others.isEmpty()) {
                return "which is not in the input";
            }
            return "which is in the input only under PatientID " + String.join(", ", others.stream()
                    .map(p -> "'" + p + "'").toList()) + " (objects of different patients are never linked)";
        }
    }

    public static Result group(List<DicomSummary> objects, Options options) {
        Map<String, List<DicomSummary>> byPatient = new TreeMap<>();
        for (DicomSummary o : objects) {
            byPatient.computeIfAbsent(o.patientId(), p -> new ArrayList<>()).add(o);
        }
        Owners owners = Owners.of(objects);
        List<PlannedCourse> courses = new ArrayList<>();
        List<Unassigned> unassigned = new ArrayList<>();
        for (Map.Entry<String, List<DicomSummary>> e : byPatient.entrySet()) {
            groupPatient(e.getKey(), e.getValue(), options, owners, courses, unassigned);
        }
        return new Result(courses, unassigned);
    }

    private static void groupPatient(String patient, List<DicomSummary> all, Options options, Owners owners,
            List<PlannedCourse> out, List<Unassigned> unassigned) {
        List<DicomSummary> objects = new ArrayList<>(all);
        objects.sort(Comparator.comparing(DicomSummary::key));
        List<DicomSummary> images = new ArrayList<>();
        List<DicomSummary> plans = new ArrayList<>();
        List<DicomSummary> doses = new ArrayList<>();
        List<DicomSummary> structs = new ArrayList<>();
        List<DicomSummary> others = new ArrayList<>();
        for (DicomSummary o : objects) {
            if (o.dose() != null) {
                doses.add(o);
            } else if (o.plan() != null) {
                plans.add(o);
            } else if (o.struct() != null) {
                structs.add(o);
            } else if (o.imageObject()) {
                images.add(o);
            } else {
                others.add(o);
            }
        }
        List<ImageSeries> series = ImageSeries.split(images);
        List<DicomSummary> registrations = others.stream().filter(o -> o.registration() != null).toList();
        Map<String, DicomSummary> structBySop = new LinkedHashMap<>();
        structs.forEach(s -> structBySop.putIfAbsent(s.sopInstanceUid(), s));

        // Plan sets.
        List<PlanSet> sets = new ArrayList<>();
        Map<String, List<DicomSummary>> dosesByPlan = new LinkedHashMap<>();
        Set<String> planUids = new LinkedHashSet<>();
        plans.forEach(p -> planUids.add(p.sopInstanceUid()));
        List<List<DicomSummary>> orphanSets = new ArrayList<>();
        Map<String, List<DicomSummary>> orphansByRef = new LinkedHashMap<>();
        for (DicomSummary d : doses) {
            String ref = d.dose().referencedPlanUids().stream().filter(planUids::contains).findFirst().orElse(null);
            if (ref != null) {
                dosesByPlan.computeIfAbsent(ref, r -> new ArrayList<>()).add(d);
            } else if (!d.dose().referencedPlanUids().isEmpty()) {
                orphansByRef.computeIfAbsent(d.dose().referencedPlanUids().get(0), r -> new ArrayList<>()).add(d);
            } else {
                orphanSets.add(List.of(d));
            }
        }
        Set<String> seenPlan = new LinkedHashSet<>();
        for (DicomSummary p : plans) {
            boolean firstOfUid = seenPlan.add(p.sopInstanceUid());
            List<DicomSummary> ds = firstOfUid ? dosesByPlan.getOrDefault(p.sopInstanceUid(), List.of()) : List.of();
            sets.add(linkSet(p, ds, structs, structBySop, series, owners));
        }
        for (List<DicomSummary> o : orphansByRef.values()) {
            orphanSets.add(o);
        }
        for (List<DicomSummary> o : orphanSets) {
            sets.add(linkSet(null, o, structs, structBySop, series, owners));
        }

        // Group plan sets by CT study or frame of reference, each falling back to the other.
        Map<String, List<PlanSet>> byKey = new LinkedHashMap<>();
        for (PlanSet s : sets) {
            byKey.computeIfAbsent(groupKey(options.merge(), s.study(), s.frame(), s), k -> new ArrayList<>()).add(s);
        }
        List<Draft> drafts = new ArrayList<>();
        for (Map.Entry<String, List<PlanSet>> e : byKey.entrySet()) {
            drafts.addAll(splitByDays(e.getKey(), e.getValue(), options.maxDays()));
        }
        Set<String> usedStructs = new LinkedHashSet<>();
        for (Draft d : drafts) {
            for (PlanSet s : d.sets) {
                if (s.plan() != null) {
                    d.add(s.plan(), Role.RTPLAN, "plan of the course (" + s.label() + ")");
                }
                for (DicomSummary dose : s.doses()) {
                    d.add(dose, Role.RTDOSE, s.plan() != null
                            ? "ReferencedRTPlanSequence → RTPLAN " + s.plan().key()
                            : dose.dose().referencedPlanUids().isEmpty() ? "dose without a plan reference"
                                    : "its plan " + dose.dose().referencedPlanUids().get(0) + ", "
                                            + owners.absent(dose.dose().referencedPlanUids().get(0), false,
                                                    patient));
                }
                if (s.struct() != null) {
                    d.add(s.struct(), Role.RTSTRUCT, "structure set of " + s.label());
                    usedStructs.add(s.struct().key());
                }
                d.decisions.addAll(s.decisions());
            }
        }

        // Structure sets no plan set uses: join the course of their study/frame, else a course of their own.
        for (DicomSummary rs : structs) {
            if (usedStructs.contains(rs.key())) {
                continue;
            }
            String rsFrame = structFrame(rs);
            Draft target = drafts.stream().filter(d -> Objects.equals(d.study, rs.studyUid()) && rs.studyUid() != null)
                    .findFirst()
                    .orElse(drafts.stream().filter(d -> rsFrame != null && Objects.equals(d.frame, rsFrame))
                            .findFirst().orElse(null));
            if (target != null && !target.sets.isEmpty()) {
                target.add(rs, Role.RTSTRUCT, "no plan references it; same " + (Objects.equals(target.study,
                        rs.studyUid()) ? "study " + rs.studyUid() : "frame of reference " + rsFrame)
                        + " as the course");
                continue;
            }
            Registered registered = target == null ? registered(drafts, rsFrame, registrations) : null;
            if (registered != null && !registered.draft().sets.isEmpty()) {
                registered.draft().add(rs, Role.RTSTRUCT, "no plan references it; its frame of reference "
                        + rsFrame + " is registered to the course's by " + registered.why());
                continue;
            }
            String key = groupKey(options.merge(), rs.studyUid(), rsFrame, null);
            if (target == null) {
                target = new Draft(key, rs.studyUid(), rsFrame);
                target.decisions.add(new Decision("course", key, "structure set(s) without plan or dose, grouped by "
                        + (options.merge() == MergeCriteria.SAME_CT_STUDY ? "study" : "frame of reference")));
                drafts.add(target);
            }
            target.add(rs, Role.RTSTRUCT, "structure set without plan (grouped by " + key + ")");
        }

        // Planning CT per course, then the remaining image volumes.
        Map<Draft, ImageSeries> planningCt = new LinkedHashMap<>();
        Set<String> usedSeries = new LinkedHashSet<>();
        for (Draft d : drafts) {
            ImageSeries ct = choosePlanningCt(d, series, owners, patient);
            if (ct != null) {
                planningCt.put(d, ct);
                usedSeries.add(ct.id());
            }
        }
        Map<Draft, List<ImageSeries>> courseImages = new LinkedHashMap<>();
        drafts.forEach(d -> courseImages.put(d, new ArrayList<>()));
        planningCt.forEach((d, ct) -> courseImages.get(d).add(ct));
        List<ImageSeries> leftoverSeries = new ArrayList<>();
        for (ImageSeries s : series) {
            if (usedSeries.contains(s.id())) {
                continue;
            }
            Draft target = drafts.stream()
                    .filter(d -> s.frameOfReferenceUid() != null && Objects.equals(d.frame, s.frameOfReferenceUid()))
                    .findFirst().orElse(drafts.stream()
                            .filter(d -> s.studyUid() != null && Objects.equals(d.study, s.studyUid())).findFirst()
                            .orElse(null));
            String linkedBy = null;
            if (target == null) {
                Registered registered = registered(drafts, s.frameOfReferenceUid(), registrations);
                if (registered != null) {
                    target = registered.draft();
                    linkedBy = registered.why();
                }
            }
            if (target != null && linkedBy != null) {
                courseImages.get(target).add(s);
                target.decisions.add(new Decision("image", s.id(), "further " + s.modality() + " volume ("
                        + s.size() + " slices) on frame of reference " + s.frameOfReferenceUid()
                        + ", registered to the course's by " + linkedBy));
            } else if (target != null) {
                courseImages.get(target).add(s);
                target.decisions.add(new Decision("image", s.id(), "further " + s.modality() + " volume ("
                        + s.size() + " slices) on the course's " + (Objects.equals(target.frame,
                                s.frameOfReferenceUid()) ? "frame of reference" : "study")));
            } else {
                leftoverSeries.add(s);
            }
        }
        // Image volumes no RT object points to: one course per volume (upstream: one course per CT series).
        for (ImageSeries s : leftoverSeries) {
            Draft d = new Draft("series:" + s.id(), s.studyUid(), s.frameOfReferenceUid());
            d.decisions.add(new Decision("course", d.key, "image volume without RT objects: a course of its own"));
            drafts.add(d);
            List<ImageSeries> list = new ArrayList<>();
            if ("CT".equals(s.modality())) {
                planningCt.put(d, s);
                d.decisions.add(new Decision("planning_ct", s.id(), "the course's only image volume ("
                        + s.size() + " slices); no RTSTRUCT to say otherwise"));
            } else {
                d.decisions.add(new Decision("planning_ct", "-", "the course's only image volume is "
                        + s.modality() + " (" + s.id() + ", " + s.size() + " slices), not CT: no planning CT"));
            }
            list.add(s);
            courseImages.put(d, list);
        }

        // Other objects (registrations, records, …): by referenced plan, else frame of reference, else study.
        for (DicomSummary o : others) {
            Draft target = null;
            String why = null;
            for (Draft d : drafts) {
                for (PlanSet s : d.sets) {
                    if (s.plan() != null && o.referencedPlanUids().contains(s.plan().sopInstanceUid())) {
                        target = d;
                        why = "references RTPLAN " + s.plan().key();
                    }
                }
            }
            if (target == null && o.frameOfReferenceUid() != null) {
                target = drafts.stream().filter(d -> Objects.equals(d.frame, o.frameOfReferenceUid())).findFirst()
                        .orElse(null);
                why = "same frame of reference";
            }
            if (target == null && o.registration() != null) {
                target = drafts.stream().filter(d -> d.frame != null && o.registration().frameUids().contains(d.frame))
                        .findFirst().orElse(null);
                why = "registers the course's frame of reference";
            }
            if (target == null && o.studyUid() != null) {
                target = drafts.stream().filter(d -> Objects.equals(d.study, o.studyUid())).findFirst().orElse(null);
                why = "same study";
            }
            if (target == null) {
                unassigned.add(new Unassigned(o, o.modality() + " object of patient '" + patient
                        + "' matches no course by plan, frame of reference or study"));
            } else {
                target.add(o, roleOf(o), why);
            }
        }

        for (Draft d : drafts) {
            out.add(finish(patient, d, planningCt.get(d), courseImages.get(d)));
        }
    }

    /** A course reached from a frame of reference through a registration, and which registration. */
    private record Registered(Draft draft, String why) {
    }

    /**
     * The first course whose frame of reference one of the patient's registrations links to {@code frame} (an MR
     * registered to the planning CT: its images and structure sets belong to the CT's course), else null.
     */
    private static Registered registered(List<Draft> drafts, String frame, List<DicomSummary> registrations) {
        if (frame == null) {
            return null;
        }
        for (DicomSummary reg : registrations) {
            List<String> frames = reg.registration().frameUids();
            if (!frames.contains(frame)) {
                continue;
            }
            for (Draft d : drafts) {
                if (d.frame != null && !d.frame.equals(frame) && frames.contains(d.frame)) {
                    return new Registered(d, "REG " + reg.key());
                }
            }
        }
        return null;
    }

    /** SOP classes of treatment records: RT Beams (481.4), Brachy (481.6), Summary (481.7), Ion Beams (481.9). */
    private static final Set<String> RECORD_CLASSES = Set.of("1.2.840.10008.5.1.4.1.1.481.4",
            "1.2.840.10008.5.1.4.1.1.481.6", "1.2.840.10008.5.1.4.1.1.481.7", "1.2.840.10008.5.1.4.1.1.481.9");

    /**
     * Role of an object that is neither image volume, plan, dose nor structure set. Only treatment records are
     * {@link Role#RT_RECORD} (an RT Image, 481.1, a portal image, is {@link Role#OTHER}); registrations (spatial or
     * deformable, 1.2.840.10008.5.1.4.1.1.66.1/.3) are {@link Role#REGISTRATION}.
     */
    static Role roleOf(DicomSummary o) {
        String cls = o.sopClassUid() == null ? "" : o.sopClassUid().trim();
        if (o.modality().equals("REG") || cls.equals("1.2.840.10008.5.1.4.1.1.66.1")
                || cls.equals("1.2.840.10008.5.1.4.1.1.66.3")) {
            return Role.REGISTRATION;
        }
        if (o.modality().equals("RTRECORD") || RECORD_CLASSES.contains(cls)) {
            return Role.RT_RECORD;
        }
        return Role.OTHER;
    }

    private static PlanSet linkSet(DicomSummary plan, List<DicomSummary> doses, List<DicomSummary> structs,
            Map<String, DicomSummary> structBySop, List<ImageSeries> series, Owners owners) {
        List<Decision> decisions = new ArrayList<>();
        String label = plan != null ? "RTPLAN " + plan.key() : "RTDOSE " + doses.get(0).key();
        String frame = doses.stream().map(DicomSummary::frameOfReferenceUid).filter(Objects::nonNull).findFirst()
                .orElse(plan == null ? null : plan.frameOfReferenceUid());
        DicomSummary struct = null;
        if (plan != null) {
            for (String ref : plan.plan().referencedStructureSetUids()) {
                if (structBySop.containsKey(ref)) {
                    struct = structBySop.get(ref);
                    decisions.add(new Decision("rtstruct", struct.key(),
                            label + " references it (ReferencedStructureSetSequence)"));
                    break;
                }
            }
            if (struct == null && !plan.plan().referencedStructureSetUids().isEmpty()) {
                decisions.add(new Decision("rtstruct", "-", label + " references structure set "
                        + plan.plan().referencedStructureSetUids().get(0) + ", " + owners.absent(
                                plan.plan().referencedStructureSetUids().get(0), false, plan.patientId())));
            }
        }
        if (struct == null && frame != null) {
            String onFrameUid = frame;
            List<DicomSummary> onFrame = structs.stream().filter(s -> onFrameUid.equals(structFrame(s))).toList();
            // Prefer a structure set whose image series is present, then the lowest key (deterministic).
            struct = onFrame.stream().filter(s -> s.struct().referencedSeriesUids().stream()
                    .anyMatch(u -> series.stream().anyMatch(v -> v.seriesUid().equals(u)))).findFirst()
                    .orElse(onFrame.isEmpty() ? null : onFrame.get(0));
            if (struct != null) {
                decisions.add(new Decision("rtstruct", struct.key(), "same frame of reference " + frame + " as "
                        + label + (onFrame.size() > 1 ? " (" + onFrame.size()
                                + " candidates: the first whose image series is present)" : "")));
            }
        }
        String study = struct != null && struct.studyUid() != null ? struct.studyUid()
                : doses.stream().map(DicomSummary::studyUid).filter(Objects::nonNull).findFirst()
                        .orElse(plan == null ? null : plan.studyUid());
        if (frame == null && struct != null) {
            frame = structFrame(struct);
        }
        String date = plan != null && plan.plan().date() != null && !plan.plan().date().isBlank()
                ? plan.plan().date().trim() : null;
        return new PlanSet(plan, List.copyOf(doses), struct, study, frame, date, decisions);
    }

    private static String structFrame(DicomSummary rs) {
        if (!rs.struct().referencedFrameOfReferenceUids().isEmpty()) {
            return rs.struct().referencedFrameOfReferenceUids().get(0);
        }
        return rs.frameOfReferenceUid();
    }

    private static String groupKey(MergeCriteria merge, String study, String frame, PlanSet set) {
        String s = study == null || study.isBlank() ? null : "study:" + study;
        String f = frame == null || frame.isBlank() ? null : "for:" + frame;
        String key = merge == MergeCriteria.SAME_CT_STUDY ? (s != null ? s : f) : (f != null ? f : s);
        if (key == null) {
            key = set == null ? "none" : "sop:" + (set.plan() != null ? set.plan().key() : set.doses().get(0).key());
        }
        return key;
    }

    /** Splits plan sets whose dates span more than {@code maxDays}: windows of maxDays from each window's start. */
    private static List<Draft> splitByDays(String key, List<PlanSet> sets, Integer maxDays) {
        PlanSet any = sets.get(0);
        List<PlanSet> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparing((PlanSet s) -> parseDate(s.date()),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(PlanSet::label));
        List<Draft> drafts = new ArrayList<>();
        Draft current = new Draft(key, any.study(), any.frame());
        current.decisions.add(new Decision("course", key, sets.size() + " plan set(s) grouped by "
                + (key.startsWith("study:") ? "CT study" : key.startsWith("for:") ? "frame of reference"
                        : "plan (no study or frame of reference)")));
        drafts.add(current);
        LocalDate windowStart = null;
        for (PlanSet s : sorted) {
            LocalDate date = parseDate(s.date());
            if (maxDays != null && date != null) {
                if (windowStart == null) {
                    windowStart = date;
                } else if (ChronoUnit.DAYS.between(windowStart, date) > maxDays) {
                    Draft next = new Draft(key + "#" + (drafts.size() + 1), s.study(), s.frame());
                    next.decisions.add(new Decision("course", next.key, String.format(Locale.ROOT,
                            "split by max_days=%d: %s is dated %s, %d days after the previous course started (%s)",
                            maxDays, s.label(), date, ChronoUnit.DAYS.between(windowStart, date), windowStart)));
                    drafts.add(next);
                    current = next;
                    windowStart = date;
                }
            }
            current.sets.add(s);
        }
        return drafts;
    }

    static LocalDate parseDate(String dicomDate) {
        if (dicomDate == null) {
            return null;
        }
        String d = dicomDate.trim();
        try {
            if (d.length() >= 8 && d.substring(0, 8).chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(d.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (d.length() >= 10 && d.charAt(4) == '-') {
                return LocalDate.parse(d.substring(0, 10));
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    /** Planning CT: the volume the course's RTSTRUCT references; referenced but absent → none (fail closed). */
    private static ImageSeries choosePlanningCt(Draft d, List<ImageSeries> series, Owners owners,
            String patient) {
        List<DicomSummary> structs = d.structs();
        DicomSummary rs = null;
        if (!structs.isEmpty()) {
            // The structure set most plan sets use, else the first whose referenced series is present.
            Map<String, Integer> uses = new LinkedHashMap<>();
            d.sets.stream().filter(s -> s.struct() != null).forEach(s -> uses.merge(s.struct().key(), 1,
                    Integer::sum));
            // a structure set drawn on a CT before one drawn on another image (an MR registered to the course)
            rs = structs.stream().max(Comparator.comparingInt((DicomSummary s) -> uses.getOrDefault(s.key(), 0))
                    .thenComparing((DicomSummary s) -> s.struct().referencedSeriesUids().stream()
                            .anyMatch(u -> series.stream().anyMatch(v -> v.seriesUid().equals(u)
                                    && "CT".equals(v.modality()))))
                    .thenComparing((DicomSummary s) -> s.struct().referencedSeriesUids().stream()
                            .anyMatch(u -> series.stream().anyMatch(v -> v.seriesUid().equals(u))))
                    .thenComparing(DicomSummary::key, Comparator.reverseOrder())).orElseThrow();
        }
        if (rs != null && !rs.struct().referencedSeriesUids().isEmpty()) {
            List<String> refs = rs.struct().referencedSeriesUids();
            DicomSummary ref = rs;
            List<ImageSeries> referenced = series.stream().filter(s -> refs.contains(s.seriesUid())).toList();
            // the planning image of a course is a CT: an RTSTRUCT drawn on an MR (or PET) leaves that volume a
            // further course image (images/, radiomics on it), never ct.nii.gz in HU
            List<ImageSeries> candidates = referenced.stream().filter(s -> "CT".equals(s.modality())).toList();
            if (candidates.isEmpty() && !referenced.isEmpty()) {
                ImageSeries other = referenced.get(0);
                d.decisions.add(new Decision("planning_ct", "-", "RTSTRUCT " + rs.key() + " is drawn on "
                        + other.modality() + " volume " + other.id() + ", not a CT: the course has no planning CT"
                        + " (the " + other.modality() + " is a further course image)"));
                return null;
            }
            if (candidates.isEmpty()) {
                d.decisions.add(new Decision("planning_ct", "-", "RTSTRUCT " + rs.key() + " references image series "
                        + String.join(", ", refs) + ", " + owners.absent(refs.get(0), true, patient)
                        + ": the course has no planning CT (fail closed, no guess)"));
                return null;
            }
            ImageSeries best = candidates.stream().max(Comparator
                    .comparingLong((ImageSeries s) -> s.slices().stream()
                            .filter(x -> ref.struct().contourImageUids().contains(x.sopInstanceUid())).count())
                    .thenComparingInt(ImageSeries::size)
                    .thenComparing(ImageSeries::id, Comparator.reverseOrder())).orElseThrow();
            long hits = best.slices().stream()
                    .filter(x -> ref.struct().contourImageUids().contains(x.sopInstanceUid())).count();
            d.decisions.add(new Decision("planning_ct", best.id(), "referenced by RTSTRUCT " + rs.key()
                    + (candidates.size() > 1 ? "; of " + candidates.size() + " volumes sharing the series UID, the one "
                            + (hits > 0 ? "holding " + hits + " of its contour images" : "with most slices")
                            + " (" + best.size() + " slices)" : "")));
            return best;
        }
        // No structure set (or one without a series reference): the largest CT of the course's study/frame.
        List<ImageSeries> cts = series.stream().filter(s -> "CT".equals(s.modality()))
                .filter(s -> (d.study != null && d.study.equals(s.studyUid()))
                        || (d.frame != null && d.frame.equals(s.frameOfReferenceUid())))
                .toList();
        if (cts.isEmpty()) {
            d.decisions.add(new Decision("planning_ct", "-", rs == null
                    ? "no RTSTRUCT and no CT in the course's study or frame of reference: no planning CT"
                    : "RTSTRUCT " + rs.key() + " names no image series and no CT shares the course's study or"
                            + " frame of reference: no planning CT"));
            return null;
        }
        ImageSeries best = cts.stream().max(Comparator.comparingInt(ImageSeries::size)
                .thenComparing(ImageSeries::id, Comparator.reverseOrder())).orElseThrow();
        d.decisions.add(new Decision("planning_ct", best.id(), (rs == null ? "no RTSTRUCT" :
                "RTSTRUCT " + rs.key() + " names no image series") + ": the largest CT volume (" + best.size()
                + " slices) of the course's study/frame of reference"));
        return best;
    }

    private static PlannedCourse finish(String patient, Draft d, ImageSeries ct, List<ImageSeries> images) {
        List<DicomSummary> doses = d.members.values().stream().filter(m -> m.role() == Role.RTDOSE)
                .map(Member::object).toList();
        List<DicomSummary> plans = d.members.values().stream().filter(m -> m.role() == Role.RTPLAN)
                .map(Member::object).toList();
        DoseDecision dose = DoseClassifier.classify(doses, plans);
        List<Decision> decisions = new ArrayList<>(d.decisions);
        decisions.add(new Decision("dose", dose.classification(), dose.reason()));
        // Course start: earliest plan date, else structure set date, else CT study date.
        String start = plans.stream().map(p -> p.plan().date()).filter(x -> parseDate(x) != null).sorted()
                .findFirst().orElse(null);
        String startWhy = "earliest RTPlanDate";
        if (start == null) {
            start = d.structs().stream().map(s -> s.struct().date()).filter(x -> parseDate(x) != null).sorted()
                    .findFirst().orElse(null);
            startWhy = "no plan date: earliest StructureSetDate";
        }
        if (start == null && ct != null) {
            start = ct.slices().stream().map(DicomSummary::studyDate).filter(x -> parseDate(x) != null).sorted()
                    .findFirst().orElse(null);
            startWhy = "no plan or structure set date: planning CT StudyDate";
        }
        if (start == null) {
            start = images.stream().flatMap(s -> s.slices().stream()).map(DicomSummary::studyDate)
                    .filter(x -> parseDate(x) != null).sorted().findFirst().orElse(null);
            startWhy = start == null ? "no date found: course id 0000-00" : "image StudyDate";
        }
        decisions.add(new Decision("start_date", start == null ? "-" : start, startWhy));
        for (ImageSeries s : images) {
            if (s.splitReason() != null) {
                decisions.add(new Decision("series_split", s.id(), s.splitReason()));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String bodyPart = (ct != null ? ct.slices() : images.stream().flatMap(s -> s.slices().stream()).toList())
                .stream().map(DicomSummary::bodyPartExamined).filter(b -> b != null && !b.isBlank()).findFirst()
                .orElse(null);
        if (bodyPart != null) {
            attributes.put(CourseAttributes.BODY_PART_EXAMINED, bodyPart.trim());
        }
        List<String> labels = plans.stream().map(p -> p.plan().label()).filter(x -> x != null && !x.isBlank())
                .map(String::trim).distinct().toList();
        List<String> names = plans.stream().map(p -> p.plan().name()).filter(x -> x != null && !x.isBlank())
                .map(String::trim).distinct().toList();
        if (!labels.isEmpty()) {
            attributes.put(CourseAttributes.PLAN_LABELS, CourseAttributes.join(labels));
        }
        if (!names.isEmpty()) {
            attributes.put(CourseAttributes.PLAN_NAMES, CourseAttributes.join(names));
        }
        List<String> rois = d.structs().stream().flatMap(s -> s.struct().roiNames().stream()).map(String::trim)
                .distinct().toList();
        if (!rois.isEmpty()) {
            attributes.put(CourseAttributes.STRUCTURE_NAMES, CourseAttributes.join(rois));
        }
        List<Member> members = new ArrayList<>(d.members.values());
        SiteGuess site = SiteGuess.of(bodyPart, labels, names, rois);
        decisions.add(new Decision("site", site.site() == null ? "-" : site.site(), site.reason()));
        if (site.site() != null) {
            // kept apart from the course's site: a configured site profile overrides the guess (the runtime decides)
            attributes.put(CourseAttributes.SITE_GUESS, site.site());
            attributes.put(CourseAttributes.SITE_RULE, "organize guess: " + site.reason());
        }
        return new PlannedCourse(patient, d.key, start == null ? null : start.trim(), members, ct,
                List.copyOf(images), dose, decisions, attributes, site.site());
    }
}
