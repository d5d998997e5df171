package rt.dicom.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits encapsulated pixel data (PS3.5 A.4) into frames: the Basic Offset Table (first item) or an Extended Offset
 * Table when present, else one fragment per frame when the counts match, else a new frame at every fragment that
 * starts a codestream (JPEG SOI, JPEG 2000 SOC or JP2 signature), since many writers leave the offset table empty.
 */
public final class Fragments {

    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_END = 0xFFFEE0DD;

    private record Fragment(long offset, int start, int length) {
    }

    private Fragments() {
    }

    /**
     * The compressed bytes of each frame.
     *
     * @param encapsulated the value of Pixel Data as read: items up to the sequence delimiter, not modified
     * @param extendedOffsets the Extended Offset Table (7FE0,0001) as 64-bit offsets, or null
     * @throws CodecException when the item structure is broken or the frames cannot be found
     */
    public static List<byte[]> frames(ByteBuffer encapsulated, int frames, long[] extendedOffsets)
            throws CodecException {
        ByteBuffer b = encapsulated.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        List<Fragment> items = new ArrayList<>();
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            long len = b.getInt() & 0xFFFFFFFFL;
            if (tag == SEQUENCE_END) {
                break;
            }
            if (tag != ITEM || len > b.remaining()) {
                throw new CodecException("broken fragment item at byte " + (b.position() - 8 - base));
            }
            items.add(new Fragment(b.position() - 8 - base, b.position(), (int) len));
            b.position(b.position() + (int) len);
        }
        if (items.isEmpty()) {
            throw new CodecException("encapsulated pixel data without a basic offset table item");
        }
        Fragment table = items.get(0);
        List<Fragment> data = items.subList(1, items.size());
        if (data.isEmpty()) {
            throw new CodecException("encapsulated pixel data without fragments");
        }
        long firstOffset = data.get(0).offset;
        long[] offsets = extendedOffsets;
        if (offsets == null && table.length >= 4 && frames > 1) {
            offsets = new long[table.length / 4];
            ByteBuffer t = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = t.getInt(table.start + 4 * i) & 0xFFFFFFFFL;
            }
        }
        List<List<Fragment>> grouped = null;
        if (frames == 1) {
            grouped = List.of(data);
        } else if (offsets != null && offsets.length == frames) {
            try {
                grouped = byOffsets(data, offsets, firstOffset);
            } catch (CodecException e) {
                // a wrong offset table (seen in the wild): the fragments themselves still tell the frames
            }
        }
        if (grouped == null) {
            grouped = data.size() == frames ? data.stream().map(List::of).toList() : byCodestreamStart(b, data);
        }
        if (grouped.size() != frames) {
            throw new CodecException(frames + " frames expected, " + grouped.size() + " found in " + data.size()
                    + " fragments");
        }
        List<byte[]> out = new ArrayList<>(frames);
        for (List<Fragment> g : grouped) {
            out.add(concat(b, g));
        }
        return out;
    }

    private static List<List<Fragment>> byOffsets(List<Fragment> data, long[] offsets, long firstOffset)
            throws CodecException {
        List<List<Fragment>> out = new ArrayList<>();
        for (int f = 0; f < offsets.length; f++) {
            long from = firstOffset + offsets[f];
            long to = f + 1 < offsets.length ? firstOffset + offsets[f + 1] : Long.MAX_VALUE;
            List<Fragment> frame = data.stream().filter(d -> d.offset >= from && d.offset < to).toList();
            if (frame.isEmpty() || frame.get(0).offset != from) {
                throw new CodecException("offset table entry " + f + " (" + offsets[f]
                        + ") does not point at a fragment");
            }
            out.add(frame);
        }
        return out;
    }

    private static List<List<Fragment>> byCodestreamStart(ByteBuffer b, List<Fragment> data) {
        List<List<Fragment>> out = new ArrayList<>();
        for (Fragment d : data) {
            if (out.isEmpty() || startsCodestream(b, d)) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(d);
        }
        return out;
    }

    private static boolean startsCodestream(ByteBuffer b, Fragment d) {
        if (d.length < 4) {
            return false;
        }
        int m = (b.get(d.start) & 0xFF) << 8 | (b.get(d.start + 1) & 0xFF);
        int n = (b.get(d.start + 2) & 0xFF) << 8 | (b.get(d.start + 3) & 0xFF);
        return m == 0xFFD8 && (n >> 8) == 0xFF // JPEG, JPEG-LS: SOI then a marker
                || m == 0xFF4F && n == 0xFF51 // JPEG 2000 codestream: SOC, SIZ
                || m == 0x0000 && n == 0x000C && d.length >= 8 && b.get(d.start + 4) == 'j'; // JP2 signature box
    }

    private static byte[] concat(ByteBuffer b, List<Fragment> frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.stream().mapToInt(Fragment::length).sum());
        for (Fragment d : frame) {
            byte[] part = new byte[d.length];
            b.get(d.start, part);
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
