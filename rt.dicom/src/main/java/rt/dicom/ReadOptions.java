package rt.dicom;

/**
 * What to read.
 *
 * @param stopAtTag  stop before the first top-level attribute whose tag is &gt;= this (unsigned); the bytes after it
 *                   are never read from disk. {@code 0xFFFFFFFF} reads everything.
 * @param maxInflatedBytes cap for a Deflated data set once inflated (guards against deflate bombs)
 */
public record ReadOptions(int stopAtTag, long maxInflatedBytes) {

    /** Everything, pixel data included. */
    public static final ReadOptions ALL = new ReadOptions(0xFFFFFFFF, 1L << 30);
    /** Header only: stops before (7FE0,0008) Float Pixel Data / (7FE0,0010) Pixel Data. */
    public static final ReadOptions HEADER = new ReadOptions(0x7FE00000, 1L << 30);

    /** Reads top-level attributes with tags below {@code tag} only. */
    public static ReadOptions upTo(int tag) {
        return new ReadOptions(tag, 1L << 30);
    }
}
