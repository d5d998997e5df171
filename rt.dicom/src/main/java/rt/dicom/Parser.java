package rt.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** One parse of one source. Every length is checked against the bytes left before anything is allocated. */
final class Parser {

    private static final int MAX_DEPTH = 64;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private ByteSource src;
    private final String name;
    private final ReadOptions options;
    private boolean bigEndian;
    private boolean stopped;
    private int depth;

    Parser(ByteSource src, String name, ReadOptions options) {
        this.src = src;
        this.name = name;
        this.options = options;
    }

    DicomFile parseFile() throws DicomException {
        try {
            return parse();
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomException(name + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DicomException(name + ": malformed DICOM (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private DicomFile parse() throws IOException {
        long pos = 0;
        boolean preamble = false;
        if (src.ensure(132) && isDicm(128)) {
            pos = 132;
            preamble = true;
        } else if (src.ensure(4) && isDicm(0)) {
            pos = 4;
        }
        DicomObject meta = new DicomObject();
        if (src.ensure(pos + 8) && u16le(pos) == 0x0002) {
            pos = parseMeta(meta, pos);
        } else if (!preamble) {
            checkPlausibleStart(pos);
        }
        TransferSyntax ts;
        String tsUid = meta.getString(Tag.TransferSyntaxUID);
        if (tsUid != null) {
            ts = TransferSyntax.of(tsUid);
        } else {
            ts = guessSyntax(pos);
        }
        long end = src.size;
        if (ts.deflated()) {
            src = ByteSource.of(inflate(pos));
            pos = 0;
            end = src.size;
        } else if (src.ensure(pos + 8)) {
            ts = checkSyntax(ts, pos);
        }
        bigEndian = ts.bigEndian();
        DicomObject dataset = new DicomObject();
        parseDataset(dataset, pos, end, ts.explicitVr(), true, false);
        return new DicomFile(name, meta, dataset, ts, preamble, !stopped);
    }

    private boolean isDicm(int at) {
        byte[] b = src.buf;
        return b[at] == 'D' && b[at + 1] == 'I' && b[at + 2] == 'C' && b[at + 3] == 'M';
    }

    private long parseMeta(DicomObject meta, long pos) throws IOException {
        while (src.ensure(pos + 8) && u16le(pos) == 0x0002) {
            pos = parseElement(meta, pos, src.size, true, false);
        }
        return pos;
    }

    private void checkPlausibleStart(long pos) throws IOException {
        if (!src.ensure(pos + 8)) {
            throw fail("not a DICOM file (too short: " + src.size + " bytes)", pos);
        }
        int groupLe = u16le(pos);
        int groupBe = ((src.buf[(int) pos] & 0xFF) << 8) | (src.buf[(int) pos + 1] & 0xFF);
        if (groupLe > 0x0028 && groupBe > 0x0028) {
            throw fail("not a DICOM file (no DICM preamble, no file meta, first group "
                    + String.format("%04X", groupLe) + ")", pos);
        }
    }

    private TransferSyntax guessSyntax(long pos) throws IOException {
        if (!src.ensure(pos + 8)) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        int groupLe = u16le(pos);
        boolean vrBytes = VR.of(src.buf[(int) pos + 4], src.buf[(int) pos + 5]) != null;
        if (groupLe > 0x0028 && vrBytes) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        return vrBytes ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    /** Some files declare one VR encoding and use the other; the first element tells. */
    private TransferSyntax checkSyntax(TransferSyntax ts, long pos) {
        if (ts.bigEndian()) {
            return ts;
        }
        VR vr = VR.of(src.buf[(int) pos + 4], src.buf[(int) pos + 5]);
        if (ts.explicitVr() && vr == null) {
            // an encapsulated syntax keeps its identity (pixel data stays compressed); only the VR encoding differs
            return ts.encapsulated() ? new TransferSyntax(ts.uid(), ts.name(), false, false, false, true)
                    : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        if (!ts.explicitVr() && vr != null && vr == DicomDictionary.vrOf(tag(pos))) {
            return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
        return ts;
    }

    private byte[] inflate(long pos) throws IOException {
        if (!src.ensure(src.size)) {
            throw fail("truncated", pos);
        }
        try {
            return inflate(pos, true);
        } catch (DataFormatException e) {
            try {
                return inflate(pos, false);
            } catch (DataFormatException e2) {
                throw fail("corrupt deflated data set: " + e.getMessage(), pos);
            }
        }
    }

    private byte[] inflate(long pos, boolean nowrap) throws DataFormatException, DicomException {
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(src.buf, (int) pos, (int) (src.size - pos));
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(src.size * 4, 1 << 26));
            byte[] chunk = new byte[65536];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
                if (out.size() > options.maxInflatedBytes()) {
                    throw fail("deflated data set inflates beyond " + options.maxInflatedBytes() + " bytes", pos);
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    /** Parses attributes into {@code obj} from {@code pos} up to {@code end}; returns the position after. */
    private long parseDataset(DicomObject obj, long pos, long end, boolean explicit, boolean top,
            boolean undefinedItem) throws IOException {
        while (true) {
            if (pos >= end) {
                if (undefinedItem) {
                    throw fail("item without delimiter (truncated)", pos);
                }
                return pos;
            }
            if (!src.ensure(pos + 8) || pos + 8 > end) {
                if (top && !undefinedItem) {
                    return end; // a few trailing padding bytes after the last attribute
                }
                throw fail("truncated attribute header", pos);
            }
            int tag = tag(pos);
            if (tag == Tag.ItemDelimitationItem) {
                if (undefinedItem) {
                    return pos + 8;
                }
                if (top) {
                    throw fail("item delimiter outside an item", pos);
                }
                pos += 8;
                continue;
            }
            if (top && Integer.compareUnsigned(tag, options.stopAtTag()) >= 0) {
                stopped = true;
                return pos;
            }
            if (top && tag == 0xFFFCFFFC) {
                return end; // data set trailing padding
            }
            if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
                throw fail("unexpected " + Tag.toString(tag) + " outside a sequence", pos);
            }
            pos = parseElement(obj, pos, end, explicit, top);
        }
    }

    private long parseElement(DicomObject obj, long pos, long end, boolean explicit, boolean top)
            throws IOException {
        int tag = tag(pos);
        VR vr;
        long len;
        long vpos;
        boolean itemsExplicit = explicit;
        if (explicit) {
            int c0 = src.buf[(int) pos + 4] & 0xFF;
            int c1 = src.buf[(int) pos + 5] & 0xFF;
            vr = VR.of(c0, c1);
            if (vr == null && printable(c0) && printable(c1)) {
                // an unknown VR code such as "  " (seen in the wild): 16-bit length and the dictionary's VR, as
                // pydicom and dcmtk read it
                len = u16(pos + 6);
                vpos = pos + 8;
                vr = DicomDictionary.vrOf(tag);
                if (vr == VR.SQ) {
                    vr = VR.UN;
                }
            } else if (vr == null) {
                throw fail(String.format("invalid VR bytes %02X %02X for %s", c0, c1, Tag.toString(tag)), pos);
            } else if (vr.hasLongLength()) {
                if (!src.ensure(pos + 12) || pos + 12 > end) {
                    throw fail("truncated attribute header of " + Tag.toString(tag), pos);
                }
                len = u32(pos + 8);
                vpos = pos + 12;
            } else {
                len = u16(pos + 6);
                vpos = pos + 8;
            }
        } else {
            vr = DicomDictionary.vrOf(tag);
            len = u32(pos + 4);
            vpos = pos + 8;
        }
        if (vr == VR.UN && !bigEndian) {
            // UN from a system that did not know the attribute: its value is encoded as in Implicit VR Little
            // Endian, so the dictionary's VR applies (a sequence's items are implicit VR)
            VR known = DicomDictionary.vrOf(tag);
            if (known == VR.SQ) {
                vr = VR.SQ;
                itemsExplicit = false;
            } else if (known != VR.UN && known != null) {
                vr = known;
            }
        }
        if (len == UNDEFINED) {
            if (vr == VR.SQ || vr == VR.UN) {
                List<DicomObject> items = new ArrayList<>();
                // an undefined-length UN is a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2)
                long after = parseSequence(items, vpos, end, vr == VR.SQ && itemsExplicit, true, obj);
                obj.put(tag, Value.sequence(items));
                return after;
            }
            if (vr == VR.OB || vr == VR.OW) {
                long after = skipFragments(vpos, end, tag);
                obj.put(tag, Value.encapsulated(vr, src.buf, (int) vpos, (int) (after - vpos)));
                return after;
            }
            throw fail("undefined length for " + Tag.toString(tag) + " with VR " + vr, pos);
        }
        if (len > end - vpos) {
            throw fail("value length " + len + " of " + Tag.toString(tag) + " exceeds the " + Math.max(0, end - vpos)
                    + " bytes left", pos);
        }
        long after = vpos + len;
        if (vr == VR.SQ) {
            List<DicomObject> items = new ArrayList<>();
            parseSequence(items, vpos, after, itemsExplicit, false, obj);
            obj.put(tag, Value.sequence(items));
            return after;
        }
        if (!src.ensure(after)) {
            throw fail("truncated value of " + Tag.toString(tag), pos);
        }
        if (vr == VR.UN && !bigEndian && len >= 8 && tag(vpos) == Tag.Item) {
            // a private sequence stored as UN with a defined length: items in Implicit VR LE; kept raw if not
            List<DicomObject> items = new ArrayList<>();
            int savedDepth = depth;
            try {
                parseSequence(items, vpos, after, false, false, obj);
                obj.put(tag, Value.sequence(items));
                return after;
            } catch (DicomException e) {
                depth = savedDepth;
            }
        }
        obj.put(tag, Value.raw(vr, src.buf, (int) vpos, (int) len, bigEndian));
        if (tag == Tag.SpecificCharacterSet) {
            obj.setCharset(SpecificCharset.of(obj.getStrings(tag)));
        }
        return after;
    }

    private long parseSequence(List<DicomObject> items, long pos, long end, boolean explicit, boolean undefined,
            DicomObject parent) throws IOException {
        if (++depth > MAX_DEPTH) {
            throw fail("sequences nested deeper than " + MAX_DEPTH, pos);
        }
        while (true) {
            if (pos >= end) {
                if (undefined) {
                    throw fail("sequence without delimiter (truncated)", pos);
                }
                break;
            }
            if (!src.ensure(pos + 8) || pos + 8 > end) {
                throw fail("truncated item header", pos);
            }
            int tag = tag(pos);
            long len = u32(pos + 4);
            if (tag == Tag.SequenceDelimitationItem) {
                pos += 8;
                if (undefined) {
                    break;
                }
                continue;
            }
            if (tag != Tag.Item) {
                throw fail("expected an item, found " + Tag.toString(tag), pos);
            }
            DicomObject item = new DicomObject(parent.charset());
            boolean itemExplicit = itemEncoding(pos + 8, end, explicit);
            if (len == UNDEFINED) {
                pos = parseDataset(item, pos + 8, end, itemExplicit, false, true);
            } else {
                if (len > end - pos - 8) {
                    throw fail("item length " + len + " exceeds the " + (end - pos - 8) + " bytes left", pos);
                }
                parseDataset(item, pos + 8, pos + 8 + len, itemExplicit, false, false);
                pos = pos + 8 + len;
            }
            items.add(item);
        }
        depth--;
        return pos;
    }

    /**
     * The VR encoding of an item, told by its first attribute (as pydicom does): some writers put explicit VR items
     * into an undefined-length UN sequence (which PS3.5 says is implicit), or the reverse.
     */
    private boolean itemEncoding(long pos, long end, boolean declared) throws IOException {
        if (bigEndian || pos + 8 > end || !src.ensure(pos + 8)) {
            return declared;
        }
        int tag = tag(pos);
        if ((tag >>> 16) == 0xFFFE) {
            return declared;
        }
        int c0 = src.buf[(int) pos + 4] & 0xFF;
        int c1 = src.buf[(int) pos + 5] & 0xFF;
        VR vr = VR.of(c0, c1);
        if (declared && vr == null && !(printable(c0) && printable(c1))) {
            return false;
        }
        if (!declared && vr != null && vr == DicomDictionary.vrOf(tag) && vr != VR.UN) {
            return true;
        }
        return declared;
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c <= 0x7E;
    }

    private long skipFragments(long pos, long end, int ownerTag) throws IOException {
        while (true) {
            if (!src.ensure(pos + 8) || pos + 8 > end) {
                throw fail("truncated encapsulated " + Tag.toString(ownerTag), pos);
            }
            int tag = tag(pos);
            long len = u32(pos + 4);
            pos += 8;
            if (tag == Tag.SequenceDelimitationItem) {
                return pos;
            }
            if (tag != Tag.Item) {
                throw fail("expected a fragment item in " + Tag.toString(ownerTag) + ", found " + Tag.toString(tag),
                        pos - 8);
            }
            if (len > end - pos) {
                throw fail("fragment length " + len + " exceeds the " + (end - pos) + " bytes left", pos - 8);
            }
            pos += len;
            if (!src.ensure(pos)) {
                throw fail("truncated fragment", pos);
            }
        }
    }

    private DicomException fail(String problem, long pos) {
        return new DicomException(name + ": " + problem + " at offset " + pos);
    }

    private int tag(long pos) {
        return (u16(pos) << 16) | u16(pos + 2);
    }

    private int u16le(long pos) {
        byte[] b = src.buf;
        int p = (int) pos;
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private int u16(long pos) {
        byte[] b = src.buf;
        int p = (int) pos;
        return bigEndian ? ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF) : (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private long u32(long pos) {
        byte[] b = src.buf;
        int p = (int) pos;
        long v = bigEndian
                ? ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)
                : (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 3] & 0xFFL) << 24);
        return v;
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.US_ASCII);
    }
}
