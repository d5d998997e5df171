package rt.organize.internal.io;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtStructWriter;
import rt.organize.internal.plan.DicomSummary;
import rt.testsupport.SurefireStyleSummary;

/** Header scanning of synthetic files. */
@ExtendWith(SurefireStyleSummary.class)
class HeaderScannerTest {

    @TempDir
    Path tmp;

    @Test
    void theSopClassDecidesWhatAnRtObjectIsWhenModalitySaysOtherwise() throws Exception {
        // OpenTPS wrote Modality RTDOSE into an RT Structure Set: it must not be taken for a dose.
        PatientStudy ps = PatientStudy.newStudy("P", "P^P");
        RtStructWriter w = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), "1.2.3"));
        w.addRoi("PTV", "PTV", null, List.of(Contour.closed(new double[] {0, 0, 0, 10, 0, 0, 10, 10, 0})));
        DicomObject ds = w.build();
        ds.putString(Tag.Modality, "RTDOSE");
        Path f = tmp.resolve("RS.dcm");
        DicomWriter.write(ds, f);
        DicomSummary s = HeaderScanner.scan(f);
        assertAll(() -> assertEquals("RTSTRUCT", s.modality()), () -> assertNull(s.dose()),
                () -> assertNotNull(s.struct()), () -> assertEquals(List.of("PTV"), s.struct().roiNames()));
        // Modality alone still decides for objects whose SOP class is not an RT class.
        assertEquals("RTDOSE", HeaderScanner.rtModality("1.2.840.10008.5.1.4.1.1.481.2"));
        assertEquals("RTPLAN", HeaderScanner.rtModality("1.2.840.10008.5.1.4.1.1.481.8"), "RT Ion Plan");
        assertNull(HeaderScanner.rtModality("1.2.840.10008.5.1.4.1.1.2"));
    }
}
