package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.dicom.internal.codec.CodecException;
import rt.dicom.internal.codec.Fragments;
import rt.testsupport.SurefireStyleSummary;

/**
 * Frames from encapsulated pixel data (PS3.5 A.4): by the Basic Offset Table, by the Extended Offset Table, one
 * fragment per frame, and by codestream starts when the table is empty or wrong. Frames here are 2 JPEG-like
 * streams: frame 0 = SOI + 4 bytes in 2 fragments, frame 1 = SOI + 2 bytes in 1 fragment.
 */
@ExtendWith(SurefireStyleSummary.class)
class FragmentsTest {

    private static final byte[] F0A = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB};
    private static final byte[] F0B = {1, 2, 3, 4};
    private static final byte[] F1 = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC4, 5, 6};

    /** Items: offset table with the given 32-bit entries, then the fragments, then the sequence delimiter. */
    private static ByteBuffer encapsulated(int[] table, byte[]... fragments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer t = ByteBuffer.allocate(4 * table.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : table) {
            t.putInt(v);
        }
        item(out, 0xE000, t.array());
        for (byte[] f : fragments) {
            item(out, 0xE000, f);
        }
        item(out, 0xE0DD, new byte[0]);
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void item(ByteArrayOutputStream out, int element, byte[] value) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) 0xFFFE).putShort((short) element).putInt(value.length);
        out.writeBytes(h.array());
        out.writeBytes(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void every_way_of_finding_the_frames_gives_the_same_frames() throws CodecException {
        byte[] frame0 = concat(F0A, F0B);
        // item offsets relative to the first fragment item: fragment items are 8 + 4, 8 + 4, 8 + 6 bytes
        int second = 8 + F0A.length + 8 + F0B.length;
        List<ByteBuffer> layouts = List.of(encapsulated(new int[] {0, second}, F0A, F0B, F1),
                encapsulated(new int[0], F0A, F0B, F1), encapsulated(new int[] {0, 7}, F0A, F0B, F1));
        for (ByteBuffer b : layouts) {
            List<byte[]> frames = Fragments.frames(b, 2, null);
            assertArrayEquals(frame0, frames.get(0));
            assertArrayEquals(F1, frames.get(1));
        }
        List<byte[]> extended = Fragments.frames(encapsulated(new int[0], F0A, F0B, F1), 2, new long[] {0, second});
        assertArrayEquals(F1, extended.get(1));
        assertEquals(1, Fragments.frames(encapsulated(new int[0], F0A, F0B), 1, null).size());
    }

    @Test
    void broken_items_and_missing_frames_are_one_line_errors() {
        ByteBuffer b = encapsulated(new int[0], F0A, F0B, F1);
        b.put(8 + 3, (byte) 0x00); // second item's tag (FFFE,E000) becomes (FFFE,0000)
        assertThrows(CodecException.class, () -> Fragments.frames(b, 2, null));
        CodecException e = assertThrows(CodecException.class,
                () -> Fragments.frames(encapsulated(new int[0], F0A, F0B, F1), 4, null));
        assertEquals("4 frames expected, 2 found in 3 fragments", e.getMessage());
    }
}
