package rt.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

/** Hand-encoded data sets in every supported transfer syntax, character sets, and Part 10 variants. */
@ExtendWith(SurefireStyleSummary.class)
class EncodingTest {

    /** Builds element bytes in one encoding. */
    private static final class Enc {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final boolean explicit;
        final ByteOrder order;

        Enc(boolean explicit, ByteOrder order) {
            this.explicit = explicit;
            this.order = order;
        }

        Enc u16(int v) {
            ByteBuffer b = ByteBuffer.allocate(2).order(order).putShort((short) v);
            out.writeBytes(b.array());
            return this;
        }

        Enc u32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(order).putInt(v).array());
            return this;
        }

        Enc header(int tag, String vr, int len) {
            u16(tag >>> 16).u16(tag & 0xFFFF);
            if (!explicit) {
                return u32(len);
            }
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (VR.parse(vr).hasLongLength()) {
                return u16(0).u32(len);
            }
            return u16(len);
        }

        Enc element(int tag, String vr, byte[] value) {
            header(tag, vr, value.length);
            out.writeBytes(value);
            return this;
        }

        Enc text(int tag, String vr, String value) {
            return element(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
        }

        Enc us(int tag, int v) {
            return element(tag, "US", ByteBuffer.allocate(2).order(order).putShort((short) v).array());
        }

        Enc fd(int tag, double v) {
            return element(tag, "FD", ByteBuffer.allocate(8).order(order).putDouble(v).array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A small data set: strings, US, DS, FD, and an undefined-length sequence holding an undefined-length item. */
    private static byte[] dataset(boolean explicit, ByteOrder order) {
        Enc e = new Enc(explicit, order);
        e.text(Tag.SOPInstanceUID, "UI", "1.2.3.4\0");
        e.text(Tag.Modality, "CS", "CT");
        e.text(Tag.PatientName, "PN", "Doe^John");
        e.header(Tag.ReferencedSeriesSequence, "SQ", -1);
        e.u16(0xFFFE).u16(0xE000).u32(-1);
        e.text(Tag.SeriesInstanceUID, "UI", "1.2.5\0");
        e.us(Tag.Rows, 512);
        e.u16(0xFFFE).u16(0xE00D).u32(0);
        e.u16(0xFFFE).u16(0xE0DD).u32(0);
        e.us(Tag.Columns, 256);
        e.text(Tag.PixelSpacing, "DS", "0.9765625\\-1.5e2 ");
        e.fd(Tag.DiffusionBValue, -12.25);
        return e.bytes();
    }

    private static byte[] part10(String tsUid, byte[] dataset) {
        Enc meta = new Enc(true, ByteOrder.LITTLE_ENDIAN);
        String uid = tsUid.length() % 2 == 1 ? tsUid + "\0" : tsUid;
        meta.text(Tag.TransferSyntaxUID, "UI", uid);
        byte[] m = meta.bytes();
        Enc all = new Enc(true, ByteOrder.LITTLE_ENDIAN);
        all.out.writeBytes(new byte[128]);
        all.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        all.element(Tag.FileMetaInformationGroupLength, "UL",
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(m.length).array());
        all.out.writeBytes(m);
        all.out.writeBytes(dataset);
        return all.bytes();
    }

    private static void assertContent(DicomFile f) {
        DicomObject ds = f.dataset();
        assertEquals("1.2.3.4", ds.getString(Tag.SOPInstanceUID));
        assertEquals("Doe^John", ds.getString(Tag.PatientName));
        assertEquals(512, ds.getItem(Tag.ReferencedSeriesSequence).getInt(Tag.Rows, 0));
        assertEquals("1.2.5", ds.getItem(Tag.ReferencedSeriesSequence).getString(Tag.SeriesInstanceUID));
        assertEquals(256, ds.getInt(Tag.Columns, 0));
        assertArrayEquals(new double[] {0.9765625, -150.0}, ds.getDoubles(Tag.PixelSpacing));
        assertEquals(-12.25, ds.getDouble(Tag.DiffusionBValue, 0));
    }

    @Test
    void implicit_vr_little_endian() throws DicomException {
        DicomFile f = DicomReader.read(part10("1.2.840.10008.1.2", dataset(false, ByteOrder.LITTLE_ENDIAN)), "t",
                ReadOptions.ALL);
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertContent(f);
    }

    @Test
    void explicit_vr_little_endian_with_and_without_file_meta() throws DicomException {
        byte[] ds = dataset(true, ByteOrder.LITTLE_ENDIAN);
        assertContent(DicomReader.read(part10("1.2.840.10008.1.2.1", ds), "t", ReadOptions.ALL));
        DicomFile bare = DicomReader.read(ds, "bare", ReadOptions.ALL);
        assertFalse(bare.preamble());
        assertContent(bare);
    }

    @Test
    void explicit_vr_big_endian() throws DicomException {
        DicomFile f = DicomReader.read(part10("1.2.840.10008.1.2.2", dataset(true, ByteOrder.BIG_ENDIAN)), "t",
                ReadOptions.ALL);
        assertTrue(f.transferSyntax().bigEndian());
        assertContent(f);
    }

    @Test
    void deflated_explicit_vr_little_endian() throws DicomException {
        byte[] plain = dataset(true, ByteOrder.LITTLE_ENDIAN);
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(plain);
        d.finish();
        byte[] buf = new byte[plain.length * 2 + 64];
        int n = d.deflate(buf);
        d.end();
        byte[] deflated = java.util.Arrays.copyOf(buf, n);
        DicomFile f = DicomReader.read(part10("1.2.840.10008.1.2.1.99", deflated), "t", ReadOptions.ALL);
        assertTrue(f.transferSyntax().deflated());
        assertContent(f);
    }

    @Test
    void header_scan_stops_before_the_asked_tag() throws DicomException {
        DicomFile f = DicomReader.read(part10("1.2.840.10008.1.2.1", dataset(true, ByteOrder.LITTLE_ENDIAN)), "t",
                ReadOptions.upTo(Tag.Columns));
        assertFalse(f.complete());
        assertTrue(f.dataset().contains(Tag.ReferencedSeriesSequence));
        assertFalse(f.dataset().contains(Tag.Columns));
    }

    @Test
    void character_sets_latin1_and_utf8() throws DicomException {
        for (String[] cs : new String[][] {{"ISO_IR 100", "ISO-8859-1"}, {"ISO_IR 192", "UTF-8"}, {"", "ISO-8859-1"}}) {
            Enc e = new Enc(true, ByteOrder.LITTLE_ENDIAN);
            if (!cs[0].isEmpty()) {
                e.text(Tag.SpecificCharacterSet, "CS", cs[0].length() % 2 == 1 ? cs[0] + " " : cs[0]);
            }
            byte[] name = "Müller^Jörg".getBytes(java.nio.charset.Charset.forName(cs[1]));
            e.element(Tag.PatientName, "PN", name.length % 2 == 1 ? java.util.Arrays.copyOf(name, name.length + 1)
                    : name);
            e.header(Tag.ReferencedSeriesSequence, "SQ", -1).u16(0xFFFE).u16(0xE000).u32(-1);
            e.element(Tag.PatientName, "PN", name.length % 2 == 1 ? java.util.Arrays.copyOf(name, name.length + 1)
                    : name);
            e.u16(0xFFFE).u16(0xE00D).u32(0).u16(0xFFFE).u16(0xE0DD).u32(0);
            DicomObject ds = DicomReader.read(part10("1.2.840.10008.1.2.1", e.bytes()), "t", ReadOptions.ALL)
                    .dataset();
            assertEquals("Müller^Jörg", ds.getString(Tag.PatientName), cs[0]);
            assertEquals("Müller^Jörg", ds.getItem(Tag.ReferencedSeriesSequence).getString(Tag.PatientName), cs[0]);
        }
    }

    @Test
    void lying_length_names_the_source() {
        byte[] ds = dataset(true, ByteOrder.LITTLE_ENDIAN);
        ds[6] = (byte) 0xF0; // SOPInstanceUID length 0x00F0 + low byte
        DicomException e = assertThrows(DicomException.class, () -> DicomReader.read(ds, "lying.dcm",
                ReadOptions.ALL));
        assertTrue(e.getMessage().startsWith("lying.dcm: value length"), e.getMessage());
        DicomException text = assertThrows(DicomException.class, () -> DicomReader.read(
                "hello, this is not DICOM at all".getBytes(StandardCharsets.US_ASCII), "x.txt", ReadOptions.ALL));
        assertTrue(text.getMessage().startsWith("x.txt: not a DICOM file"), text.getMessage());
    }

    @Test
    void compressed_pixel_data_names_the_transfer_syntax() {
        assertEquals("JPEG Baseline (Process 1)", TransferSyntax.of("1.2.840.10008.1.2.4.50").name());
        assertTrue(TransferSyntax.of("1.2.840.10008.1.2.4.50").encapsulated());
    }

    @Test
    void writer_round_trip_keeps_values() throws DicomException {
        DicomObject ds = new DicomObject();
        ds.putString(Tag.SOPClassUID, Uids.CT_IMAGE_STORAGE).putString(Tag.SOPInstanceUID, Uids.create());
        ds.putDoubles(Tag.ImagePositionPatient, -249.51171875, 1e-7, 123456789.125);
        ds.putInts(Tag.Rows, 3).putDoubles(Tag.TableTopLateralPosition, Math.PI).putDoubles(Tag.DiffusionBValue, Math.PI);
        ds.addItem(Tag.ReferencedSeriesSequence).putString(Tag.SeriesInstanceUID, "1.2.3");
        ds.putString(Tag.PatientName, "Ωmega");
        byte[] bytes = DicomWriter.toBytes(ds);
        DicomFile f = DicomReader.read(bytes, "w", ReadOptions.ALL);
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals(Uids.IMPLEMENTATION_CLASS_UID, f.fileMeta().getString(Tag.ImplementationClassUID));
        assertEquals(ds.getString(Tag.SOPInstanceUID), f.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
        DicomObject back = f.dataset();
        double[] ipp = back.getDoubles(Tag.ImagePositionPatient);
        assertEquals(-249.51171875, ipp[0]);
        assertEquals(1e-7, ipp[1], 1e-20);
        assertEquals(123456789.125, ipp[2], 1e-6);
        assertEquals(Math.PI, back.getDouble(Tag.TableTopLateralPosition, 0), 1e-13); // DS: 16 characters
        assertEquals(Math.PI, back.getDouble(Tag.DiffusionBValue, 0)); // FD: exact
        assertEquals("1.2.3", back.getItem(Tag.ReferencedSeriesSequence).getString(Tag.SeriesInstanceUID));
        assertEquals("Ωmega", back.getString(Tag.PatientName));
        assertEquals("ISO_IR 192", back.getString(Tag.SpecificCharacterSet));
        int groupLength = f.fileMeta().getInt(Tag.FileMetaInformationGroupLength, -1);
        int datasetStart = 132 + 12 + groupLength; // preamble, DICM, (0002,0000) UL element, rest of the meta
        assertEquals(0x0008, (bytes[datasetStart] & 0xFF) | (bytes[datasetStart + 1] & 0xFF) << 8);
        assertTrue(Uids.isValid(Uids.create()) && Uids.create().startsWith("2.25."));
    }

    @Test
    void ds_values_parse_like_java() {
        String[] samples = {"0", "-0.5", "1e3", "+12.75", " 3.14159265358979 ", "-1.2345678901234567E-5", "7.", ".5",
            "123456789012345678", "1E+300", "abc", ""};
        for (String s : samples) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            double expected;
            try {
                expected = s.isBlank() ? Double.NaN : Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                expected = Double.NaN;
            }
            assertEquals(expected, NumberParser.parseDouble(b, 0, b.length), s);
        }
    }
}
