package rt.organize.internal.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dose classification and summation rules of upstream ({@code organize.py _classify_doses}), on plain records.
 *
 * <ol>
 * <li>A TPS plan sum ({@code PLAN_SUM}/{@code MULTI_PLAN}) is used as is (the one referencing most plans).</li>
 * <li>Doses are gathered per plan: a PLAN dose stands for its plan (BEAM doses of that plan are dropped); BEAM doses
 * of a plan without a PLAN dose are summed into one plan dose (upstream only did that when the course had nothing
 * else).</li>
 * <li>One plan dose → {@link #SINGLE} (or {@link #BEAM_SUM}).</li>
 * <li>Plan doses on different frames of reference, or whose boxes overlap less than 30 % of the smaller → not
 * summed ({@link #SEPARATE_FRAMES}, {@link #SEPARATE_REGIONS}).</li>
 * <li>Replan: a later plan's text has a replan keyword, or its Rx is within 10 % of the first's without a boost
 * word → the first plan only ({@link #REPLAN_FIRST}, intention to treat). Upstream silently dropped later plans that
 * were not replans; here a mix is {@link #AMBIGUOUS}.</li>
 * <li>Boost: a boost keyword on some (not all) plans, or prescriptions differing by more than 10 % → all summed
 * ({@link #BOOST_SUMMED}). Upstream summed only the plans with a known Rx on the Rx rule; here every plan must have
 * one.</li>
 * <li>Anything else → {@link #AMBIGUOUS}: not summed, no course dose (fail closed), reason recorded.</li>
 * </ol>
 */
public final class DoseClassifier {

    public static final String NO_DOSE = "no_dose";
    public static final String PLAN_SUM = "plan_sum_tps";
    public static final String SINGLE = "single";
    public static final String BEAM_SUM = "beam_sum";
    public static final String SEPARATE_FRAMES = "separate_frames_no_sum";
    public static final String SEPARATE_REGIONS = "separate_regions_no_sum";
    public static final String REPLAN_FIRST = "replan_first";
    public static final String BOOST_SUMMED = "boost_summed";
    public static final String AMBIGUOUS = "ambiguous_no_sum";

    /** Total Rx above which a boost sum is flagged as implausible (upstream {@code max_total_dose_gy}). */
    public static final double MAX_PLAUSIBLE_TOTAL_GY = 100.0;

    /** The doses standing for one plan (several BEAM doses are summed). */
    private record Unit(String planUid, DicomSummary plan, List<DicomSummary> doses) {

        String frameOfReference() {
            return doses.get(0).frameOfReferenceUid();
        }

        Double rx() {
            return plan == null || plan.plan() == null ? null : plan.plan().rxGy();
        }

        String text() {
            return plan == null || plan.plan() == null ? "" : plan.plan().text();
        }

        String date() {
            return plan == null || plan.plan() == null || plan.plan().date() == null || plan.plan().date().isBlank()
                    ? null : plan.plan().date() + (plan.plan().time() == null ? "" : plan.plan().time());
        }

        String label() {
            if (plan != null) {
                return "plan " + plan.key() + " '" + text() + "'";
            }
            return "dose " + doses.get(0).key() + (planUid.startsWith(NO_PLAN_REF) ? " (no plan reference)"
                    : " (plan " + planUid + " not found)");
        }

        List<String> keys() {
            return doses.stream().map(DicomSummary::key).toList();
        }
    }

    /** Prefix of the unit key of a dose that references no plan. */
    private static final String NO_PLAN_REF = "dose:";

    private DoseClassifier() {
    }

    public static DoseDecision classify(List<DicomSummary> doses, List<DicomSummary> plans) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        if (doses.isEmpty()) {
            return new DoseDecision(NO_DOSE, "no RTDOSE in the course", List.of(), excluded, false, List.of(), null,
                    false, warnings);
        }
        Map<String, DicomSummary> planByUid = new LinkedHashMap<>();
        for (DicomSummary p : plans) {
            planByUid.putIfAbsent(p.sopInstanceUid(), p);
        }

        // 1. TPS plan sum used as is.
        List<DicomSummary> sums = doses.stream().filter(d -> isPlanSum(d)).toList();
        if (!sums.isEmpty()) {
            DicomSummary best = sums.stream()
                    .max(Comparator.comparingInt((DicomSummary d) -> d.dose().referencedPlanUids().size())
                            .thenComparing(DicomSummary::key, Comparator.reverseOrder()))
                    .orElseThrow();
            Set<String> covered = new LinkedHashSet<>(best.dose().referencedPlanUids());
            for (DicomSummary d : doses) {
                if (d != best) {
                    excluded.put(d.key(), isPlanSum(d) ? "another TPS plan sum references fewer plans"
                            : "covered by the TPS plan sum " + best.key());
                }
            }
            List<String> selPlans = covered.stream().filter(planByUid::containsKey)
                    .map(u -> planByUid.get(u).key()).toList();
            Double rx = sumRx(covered.stream().map(planByUid::get).toList());
            return new DoseDecision(PLAN_SUM, "the planning system's plan sum " + best.key() + " (references "
                    + covered.size() + " plan(s)) is used as is", List.of(best.key()), excluded, false, selPlans, rx,
                    true, warnings);
        }

        // 2. Doses per plan.
        List<Unit> units = units(doses, planByUid, excluded, warnings);
        if (units.size() == 1) {
            Unit u = units.get(0);
            boolean beams = u.doses().size() > 1;
            return new DoseDecision(beams ? BEAM_SUM : SINGLE,
                    beams ? u.doses().size() + " BEAM doses of " + u.label() + " summed into the plan dose"
                            : "one dose (" + u.label() + "), nothing to sum",
                    u.keys(), excluded, beams, planKeys(List.of(u)), u.rx(), true, warnings);
        }

        // 4. Different frames of reference or regions: not summed.
        Set<String> frames = new LinkedHashSet<>();
        units.forEach(u -> frames.add(String.valueOf(u.frameOfReference())));
        if (frames.size() > 1) {
            return notSummed(SEPARATE_FRAMES, units.size() + " plan doses on " + frames.size()
                    + " frames of reference " + frames + ": cannot sum across coordinate systems", units, excluded,
                    warnings);
        }
        for (int i = 0; i < units.size(); i++) {
            for (int j = i + 1; j < units.size(); j++) {
                double overlap = overlapFraction(units.get(i).doses().get(0).dose().bbox(),
                        units.get(j).doses().get(0).dose().bbox());
                if (overlap < 0.3) {
                    return notSummed(SEPARATE_REGIONS, String.format(java.util.Locale.ROOT,
                            "dose grids of %s and %s overlap only %.0f %% of the smaller: different regions, not"
                                    + " summed", units.get(i).label(), units.get(j).label(), overlap * 100),
                            units, excluded, warnings);
                }
            }
        }

        // 5. Replans (earliest plan first; undated last).
        List<Unit> byDate = new ArrayList<>(units);
        byDate.sort(Comparator.comparing(Unit::date, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(u -> u.doses().get(0).key()));
        Unit first = byDate.get(0);
        List<String> replanWhy = new ArrayList<>();
        List<Unit> notReplans = new ArrayList<>();
        for (Unit later : byDate.subList(1, byDate.size())) {
            Optional<String> kw = PlanText.replanKeyword(later.text());
            if (kw.isPresent()) {
                replanWhy.add(later.label() + ": replan keyword '" + kw.get() + "'");
                continue;
            }
            Double a = first.rx();
            Double b = later.rx();
            if (a != null && b != null && similarity(a, b) > 0.9 && PlanText.boostKeyword(later.text()).isEmpty()) {
                replanWhy.add(String.format(java.util.Locale.ROOT,
                        "%s: prescription %.2f Gy within 10 %% of the first plan's %.2f Gy and no boost keyword",
                        later.label(), b, a));
                continue;
            }
            notReplans.add(later);
        }
        if (!replanWhy.isEmpty() && notReplans.isEmpty()) {
            for (Unit u : byDate.subList(1, byDate.size())) {
                u.keys().forEach(k -> excluded.put(k, "replan of the first plan (intention to treat keeps "
                        + first.label() + ")"));
            }
            return new DoseDecision(REPLAN_FIRST, "replan detected (" + String.join("; ", replanWhy)
                    + "): the first plan " + first.label() + " is kept", first.keys(), excluded,
                    first.doses().size() > 1, planKeys(List.of(first)), first.rx(), true, warnings);
        }
        if (!replanWhy.isEmpty()) {
            return notSummed(AMBIGUOUS, "some later plans look like replans (" + String.join("; ", replanWhy)
                    + ") and others do not (" + String.join(", ", notReplans.stream().map(Unit::label).toList())
                    + "): not summed", units, excluded, warnings);
        }

        // 6. Boosts.
        List<Unit> boosts = units.stream().filter(u -> PlanText.boostKeyword(u.text()).isPresent()).toList();
        String why = null;
        if (!boosts.isEmpty() && boosts.size() < units.size()) {
            why = "boost keyword on " + String.join(", ", boosts.stream().map(u -> u.label() + " ('"
                    + PlanText.boostKeyword(u.text()).get() + "')").toList());
        } else if (boosts.isEmpty() && units.stream().allMatch(u -> u.rx() != null)) {
            double hi = units.stream().mapToDouble(Unit::rx).max().orElseThrow();
            double lo = units.stream().mapToDouble(Unit::rx).min().orElseThrow();
            if (hi > lo * 1.1) {
                why = String.format(java.util.Locale.ROOT,
                        "prescriptions differ by more than 10 %% (%.2f Gy primary, %.2f Gy lowest)", hi, lo);
            }
        }
        if (why != null) {
            List<String> keys = new ArrayList<>();
            byDate.forEach(u -> keys.addAll(u.keys()));
            Double total = sumRx(byDate.stream().map(Unit::plan).toList());
            if (total != null && total > MAX_PLAUSIBLE_TOTAL_GY) {
                warnings.add(String.format(java.util.Locale.ROOT,
                        "total prescription %.1f Gy exceeds %.0f Gy: check that these plans belong together", total,
                        MAX_PLAUSIBLE_TOTAL_GY));
            }
            return new DoseDecision(BOOST_SUMMED, "primary + boost (" + why + "): " + units.size()
                    + " plan doses summed on the finest grid", keys, excluded, true, planKeys(byDate), total, true,
                    warnings);
        }
        String reason;
        if (boosts.size() == units.size()) {
            reason = "every plan carries a boost keyword: no primary plan";
        } else if (units.stream().anyMatch(u -> u.rx() == null)) {
            reason = "no replan/boost keyword and the prescription of "
                    + String.join(", ", units.stream().filter(u -> u.rx() == null).map(Unit::label).toList())
                    + " is unknown";
        } else {
            reason = "no replan/boost keyword and prescriptions neither within 10 % nor more than 10 % apart";
        }
        return notSummed(AMBIGUOUS, units.size() + " plan doses, " + reason + ": not summed", units, excluded,
                warnings);
    }

    private static boolean isPlanSum(DicomSummary d) {
        String t = d.dose().summationType();
        return t.equals("PLAN_SUM") || t.equals("MULTI_PLAN");
    }

    private static List<Unit> units(List<DicomSummary> doses, Map<String, DicomSummary> planByUid,
            Map<String, String> excluded, List<String> warnings) {
        Map<String, List<DicomSummary>> byPlan = new LinkedHashMap<>();
        List<DicomSummary> sorted = new ArrayList<>(doses);
        sorted.sort(Comparator.comparing(DicomSummary::key));
        for (DicomSummary d : sorted) {
            String ref = d.dose().referencedPlanUids().isEmpty() ? NO_PLAN_REF + d.key()
                    : d.dose().referencedPlanUids().get(0);
            byPlan.computeIfAbsent(ref, r -> new ArrayList<>()).add(d);
        }
        List<Unit> units = new ArrayList<>();
        for (Map.Entry<String, List<DicomSummary>> e : byPlan.entrySet()) {
            DicomSummary plan = planByUid.get(e.getKey());
            // Files sharing a SOP Instance UID (kept apart by Dedup as key, key#2 …) are variants of one object,
            // never two beams: the first stands, the others are excluded (summing them would count it twice).
            Map<String, DicomSummary> bySop = new LinkedHashMap<>();
            List<DicomSummary> group = new ArrayList<>();
            for (DicomSummary d : e.getValue()) {
                DicomSummary first = d.sopInstanceUid() == null ? null : bySop.putIfAbsent(d.sopInstanceUid(), d);
                if (first == null) {
                    group.add(d);
                } else {
                    excluded.put(d.key(), "same SOP Instance UID as " + first.key()
                            + " with different content: a variant of the same dose, not summed with it");
                }
            }
            List<DicomSummary> planDoses = group.stream().filter(d -> !d.dose().summationType().equals("BEAM"))
                    .toList();
            // Doses that reference the same plan belong to it even when the plan itself is not in the input (or is
            // under another PatientID): the plan-level dose stands for it, BEAM doses alone are summed.
            String planName = plan != null ? "plan " + plan.key() : "plan " + e.getKey() + " (not in the course)";
            if (!planDoses.isEmpty()) {
                units.add(new Unit(e.getKey(), plan, List.of(planDoses.get(0))));
                for (DicomSummary d : group) {
                    if (d != planDoses.get(0)) {
                        excluded.put(d.key(), d.dose().summationType().equals("BEAM")
                                ? "BEAM dose covered by the plan dose " + planDoses.get(0).key()
                                : "another dose of the same plan (" + planDoses.get(0).key() + " is used)");
                    }
                }
                if (planDoses.size() > 1) {
                    warnings.add(planName + " has " + planDoses.size() + " plan-level doses; "
                            + planDoses.get(0).key() + " is used");
                }
            } else {
                units.add(new Unit(e.getKey(), plan, group));
            }
        }
        return units;
    }

    private static DoseDecision notSummed(String classification, String reason, List<Unit> units,
            Map<String, String> excluded, List<String> warnings) {
        for (Unit u : units) {
            u.keys().forEach(k -> excluded.put(k, classification + ": " + reason));
        }
        warnings.add(reason);
        return new DoseDecision(classification, reason, List.of(), excluded, false, planKeys(units), null, false,
                warnings);
    }

    private static List<String> planKeys(List<Unit> units) {
        return units.stream().filter(u -> u.plan() != null).map(u -> u.plan().key()).distinct().toList();
    }

    private static Double sumRx(List<DicomSummary> plans) {
        double total = 0;
        for (DicomSummary p : plans) {
            if (p == null || p.plan() == null || p.plan().rxGy() == null) {
                return null;
            }
            total += p.plan().rxGy();
        }
        return plans.isEmpty() ? null : total;
    }

    /** 1 − |a−b| / mean, as upstream {@code _prescription_similarity}. */
    static double similarity(double a, double b) {
        if (a == 0 && b == 0) {
            return 1;
        }
        if (a == 0 || b == 0) {
            return 0;
        }
        return Math.max(0, 1 - Math.abs(a - b) / ((a + b) / 2));
    }

    /** Intersection volume over the smaller box; 1 when a box is unknown (assume overlap, as upstream). */
    static double overlapFraction(double[] a, double[] b) {
        if (a == null || b == null || a.length != 6 || b.length != 6) {
            return 1;
        }
        double inter = 1;
        for (int n = 0; n < 3; n++) {
            inter *= Math.max(0, Math.min(a[n + 3], b[n + 3]) - Math.max(a[n], b[n]));
        }
        double va = (a[3] - a[0]) * (a[4] - a[1]) * (a[5] - a[2]);
        double vb = (b[3] - b[0]) * (b[4] - b[1]) * (b[5] - b[2]);
        if (va <= 0 || vb <= 0) {
            return 1;
        }
        return inter / Math.min(va, vb);
    }
}
