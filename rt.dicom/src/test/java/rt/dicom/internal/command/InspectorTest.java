package rt.dicom.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class InspectorTest {

    @Test
    void dicompyler_folder_lists_objects_and_roi_volumes() throws IOException {
        List<String> lines = new Inspector().inspect(RefData.resolve("dicompyler-core"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RTSTRUCT ") && l.contains("rois=10")), lines.toString());
        assertTrue(lines.contains("  ROI 5 Heart ORGAN 432.84 cc (33 contours)") || lines.stream()
                .anyMatch(l -> l.startsWith("  ROI 5 Heart ORGAN 43")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RTPLAN ") && l.contains("rx=14.00 Gy")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CT ") && l.contains("slices=1")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("NOT DICOM ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+ of \\d+ input\\(s\\) not usable: 2 not DICOM, .*")), lines.toString());
    }

    @Test
    void dose_line_shows_grid_and_max() throws IOException {
        List<String> lines = new Inspector().inspect(RefData.resolve("pydicom-rt/rtdose.dcm"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("grid=10x10x15 spacing=10.000x10.000x5.000 mm"), lines.get(0));
    }

    @Test
    void nelms_ct_series_is_one_line() throws IOException {
        List<String> lines = new Inspector().inspect(RefData.resolve("nelms-dvh/CT/2 mm CT"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("CT ") && lines.get(0).contains("orientation=1,0,0,0,1,0"), lines.get(0));
    }

    @Test
    void bad_path_is_an_illegal_argument() {
        assertThrows(IllegalArgumentException.class, () -> new Inspector().inspect(Path.of("/no/such/path")));
        assertThrows(IllegalArgumentException.class, () -> new InspectCommand().inspect(null, ""));
    }
}
