package rt.organize.internal.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtPlanReader;
import rt.dicom.rt.RtStructReader;
import rt.organize.internal.io.HeaderScanner;
import rt.testsupport.SurefireStyleSummary;

/** The generator on its own: specs, and objects that read back with the project's readers. */
@ExtendWith(SurefireStyleSummary.class)
class DemoCohortTest {

    @TempDir
    Path tmp;

    @Test
    void patientsCycleThroughThePlainBoostAndReplanKinds() {
        List<DemoCohort.PatientSpec> s = DemoCohort.specs(7);
        assertEquals(List.of(DemoCohort.Kind.PLAIN, DemoCohort.Kind.BOOST, DemoCohort.Kind.REPLAN,
                DemoCohort.Kind.PLAIN, DemoCohort.Kind.BOOST, DemoCohort.Kind.REPLAN, DemoCohort.Kind.PLAIN),
                s.stream().map(DemoCohort.PatientSpec::kind).toList());
        assertEquals(16.0, s.get(1).plans().get(1).rxGy());
        assertThrows(IllegalArgumentException.class, () -> DemoCohort.write(tmp, 0));
    }

    @Test
    void writtenObjectsReadBackWithTheAnalyticValues() throws Exception {
        DemoCohort.PatientSpec p = DemoCohort.specs(2).get(1);
        List<Path> files = DemoCohort.writePatient(tmp, p);
        assertEquals(Phantom.CT_SLICES + 1 + 2 * 2, files.size());
        var rs = RtStructReader.read(tmp.resolve("RS.dcm"));
        assertEquals(Phantom.ROIS, rs.rois().stream().map(r -> r.name()).toList());
        var plan = HeaderScanner.scan(tmp.resolve("RP.2.dcm"));
        assertEquals(16.0, plan.plan().rxGy(), 1e-9);
        assertEquals("THORAX BOOST", plan.plan().label());
        var dose = RtDoseReader.read(tmp.resolve("RD.2.dcm"));
        // Boost grid voxel (30,30,30) is the origin: 0.32 × (A + H) = 16 Gy.
        double[] w = dose.volume().grid().indexToWorld(30, 30, 30);
        assertEquals(0, Math.abs(w[0]) + Math.abs(w[1]) + Math.abs(w[2]), 1e-9);
        assertEquals(0.32 * (Phantom.DOSE_A + Phantom.DOSE_H), dose.volume().get(30, 30, 30), 1e-3);
        assertEquals(Phantom.HU_SPINE, Phantom.hu(0, Phantom.SPINE_Y, 0));
    }

    @Test
    void objectsComeFromTheRtDicomWritersLinkedAndReproducible() throws Exception {
        DemoCohort.PatientSpec p = DemoCohort.specs(1).get(0);
        List<Path> files = DemoCohort.writePatient(tmp.resolve("a"), p);
        var ct = ImageSeriesReader.read(files.subList(0, Phantom.CT_SLICES));
        assertEquals(Phantom.CT_SLICES, ct.sopInstanceUids().size());
        double[] c = ct.volume().grid().worldToIndex(0, Phantom.SPINE_Y, 0);
        assertEquals(Phantom.HU_SPINE, ct.volume().get((int) Math.round(c[0]), (int) Math.round(c[1]),
                (int) Math.round(c[2])), 0.5);
        assertEquals("CHEST", DicomReader.readHeader(files.get(0)).dataset().getString(Tag.BodyPartExamined));
        // Every contour references the CT slice in its plane (RtStructWriter's Contour Image Sequence).
        var rs = RtStructReader.read(tmp.resolve("a/RS.dcm"));
        assertEquals(ct.seriesInstanceUid(), rs.referencedSeriesUid());
        for (var roi : rs.rois()) {
            for (var contour : roi.contours()) {
                assertEquals(1, contour.referencedSopInstanceUids().size(), roi.name());
                int k = ct.sopInstanceUids().indexOf(contour.referencedSopInstanceUids().get(0));
                assertEquals(ct.slicePositions()[k], contour.z(), 1e-6, roi.name());
            }
        }
        var plan = RtPlanReader.read(tmp.resolve("a/RP.1.dcm"));
        assertEquals(rs.sopInstanceUid(), plan.referencedStructureSetUid());
        assertEquals(2, plan.beams().size());
        assertEquals(50.0, plan.prescriptionGy(), 1e-9);
        assertEquals("APPROVED", plan.approvalStatus());
        assertEquals(List.of(plan.sopInstanceUid()), RtDoseReader.read(tmp.resolve("a/RD.1.dcm"))
                .referencedPlanUids());
        // Names-derived UIDs and fixed dates: a rerun writes byte-identical files.
        List<Path> again = DemoCohort.writePatient(tmp.resolve("b"), p);
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(Files.readAllBytes(files.get(i)), Files.readAllBytes(again.get(i)),
                    files.get(i).getFileName().toString());
        }
    }
}
