package rt.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ROIs a table left out, each with its reason ({@code skipped_rois.csv} beside the table), so that an ROI missing
 * from one table but present in another is never a silent gap: {@code patient_id, course_id, source, roi_name,
 * reason}.
 */
public final class SkippedRois {

    static final List<String> HEADER = List.of("patient_id", "course_id", "source", "roi_name", "reason");

    /** One ROI left out of a table. */
    public record Entry(String patientId, String courseId, String source, String roiName, String reason) {
    }

    private SkippedRois() {
    }

    /** Writes the list (header only when empty, so a rerun never leaves an earlier run's list behind). */
    public static void write(Path file, List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder(Csv.line(HEADER));
        for (Entry e : entries) {
            b.append(Csv.line(List.of(e.patientId(), e.courseId(), e.source(), e.roiName(), e.reason())));
        }
        AtomicFiles.writeString(file, b.toString());
    }

    /** The entries of a file written by {@link #write}; empty when there is none. */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Map<String, String> r : Csv.read(file)) {
            out.add(new Entry(r.get("patient_id"), r.get("course_id"), r.get("source"), r.get("roi_name"),
                    r.get("reason")));
        }
        return out;
    }
}
