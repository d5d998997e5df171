package rt.organize.internal.io;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.rt.Contour;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtStructWriter;
import rt.organize.internal.plan.DicomSummary;
import rt.testsupport.RefData;
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

    @Test
    void anRtStructFrameOfReferenceIsReadWhereTheIodPutsItNotAtTheTopLevel() throws Exception {
        // dicompyler-core's real export: no (0020,0052) at the top level, the frame is in (3006,0010) and per ROI.
        Path real = RefData.resolve("dicompyler-core/rtss.dcm");
        assertNull(DicomReader.readHeader(real).dataset().getString(Tag.FrameOfReferenceUID));
        assertEquals("2.16.840.1.113662.2.12.0.3057.1241703565.36", HeaderScanner.scan(real).frameOfReferenceUid());
        // the same layout from our writer (which also writes the top-level module, as current editions require)
        PatientStudy ps = PatientStudy.newStudy("P", "P^P");
        RtStructWriter w = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), "1.2.3"));
        w.addRoi("PTV", "PTV", null, List.of(Contour.closed(new double[] {0, 0, 0, 10, 0, 0, 10, 10, 0})));
        DicomObject ds = w.build();
        ds.remove(Tag.FrameOfReferenceUID);
        Path f = tmp.resolve("RS.dcm");
        DicomWriter.write(ds, f);
        assertEquals("1.2.3", HeaderScanner.scan(f).frameOfReferenceUid());
        ds.remove(Tag.ReferencedFrameOfReferenceSequence);
        DicomWriter.write(ds, f);
        assertEquals("1.2.3", HeaderScanner.scan(f).frameOfReferenceUid(), "per ROI (3006,0024)");
        ds.remove(Tag.StructureSetROISequence);
        ds.putString(Tag.FrameOfReferenceUID, "1.2.4");
        DicomWriter.write(ds, f);
        assertEquals("1.2.4", HeaderScanner.scan(f).frameOfReferenceUid(), "vendor place: top level");
    }

    @Test
    void objectsStrippedOfTheirUidsAreRefusedWithTheReason() throws Exception {
        Grid g = Grid.axisAligned(4, 4, 1, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        Path slice = new CtSeriesWriter(PatientStudy.newStudy("P", "P^P"), "1.2.3",
                new Volume(g, new float[16], Quantity.HU)).write(tmp.resolve("ct")).get(0);
        DicomObject ds = DicomReader.read(slice).dataset();
        ds.remove(Tag.SeriesInstanceUID);
        DicomWriter.write(ds, slice);
        IOException e = assertThrows(IOException.class, () -> HeaderScanner.scan(slice));
        assertEquals(slice + ": CT image without Series Instance UID (0020,000E): it cannot be assigned to a series",
                e.getMessage());

        // our writer refuses a data set without SOP Instance UID: blank a marker UID in the encoded bytes instead
        ds.putString(Tag.SOPInstanceUID, "9.9.9.9");
        byte[] bytes = DicomWriter.toBytes(ds);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        assertEquals(2, latin.split("9\\.9\\.9\\.9\u0000", -1).length - 1, "marker in file meta and data set");
        Path noUid = tmp.resolve("nouid.dcm");
        Files.write(noUid, latin.replace("9.9.9.9\u0000", "        ").getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(IOException.class, () -> HeaderScanner.scan(noUid));
        assertEquals(noUid + ": no SOP Instance UID (0008,0018): the object cannot be identified", e.getMessage());
    }
}
