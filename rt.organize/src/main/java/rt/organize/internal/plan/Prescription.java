package rt.organize.internal.plan;

import java.util.List;
import java.util.Locale;

/**
 * Total prescription of one RTPLAN, as upstream ({@code organize.py infer_plan_rx_gy}): the TargetPrescriptionDose of
 * TARGET dose references, else their DeliveredDoseReferenceDoseValue / DeliveryMaximumDose, else dose per fraction
 * (beam doses) × NumberOfFractionsPlanned. Two fixes: the highest target level is taken (upstream took the first
 * listed, so an SIB plan's answer depended on order), and fraction groups are added (upstream read the first only).
 */
public final class Prescription {

    /** One DoseReferenceSequence item. */
    public record DoseReference(String type, Double targetPrescriptionDose, Double deliveredDoseReferenceDoseValue,
            Double deliveryMaximumDose) {
    }

    /** One FractionGroupSequence item; {@code beamDoses} are the BeamDose values of its referenced beams, Gy. */
    public record FractionGroup(Integer fractionsPlanned, List<Double> beamDoses) {
    }

    /** The result: {@code gy} is {@code null} when nothing in the plan states a dose. */
    public record Rx(Double gy, String source, Integer fractions) {
    }

    private Prescription() {
    }

    public static Rx of(List<DoseReference> references, List<FractionGroup> groups) {
        Integer fractions = null;
        for (FractionGroup g : groups == null ? List.<FractionGroup>of() : groups) {
            if (g.fractionsPlanned() != null && g.fractionsPlanned() > 0) {
                fractions = (fractions == null ? 0 : fractions) + g.fractionsPlanned();
            }
        }
        List<DoseReference> targets = (references == null ? List.<DoseReference>of() : references).stream()
                .filter(Prescription::isTarget).toList();
        Double best = max(targets.stream().map(DoseReference::targetPrescriptionDose).toList());
        if (best != null) {
            return new Rx(best, "DoseReferenceSequence TargetPrescriptionDose (highest TARGET level)", fractions);
        }
        best = max(targets.stream().map(DoseReference::deliveredDoseReferenceDoseValue).toList());
        if (best == null) {
            best = max(targets.stream().map(DoseReference::deliveryMaximumDose).toList());
        }
        if (best != null) {
            return new Rx(best, "DoseReferenceSequence delivered/maximum dose of the TARGET reference", fractions);
        }
        double total = 0;
        for (FractionGroup g : groups == null ? List.<FractionGroup>of() : groups) {
            if (g.fractionsPlanned() == null || g.fractionsPlanned() <= 0 || g.beamDoses() == null) {
                continue;
            }
            double perFraction = g.beamDoses().stream().filter(d -> d != null && d > 0).mapToDouble(d -> d).sum();
            total += perFraction * g.fractionsPlanned();
        }
        if (total > 0) {
            return new Rx(total, "FractionGroupSequence BeamDose × NumberOfFractionsPlanned", fractions);
        }
        return new Rx(null, "no prescription in the plan", fractions);
    }

    private static boolean isTarget(DoseReference r) {
        String t = r.type() == null ? "" : r.type().trim().toUpperCase(Locale.ROOT);
        return t.isEmpty() || t.equals("TARGET") || t.equals("TREATED_VOLUME") || t.equals("PLANNED_TARGET_VOLUME");
    }

    private static Double max(List<Double> values) {
        Double m = null;
        for (Double v : values) {
            if (v != null && v > 0 && !v.isNaN() && (m == null || v > m)) {
                m = v;
            }
        }
        return m;
    }
}
