package rt.organize.internal.meta;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rt.api.course.Role;
import rt.course.AtomicFiles;
import rt.course.CourseFolder;
import rt.course.Csv;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.rt.RtRecordReader;
import rt.organize.internal.io.Json;
import rt.organize.internal.plan.PlannedCourse;

/**
 * Writes {@link CourseFolder#caseMetadata()} and {@link CourseFolder#fractions()} of one course from its own DICOM
 * objects. An object that cannot be read is named in the returned problems and in case.json; the rest is written.
 */
public final class MetadataWriter {

    private MetadataWriter() {
    }

    /** Writes both files; returns one line per object that could not be used. */
    public static List<String> write(PlannedCourse pc, String courseId, CourseFolder layout) throws IOException {
        List<String> problems = new ArrayList<>();
        List<CaseMetadata.PlanInput> plans = new ArrayList<>();
        for (PlannedCourse.Member m : pc.members(Role.RTPLAN)) {
            try {
                plans.add(new CaseMetadata.PlanInput(m.object().key(), DicomReader.readDataset(Path.of(m.object()
                        .path())), pc.dose().selectedPlans().contains(m.object().key())));
            } catch (IOException | RuntimeException e) {
                problems.add(m.object().path() + ": RTPLAN not read for case metadata: " + oneLine(e));
            }
        }
        List<CaseMetadata.RecordInput> records = new ArrayList<>();
        for (PlannedCourse.Member m : pc.members(Role.RT_RECORD)) {
            try {
                DicomObject ds = DicomReader.readDataset(Path.of(m.object().path()));
                records.add(new CaseMetadata.RecordInput(ds, RtRecordReader.from(ds, m.object().path())));
            } catch (IOException | RuntimeException e) {
                problems.add(m.object().path() + ": treatment record not read: " + oneLine(e));
            }
        }
        DicomObject ct = null;
        if (pc.planningCt() != null && !pc.planningCt().slices().isEmpty()) {
            String first = pc.planningCt().slices().get(0).path();
            try {
                ct = DicomReader.readHeader(Path.of(first)).dataset();
            } catch (IOException | RuntimeException e) {
                problems.add(first + ": planning CT header not read for case metadata: " + oneLine(e));
            }
        }
        List<FractionTable.Fraction> fractions = FractionTable.of(records.stream().map(r -> r.record()).toList());
        Map<String, Object> json = CaseMetadata.build(pc.patientId(), courseId, plans, ct, records, fractions,
                pc.dose().prescriptionGy(), problems);
        Json.write(layout.caseMetadata(), json);
        writeFractions(layout.fractions(), pc.patientId(), courseId, fractions, planLabels(json));
        return problems;
    }

    static void writeFractions(Path file, String patientId, String courseId, List<FractionTable.Fraction> fractions,
            Map<String, String> planLabels) throws IOException {
        StringBuilder b = new StringBuilder(Csv.line(FractionTable.COLUMNS));
        for (FractionTable.Fraction f : fractions) {
            b.append(Csv.line(List.of(patientId, courseId, str(f.number()), str(f.date()), str(f.timeStart()),
                    str(f.timeEnd()), f.deliveredMeterset() == null ? ""
                            : BigDecimal.valueOf(f.deliveredMeterset()).stripTrailingZeros().toPlainString(),
                    Integer.toString(f.beams()), Integer.toString(f.beamsWithoutMeterset()), str(f.machine()),
                    str(f.planUid()), str(planLabels.get(f.planUid())), Integer.toString(f.records()))));
        }
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> planLabels(Map<String, Object> json) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) json.get("plans")) {
            if (p.get("sop_instance_uid") != null && p.get("label") != null) {
                out.put((String) p.get("sop_instance_uid"), (String) p.get("label"));
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
