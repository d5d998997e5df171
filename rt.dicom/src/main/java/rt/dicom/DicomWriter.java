package rt.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import rt.course.AtomicFiles;

/**
 * Writes Part 10 files in Explicit VR Little Endian: 128-byte preamble, {@code DICM}, file meta with group length,
 * Media Storage SOP Class/Instance UID (from the data set's SOP Class/Instance UID), transfer syntax,
 * implementation class UID and version name. Sequences and items are written with undefined length. Strings are
 * encoded with the data set's Specific Character Set; where none is given and a value set in code is not ASCII,
 * {@code ISO_IR 192} (UTF-8) is declared. Files are written atomically (temporary file, then move).
 */
public final class DicomWriter {

    private DicomWriter() {
    }

    /** Writes the data set to {@code file} atomically. */
    public static void write(DicomObject dataset, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(dataset));
    }

    /** The Part 10 encoding of a data set. */
    public static byte[] toBytes(DicomObject dataset) throws DicomException {
        String sopClass = dataset.getString(Tag.SOPClassUID);
        String sopInstance = dataset.getString(Tag.SOPInstanceUID);
        if (sopClass == null || sopInstance == null) {
            throw new DicomException("cannot write a data set without SOPClassUID and SOPInstanceUID");
        }
        Out out = new Out(1 << 16);
        out.bytes(new byte[128]);
        out.bytes("DICM".getBytes(StandardCharsets.US_ASCII));
        DicomObject meta = new DicomObject();
        meta.putBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.putString(Tag.MediaStorageSOPClassUID, VR.UI, sopClass);
        meta.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance);
        meta.putString(Tag.TransferSyntaxUID, VR.UI, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        meta.putString(Tag.ImplementationClassUID, VR.UI, Uids.IMPLEMENTATION_CLASS_UID);
        meta.putString(Tag.ImplementationVersionName, VR.SH, Uids.IMPLEMENTATION_VERSION_NAME);
        Out metaOut = new Out(256);
        writeDataset(meta, metaOut, StandardCharsets.US_ASCII, true);
        out.header(Tag.FileMetaInformationGroupLength, VR.UL, 4);
        out.u32(metaOut.size);
        out.bytes(Arrays.copyOf(metaOut.buf, metaOut.size));

        Charset charset;
        DicomObject toWrite = dataset;
        String[] declared = dataset.getStrings(Tag.SpecificCharacterSet);
        if (declared.length > 0) {
            charset = SpecificCharset.of(declared);
        } else if (hasNonAscii(dataset)) {
            charset = StandardCharsets.UTF_8;
            out.header(Tag.SpecificCharacterSet, VR.CS, 10);
            out.bytes("ISO_IR 192".getBytes(StandardCharsets.US_ASCII));
            toWrite = dataset;
        } else {
            charset = StandardCharsets.ISO_8859_1;
        }
        writeDataset(toWrite, out, charset, false);
        return Arrays.copyOf(out.buf, out.size);
    }

    private static boolean hasNonAscii(DicomObject obj) {
        for (int i = 0; i < obj.size(); i++) {
            Value v = obj.valueAt(i);
            if (v.items != null) {
                for (DicomObject item : v.items) {
                    if (hasNonAscii(item)) {
                        return true;
                    }
                }
            } else if (v.object instanceof String s) {
                for (int n = 0; n < s.length(); n++) {
                    if (s.charAt(n) > 0x7F) {
                        return true;
                    }
                }
            } else if (v.isRaw() && v.vr.isString()) {
                for (int n = v.off; n < v.off + v.len; n++) {
                    if (v.buf[n] < 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void writeDataset(DicomObject obj, Out out, Charset charset, boolean meta)
            throws DicomException {
        for (int i = 0; i < obj.size(); i++) {
            int tag = obj.tagAt(i);
            Value v = obj.valueAt(i);
            if (!meta && (Tag.group(tag) == 0x0002 || Tag.element(tag) == 0)) {
                continue; // file meta is rebuilt; group lengths are retired in data sets
            }
            if (v.items != null) {
                out.header(tag, VR.SQ, -1);
                for (DicomObject item : v.items) {
                    out.u16(0xFFFE).u16(0xE000).u32(-1);
                    writeDataset(item, out, charset, false);
                    out.u16(0xFFFE).u16(0xE00D).u32(0);
                }
                out.u16(0xFFFE).u16(0xE0DD).u32(0);
                continue;
            }
            if (v.encapsulated) {
                throw new DicomException("cannot write encapsulated " + Tag.toString(tag) + " (only native pixel data)");
            }
            ByteBuffer value = ValueEncoder.encode(v, charset);
            int len = value.remaining();
            VR vr = v.vr;
            if (!vr.hasLongLength() && len > 0xFFFF) {
                if (vr.isString() && !vr.isText() || vr == VR.UI) {
                    throw new DicomException(Tag.toString(tag) + " value too long for VR " + vr + ": " + len
                            + " bytes");
                }
                vr = vr.isString() ? VR.UT : VR.UN;
            }
            out.header(tag, vr, len);
            out.bytes(value.array(), value.arrayOffset() + value.position(), len);
        }
    }

    /** A growable little-endian byte buffer. */
    private static final class Out {
        byte[] buf;
        int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        Out u16(int v) {
            room(2);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            return this;
        }

        Out u32(int v) {
            room(4);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 24);
            return this;
        }

        void bytes(byte[] b) {
            bytes(b, 0, b.length);
        }

        void bytes(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        /** Explicit VR LE element header; {@code len} -1 means undefined. */
        void header(int tag, VR vr, int len) {
            u16(tag >>> 16).u16(tag & 0xFFFF);
            room(2);
            buf[size++] = (byte) vr.name().charAt(0);
            buf[size++] = (byte) vr.name().charAt(1);
            if (vr.hasLongLength()) {
                u16(0).u32(len);
            } else {
                u16(len);
            }
        }
    }

}
