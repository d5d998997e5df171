package rt.organize.internal.meta;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.testsupport.SurefireStyleSummary;

/**
 * Techniques of beams of our plan writer (two-control-point static beams) turned into arcs and modulated beams by
 * adding the control points those techniques carry.
 */
@ExtendWith(SurefireStyleSummary.class)
class TechniqueTest {

    private static DicomObject beam() {
        return CaseMetadataTest.twoBeamPlan().getItem(Tag.BeamSequence);
    }

    /** Makes the beam DYNAMIC with {@code n} control points; gantry turning when {@code arc}, leaves moving. */
    private static DicomObject modulated(int n, boolean arc, boolean leavesMove) {
        DicomObject b = beam();
        b.putString(Tag.BeamType, "DYNAMIC");
        List<DicomObject> cps = b.getSequence(Tag.ControlPointSequence);
        DicomObject first = cps.get(0);
        first.putString(Tag.GantryRotationDirection, arc ? "CW" : "NONE");
        addMlc(first, 0);
        b.remove(Tag.ControlPointSequence);
        b.putSequence(Tag.ControlPointSequence, List.of(first));
        for (int i = 1; i < n; i++) {
            DicomObject cp = b.addItem(Tag.ControlPointSequence);
            cp.putInts(Tag.ControlPointIndex, i);
            cp.putDoubles(Tag.CumulativeMetersetWeight, i / (n - 1.0));
            if (arc) {
                cp.putDoubles(Tag.GantryAngle, 10.0 * i);
            }
            addMlc(cp, leavesMove ? i : 0);
        }
        return b;
    }

    private static void addMlc(DicomObject cp, double shift) {
        DicomObject mlc = cp.addItem(Tag.BeamLimitingDevicePositionSequence);
        mlc.putString(Tag.RTBeamLimitingDeviceType, "MLCX");
        mlc.putDoubles(Tag.LeafJawPositions, -10 + shift, -10 + shift, 10 + shift, 10 + shift);
    }

    @Test
    void eachTechniqueFromItsControlPoints() {
        assertAll(
                () -> assertEquals("STATIC", Technique.ofBeam(beam())),
                () -> assertEquals("VMAT", Technique.ofBeam(modulated(90, true, true))),
                () -> assertEquals("ARC", Technique.ofBeam(modulated(20, true, false)), "conformal arc"),
                () -> assertEquals("IMRT", Technique.ofBeam(modulated(40, false, true))),
                () -> assertEquals(Technique.UNKNOWN, Technique.ofBeam(modulated(10, false, false)),
                        "DYNAMIC, gantry and leaves fixed (dynamic wedge? jaw tracking?): not guessed"));
        DicomObject setup = beam();
        setup.putString(Tag.TreatmentDeliveryType, "SETUP");
        DicomObject noCps = beam();
        noCps.remove(Tag.ControlPointSequence);
        DicomObject ion = new DicomObject();
        ion.putString(Tag.ScanMode, "MODULATED");
        ion.addItem(Tag.IonControlPointSequence).putInts(Tag.ControlPointIndex, 0);
        DicomObject passive = new DicomObject();
        passive.putString(Tag.ScanMode, "NONE");
        passive.addItem(Tag.IonControlPointSequence).putInts(Tag.ControlPointIndex, 0);
        assertAll(() -> assertEquals("PBS", Technique.ofBeam(ion)),
                () -> assertEquals(Technique.UNKNOWN, Technique.ofBeam(passive)));
        assertAll(() -> assertEquals(Technique.SETUP, Technique.ofBeam(setup)),
                () -> assertEquals(Technique.UNKNOWN, Technique.ofBeam(noCps)));
    }

    @Test
    void aPlanTakesItsTreatmentBeamsCommonTechnique() {
        assertAll(() -> assertEquals("VMAT", Technique.ofPlan(List.of("VMAT", "VMAT", Technique.SETUP))),
                () -> assertEquals("MIXED", Technique.ofPlan(List.of("STATIC", "IMRT"))),
                () -> assertEquals(Technique.UNKNOWN, Technique.ofPlan(List.of("IMRT", Technique.UNKNOWN))),
                () -> assertEquals(Technique.UNKNOWN, Technique.ofPlan(List.of(Technique.SETUP))));
    }
}
