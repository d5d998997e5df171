package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.Uids;
import rt.testsupport.SurefireStyleSummary;

/** RTSTRUCT writer edge cases: non-ASCII names, 300 ROIs, an empty ROI, POINT and OPEN_PLANAR contours. */
@ExtendWith(SurefireStyleSummary.class)
class WriterEdgeCasesTest {

    @TempDir
    Path dir;

    @Test
    void many_rois_empty_roi_point_and_open_contours_with_non_ascii_names() throws IOException {
        PatientStudy ps = PatientStudy.newStudy("ÄÖÜ-01", "Müller-Lüdenscheidt^Jürgen^Ñoño");
        RtStructWriter w = new RtStructWriter(ps, ReferencedSeries.frameOnly(Uids.create(), Uids.create()));
        for (int r = 0; r < 300; r++) {
            double a = 1 + r % 10;
            w.addRoi("Struktur Größe " + r + " µ", "ORGAN", new int[] {r % 256, 100, 200},
                    List.of(Contour.closed(new double[] {-a, -a, 0, a, -a, 0, a, a, 0, -a, a, 0})));
        }
        w.addRoi("Leer", "ORGAN", new int[] {0, 255, 0}, List.of());
        w.addRoi("Marker Ø", "MARKER", new int[] {255, 255, 0},
                List.of(new Contour(ContourType.POINT, new double[] {1.5, -2.5, 1.5}, List.of())));
        w.addRoi("Line", "CONTROL", new int[] {255, 0, 255}, List.of(new Contour(ContourType.OPEN_PLANAR,
                new double[] {-5, 0, 1.5, 0, 3, 1.5, 5, 0, 1.5}, List.of())));
        Path file = dir.resolve("RS.dcm");
        w.label("Ünïcödé").write(file);

        RtStruct rs = RtStructReader.read(file);
        assertEquals(303, rs.rois().size());
        assertEquals("Ünïcödé", rs.label());
        List<String> names = new ArrayList<>();
        rs.rois().forEach(r -> names.add(r.name()));
        assertEquals("Struktur Größe 299 µ", names.get(299));
        assertEquals(0, rs.roi("Leer").orElseThrow().contours().size());
        Contour point = rs.roi("Marker Ø").orElseThrow().contours().get(0);
        assertEquals(ContourType.POINT, point.type());
        assertArrayEquals(new double[] {1.5, -2.5, 1.5}, point.points());
        assertEquals(ContourType.OPEN_PLANAR, rs.roi("Line").orElseThrow().contours().get(0).type());
        WriterRoundTripTest.dciodvfy(file);
    }
}
