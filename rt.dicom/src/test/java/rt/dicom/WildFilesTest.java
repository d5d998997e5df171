package rt.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.testsupport.SurefireStyleSummary;

/**
 * Encodings met in files from other systems (found by rt.dicom.tools.ExtCheck on public test data; each case is
 * rebuilt here synthetically): UN for standard attributes (gdcmconv output), private sequences stored as UN,
 * explicit VR items inside an implicit UN sequence, unknown VR codes, and a compressed transfer syntax whose data set
 * uses Implicit VR.
 */
@ExtendWith(SurefireStyleSummary.class)
class WildFilesTest {

    /** Little-endian element writer. */
    private static final class Enc {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Enc u16(int v) {
            out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
            return this;
        }

        Enc u32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            return this;
        }

        Enc tag(int tag) {
            return u16(tag >>> 16).u16(tag & 0xFFFF);
        }

        /** Explicit VR element (long-length form for OB/OW/OF/SQ/UT/UN). */
        Enc explicit(int tag, String vr, byte[] value) {
            tag(tag);
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            VR v = VR.parse(vr);
            if (v == null || !v.hasLongLength()) {
                u16(value.length);
            } else {
                u16(0).u32(value.length);
            }
            out.writeBytes(value);
            return this;
        }

        Enc explicit(int tag, String vr, String value) {
            return explicit(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
        }

        Enc implicit(int tag, byte[] value) {
            tag(tag).u32(value.length);
            out.writeBytes(value);
            return this;
        }

        Enc implicit(int tag, String value) {
            return implicit(tag, value.getBytes(StandardCharsets.ISO_8859_1));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static byte[] part10(String tsUid, byte[] dataset) {
        Enc meta = new Enc();
        meta.explicit(Tag.TransferSyntaxUID, "UI", tsUid.length() % 2 == 1 ? tsUid + "\0" : tsUid);
        byte[] m = meta.bytes();
        Enc all = new Enc();
        all.out.writeBytes(new byte[128]);
        all.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        all.explicit(Tag.FileMetaInformationGroupLength, "UL",
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(m.length).array());
        all.out.writeBytes(m);
        all.out.writeBytes(dataset);
        return all.bytes();
    }

    private static byte[] item(byte[] content) {
        return concat(new Enc().tag(Tag.Item).u32(content.length).bytes(), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void un_vr_of_standard_attributes_takes_the_dictionary_vr_and_un_sequences_are_read_as_implicit() throws Exception {
        // gdcmconv / PACS output: every attribute of an RT Structure Set written as UN in Explicit VR LE
        byte[] contour = new Enc().implicit(Tag.ContourGeometricType, "CLOSED_PLANAR ")
                .implicit(Tag.NumberOfContourPoints, "3 ").implicit(Tag.ContourData, "0\\0\\5\\10\\0\\5\\0\\10\\5 ")
                .bytes();
        byte[] contourSeq = item(contour);
        byte[] roiContour = new Enc().implicit(Tag.ROIDisplayColor, "255\\0\\0 ").implicit(Tag.ContourSequence,
                contourSeq).implicit(Tag.ReferencedROINumber, "7 ").bytes();
        byte[] roi = new Enc().implicit(Tag.ROINumber, "7 ").implicit(Tag.ROIName, "PTV ").bytes();
        byte[] ds = new Enc().explicit(Tag.SOPClassUID, "UN", "1.2.840.10008.5.1.4.1.1.481.3\0")
                .explicit(Tag.Modality, "UN", "RTSTRUCT")
                .explicit(Tag.StructureSetROISequence, "UN", item(roi))
                .explicit(Tag.ROIContourSequence, "UN", item(roiContour)).bytes();
        DicomFile f = DicomReader.read(part10("1.2.840.10008.1.2.1", ds), "un.dcm", ReadOptions.ALL);
        DicomObject d = f.dataset();
        assertEquals(VR.CS, d.vr(Tag.Modality));
        assertEquals("RTSTRUCT", d.getString(Tag.Modality));
        assertEquals("1.2.840.10008.5.1.4.1.1.481.3", d.getString(Tag.SOPClassUID));
        RtStruct rs = RtStructReader.from(d, "un.dcm");
        Roi ptv = rs.roi("PTV").orElseThrow();
        assertArrayEquals(new int[] {255, 0, 0}, ptv.color());
        assertEquals(1, ptv.contours().size());
        assertArrayEquals(new double[] {0, 0, 5, 10, 0, 5, 0, 10, 5}, ptv.contours().get(0).points());
    }

    @Test
    void private_sequence_stored_as_un_is_read_as_sequence_and_garbage_un_stays_raw() throws Exception {
        // Implicit VR file (Varian private data): private tags have no dictionary VR, so they are UN
        byte[] inner = new Enc().implicit(0x32870010, "Varian Medical Systems VISION 3287")
                .implicit(0x32871001, "ABCD").bytes();
        byte[] garbage = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0x7F, 0x00, 0x00, 0x00, 1, 2, 3, 4};
        byte[] ds = new Enc().implicit(Tag.Modality, "RTPLAN").implicit(0x32870010, "Varian Medical Systems VISION 3287")
                .implicit(0x32871000, item(inner)).implicit(0x32871004, garbage).bytes();
        DicomObject d = DicomReader.read(part10("1.2.840.10008.1.2", ds), "p.dcm", ReadOptions.ALL).dataset();
        assertEquals(1, d.getSequence(0x32871000).size());
        assertArrayEquals("ABCD".getBytes(StandardCharsets.US_ASCII),
                d.getSequence(0x32871000).get(0).getBytes(0x32871001));
        assertTrue(d.getSequence(0x32871004).isEmpty());
        assertEquals(VR.UN, d.vr(0x32871004));
        assertEquals(12, d.rawLength(0x32871004));
    }

    @Test
    void explicit_vr_items_inside_an_undefined_length_un_sequence_are_detected() throws Exception {
        // Philips-style: an undefined-length UN sequence (implicit by PS3.5) whose items are encoded explicitly
        byte[] itemContent = new Enc().explicit(0x00189177, "CS", "GRADIENT").explicit(0x00189178, "CS", "IEC_NORMAL")
                .bytes();
        Enc e = new Enc().explicit(Tag.Modality, "CS", "MR");
        e.tag(0x00189176).out.writeBytes("UN".getBytes(StandardCharsets.US_ASCII));
        e.u16(0).u32(-1);
        e.tag(Tag.Item).u32(-1).out.writeBytes(itemContent);
        e.tag(Tag.ItemDelimitationItem).u32(0);
        e.tag(Tag.SequenceDelimitationItem).u32(0);
        e.explicit(Tag.Rows, "US", new byte[] {4, 0});
        DicomObject d = DicomReader.read(part10("1.2.840.10008.1.2.1", e.bytes()), "ph.dcm", ReadOptions.ALL)
                .dataset();
        DicomObject it = d.getItem(0x00189176);
        assertNotNull(it);
        assertEquals("GRADIENT", it.getString(0x00189177));
        assertEquals("IEC_NORMAL", it.getString(0x00189178));
        assertEquals(4, d.getInt(Tag.Rows, 0));
    }

    @Test
    void unknown_vr_code_of_spaces_is_read_with_a_short_length() throws Exception {
        byte[] ds = new Enc().explicit(Tag.Modality, "CS", "CT").explicit(Tag.PixelPaddingValue, "  ",
                new byte[] {0, 0}).explicit(Tag.RescaleIntercept, "DS", "-1024 ").bytes();
        DicomObject d = DicomReader.read(part10("1.2.840.10008.1.2.1", ds), "sp.dcm", ReadOptions.ALL).dataset();
        assertEquals(0, d.getInt(Tag.PixelPaddingValue, -1));
        assertEquals(-1024.0, d.getDouble(Tag.RescaleIntercept, 0));
        // two non-printable bytes are still an error naming the file
        byte[] bad = new Enc().explicit(Tag.Modality, "CS", "CT").bytes();
        bad[4] = 0x01;
        DicomException ex = assertThrows(DicomException.class,
                () -> DicomReader.read(part10("1.2.840.10008.1.2.1", bad), "bad.dcm", ReadOptions.ALL));
        assertTrue(ex.getMessage().startsWith("bad.dcm: "), ex.getMessage());
    }

    @Test
    void compressed_syntax_with_an_implicit_vr_data_set_keeps_its_identity(@TempDir Path dir) throws Exception {
        // JPEG Baseline declared in the file meta, data set written in Implicit VR (seen in the wild)
        Enc e = new Enc().implicit(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.481.2\0").implicit(Tag.Modality, "RTDOSE")
                .implicit(Tag.ImagePositionPatient, "0\\0\\0 ").implicit(Tag.ImageOrientationPatient, "1\\0\\0\\0\\1\\0 ")
                .implicit(Tag.Rows, new byte[] {2, 0}).implicit(Tag.Columns, new byte[] {2, 0})
                .implicit(Tag.PixelSpacing, "1\\1 ").implicit(Tag.DoseGridScaling, "0.5 ");
        e.tag(Tag.PixelData).u32(-1);
        e.tag(Tag.Item).u32(0);
        e.tag(Tag.Item).u32(4).u32(0x01020304);
        e.tag(Tag.SequenceDelimitationItem).u32(0);
        Path file = dir.resolve("rd.dcm");
        Files.write(file, part10("1.2.840.10008.1.2.4.50", e.bytes()));
        DicomFile f = DicomReader.read(file);
        assertEquals("1.2.840.10008.1.2.4.50", f.transferSyntax().uid());
        assertTrue(f.transferSyntax().encapsulated());
        assertFalse(f.transferSyntax().explicitVr());
        assertEquals("RTDOSE", f.dataset().getString(Tag.Modality));
        DicomException ex = assertThrows(DicomException.class, () -> RtDoseReader.read(file));
        assertTrue(ex.getMessage().contains("JPEG Baseline"), ex.getMessage());
    }
}
