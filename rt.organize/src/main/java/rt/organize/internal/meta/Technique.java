package rt.organize.internal.meta;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import rt.dicom.DicomObject;
import rt.dicom.Tag;

/**
 * The delivery technique of a beam and of a plan, from the control points of the RT Beams module. A beam is an arc
 * when its gantry turns (GantryRotationDirection CW/CC at the first control point, or a Gantry Angle at a later
 * control point that differs from the first: the standard writes it there only when it changes); its leaves move
 * when an MLC position (RTBeamLimitingDeviceType MLCX/MLCY) differs between control points. Then:
 * arc + moving leaves = VMAT, arc with fixed leaves = ARC (conformal arc), fixed gantry + moving leaves = IMRT
 * (step-and-shoot or sliding window), a two-control-point STATIC beam = STATIC. Anything else (a DYNAMIC beam whose
 * leaves do not move: dynamic wedge, jaw tracking; missing control points) is {@value #UNKNOWN}: not guessed. An ion
 * beam (Ion Control Point Sequence) with Scan Mode MODULATED or MODULATED_SPEC is PBS (pencil beam scanning); other
 * ion beams are {@value #UNKNOWN}.
 */
public final class Technique {

    public static final String UNKNOWN = "unknown";
    public static final String SETUP = "SETUP";

    private Technique() {
    }

    /** Technique of one item of the Beam Sequence (or Ion Beam Sequence). */
    public static String ofBeam(DicomObject beam) {
        String delivery = upper(beam.getString(Tag.TreatmentDeliveryType));
        if (delivery.equals("SETUP")) {
            return SETUP;
        }
        List<DicomObject> cps = beam.contains(Tag.IonControlPointSequence) ? beam.getSequence(Tag.IonControlPointSequence)
                : beam.getSequence(Tag.ControlPointSequence);
        if (beam.contains(Tag.IonControlPointSequence)) {
            // An ion beam says its delivery itself: MODULATED(_SPEC) scan mode is pencil beam scanning.
            return upper(beam.getString(Tag.ScanMode)).startsWith("MODULATED") ? "PBS" : UNKNOWN;
        }
        String type = upper(beam.getString(Tag.BeamType));
        if (cps.isEmpty() || type.isEmpty()) {
            return UNKNOWN;
        }
        boolean arc = isArc(cps);
        boolean leaves = leavesMove(cps);
        if (arc) {
            return leaves ? "VMAT" : "ARC";
        }
        if (leaves) {
            return "IMRT";
        }
        if (type.equals("STATIC") && cps.size() <= 2) {
            return "STATIC";
        }
        return UNKNOWN;
    }

    /**
     * Technique of a plan from those of its treatment beams (setup beams left out): their common technique, else
     * {@code MIXED} when every beam's technique is known, else {@value #UNKNOWN}.
     */
    public static String ofPlan(List<String> beamTechniques) {
        Set<String> kinds = new TreeSet<>(beamTechniques);
        kinds.remove(SETUP);
        if (kinds.isEmpty() || kinds.contains(UNKNOWN)) {
            return UNKNOWN;
        }
        return kinds.size() == 1 ? kinds.iterator().next() : "MIXED";
    }

    static boolean isArc(List<DicomObject> cps) {
        String dir = upper(cps.get(0).getString(Tag.GantryRotationDirection));
        if (dir.equals("CW") || dir.equals("CC")) {
            return true;
        }
        double first = cps.get(0).getDouble(Tag.GantryAngle, Double.NaN);
        for (DicomObject cp : cps.subList(1, cps.size())) {
            double a = cp.getDouble(Tag.GantryAngle, Double.NaN);
            if (!Double.isNaN(a) && !Double.isNaN(first) && Math.abs(a - first) > 1e-3) {
                return true;
            }
        }
        return false;
    }

    static boolean leavesMove(List<DicomObject> cps) {
        double[] previous = null;
        for (DicomObject cp : cps) {
            for (DicomObject pos : cp.getSequence(Tag.BeamLimitingDevicePositionSequence)) {
                String dev = upper(pos.getString(Tag.RTBeamLimitingDeviceType));
                if (!dev.equals("MLCX") && !dev.equals("MLCY")) {
                    continue;
                }
                double[] leaves = pos.getDoubles(Tag.LeafJawPositions);
                if (leaves == null) {
                    continue;
                }
                if (previous != null && !Arrays.equals(previous, leaves)) {
                    return true;
                }
                previous = leaves;
            }
        }
        return false;
    }

    private static String upper(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
