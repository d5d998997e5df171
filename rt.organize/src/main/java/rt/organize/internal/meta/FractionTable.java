package rt.organize.internal.meta;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import rt.dicom.Uids;
import rt.dicom.rt.RtRecord;

/**
 * Delivered fractions from RT Beams (and Ion Beams) Treatment Records. Exporters write one record per session or one
 * per delivered beam, so session beams are grouped by (treated plan, Current Fraction Number); a session beam
 * without a fraction number is grouped by (plan, date) and its fraction number stays empty (not inferred). The
 * delivered meterset of a fraction is the sum over its beams (an interrupted beam delivered in two parts counts
 * both). Treatment Summary Records (cumulative, not per session) and brachy records are not fractions here.
 */
public final class FractionTable {

    /** Columns of {@code metadata/fractions.csv}. */
    public static final List<String> COLUMNS = List.of("patient_id", "course_id", "fraction_number", "treatment_date",
            "treatment_time", "treatment_time_end", "delivered_meterset", "beams", "beams_without_meterset",
            "machine", "plan_sop_instance_uid", "plan_label", "records");

    /** One delivered fraction. */
    public record Fraction(Integer number, String date, String timeStart, String timeEnd, Double deliveredMeterset,
            int beams, int beamsWithoutMeterset, String machine, String planUid, int records) {
    }

    private FractionTable() {
    }

    /** Whether a record's SOP class holds per-session beam deliveries (RT Beams or RT Ion Beams Treatment Record). */
    public static boolean isSessionRecord(RtRecord r) {
        String c = r.sopClassUid() == null ? "" : r.sopClassUid().trim();
        return c.equals(Uids.RT_BEAMS_TREATMENT_RECORD_STORAGE) || c.equals(Uids.RT_ION_BEAMS_TREATMENT_RECORD_STORAGE);
    }

    /** The fractions of the records, ordered by date, time and fraction number. */
    public static List<Fraction> of(List<RtRecord> records) {
        Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
        for (RtRecord r : records) {
            if (!isSessionRecord(r)) {
                continue;
            }
            for (RtRecord.Session s : r.sessions()) {
                List<Object> key = s.fractionNumber() != null
                        ? List.of(Objects.toString(r.referencedPlanUid(), ""), "#" + s.fractionNumber())
                        : List.of(Objects.toString(r.referencedPlanUid(), ""), "date:" + Objects.toString(s.date(), ""));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {r, s});
            }
        }
        List<Fraction> out = new ArrayList<>();
        for (List<Object[]> g : groups.values()) {
            Set<String> machines = new LinkedHashSet<>();
            Set<String> recordUids = new LinkedHashSet<>();
            String date = null;
            String start = null;
            String end = null;
            BigDecimal sum = null;
            int missing = 0;
            Integer number = null;
            String plan = null;
            for (Object[] pair : g) {
                RtRecord r = (RtRecord) pair[0];
                RtRecord.Session s = (RtRecord.Session) pair[1];
                plan = r.referencedPlanUid();
                number = s.fractionNumber();
                if (r.treatmentMachine() != null && !r.treatmentMachine().isBlank()) {
                    machines.add(r.treatmentMachine().trim());
                }
                recordUids.add(r.sopInstanceUid());
                String when = Objects.toString(s.date(), "") + "T" + Objects.toString(s.time(), "");
                if (s.date() != null && (date == null || s.date().compareTo(date) < 0)) {
                    date = s.date();
                }
                if (s.time() != null) {
                    start = start == null || when.compareTo(start) < 0 ? when : start;
                    end = end == null || when.compareTo(end) > 0 ? when : end;
                }
                if (s.deliveredMeterset() == null) {
                    missing++;
                } else {
                    sum = (sum == null ? BigDecimal.ZERO : sum).add(BigDecimal.valueOf(s.deliveredMeterset()));
                }
            }
            out.add(new Fraction(number, date, timeOf(start), timeOf(end), sum == null ? null : sum.doubleValue(),
                    g.size(), missing, machines.isEmpty() ? null : String.join("|", machines), plan,
                    recordUids.size()));
        }
        out.sort(Comparator.comparing((Fraction f) -> Objects.toString(f.date(), "~"))
                .thenComparing(f -> Objects.toString(f.timeStart(), "~"))
                .thenComparing(f -> f.number() == null ? Integer.MAX_VALUE : f.number()));
        return out;
    }

    private static String timeOf(String dateTime) {
        if (dateTime == null) {
            return null;
        }
        String t = dateTime.substring(dateTime.indexOf('T') + 1);
        return t.isEmpty() ? null : t;
    }
}
