package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class StructureSourceTest {

    @Test
    void idsRoundTrip() {
        for (StructureSource s : List.of(StructureSource.manual(), StructureSource.manual("RS.1.2.3"),
                StructureSource.segmentation("total"), StructureSource.segmentation("lungs_v2"),
                StructureSource.custom())) {
            assertEquals(s, StructureSource.parse(s.id()));
        }
        assertEquals("segmentation:rules", StructureSource.segmentation("rules").id());
        assertEquals("rules", StructureSource.parse("segmentation:rules").model());
        assertEquals("manual", StructureSource.manual().id());
    }

    @Test
    void unknownOrIncompleteSourcesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StructureSource.parse("AutoRTS_total"));
        assertThrows(IllegalArgumentException.class, () -> StructureSource.parse("Manual"));
        assertThrows(IllegalArgumentException.class, () -> StructureSource.parse("segmentation"));
        assertThrows(IllegalArgumentException.class, () -> StructureSource.parse("custom:x"));
    }

    @Test
    void roiNamesAreTrimmedAndFreeOfControlCharacters() {
        assertEquals("PTV_High", RoiNames.of("  PTV_High "));
        assertEquals("a b", RoiNames.of("a\nb"));
        assertEquals("label_7", RoiNames.of(" ", 7));
        assertEquals("Lt Lung", RoiNames.of("Lt Lung", 3));
    }
}
