package rt.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one file, loaded on demand: the buffer grows (at most to the file size) as the parser asks for
 * bytes, so a header scan never reads pixel data. Values keep references into the buffer they were read from.
 */
final class ByteSource implements AutoCloseable {

    private static final int FIRST_CHUNK = 16 * 1024;

    byte[] buf;
    /** Bytes of {@link #buf} that are loaded. */
    int limit;
    final long size;
    private FileChannel channel;

    private ByteSource(byte[] buf, int limit, long size, FileChannel channel) {
        this.buf = buf;
        this.limit = limit;
        this.size = size;
        this.channel = channel;
    }

    static ByteSource of(byte[] data) {
        return new ByteSource(data, data.length, data.length, null);
    }

    static ByteSource open(Path file, boolean whole) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 64) {
                throw new DicomException(file + ": file too large for this reader (" + size + " bytes)");
            }
            int first = (int) (whole ? size : Math.min(size, FIRST_CHUNK));
            ByteSource s = new ByteSource(new byte[first], 0, size, ch);
            s.fill(first);
            if (s.limit == size) {
                s.channel = null;
                ch.close();
            }
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Makes bytes up to {@code end} (exclusive) available; false when the file is shorter. */
    boolean ensure(long end) throws IOException {
        if (end <= limit) {
            return true;
        }
        if (end > size || channel == null) {
            return false;
        }
        long want = Math.max(end, Math.min(size, (long) buf.length * 2));
        byte[] grown = new byte[(int) want];
        System.arraycopy(buf, 0, grown, 0, limit);
        buf = grown;
        fill((int) want);
        if (limit == size) {
            channel.close();
            channel = null;
        }
        return end <= limit;
    }

    private void fill(int upTo) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, limit, upTo - limit);
        while (bb.hasRemaining()) {
            int n = channel.read(bb, bb.position());
            if (n < 0) {
                break;
            }
        }
        limit = bb.position();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
