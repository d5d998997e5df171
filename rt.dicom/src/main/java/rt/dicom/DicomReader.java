package rt.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads DICOM files: Part 10 with or without preamble and file meta; Implicit VR LE, Explicit VR LE/BE, Deflated
 * Explicit VR LE; defined and undefined lengths; nested sequences. Malformed input (lying lengths, truncation,
 * garbage) gives a {@link DicomException} naming the file and the problem; nothing is allocated beyond the file
 * size (a deflated data set: beyond {@link ReadOptions#maxInflatedBytes()}). Thread-safe (stateless).
 */
public final class DicomReader {

    private DicomReader() {
    }

    /** Reads the whole file. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.ALL);
    }

    /** Reads up to Pixel Data, without reading the pixel bytes from disk. */
    public static DicomFile readHeader(Path file) throws IOException {
        return read(file, ReadOptions.HEADER);
    }

    /** Reads the file as the options say. */
    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        try (ByteSource source = ByteSource.open(file, options.stopAtTag() == 0xFFFFFFFF)) {
            return new Parser(source, file.toString(), options).parseFile();
        }
    }

    /** Reads from memory; {@code name} is used in error messages. */
    public static DicomFile read(byte[] data, String name, ReadOptions options) throws DicomException {
        return new Parser(ByteSource.of(data), name, options).parseFile();
    }

    /** Convenience: the data set of the whole file. */
    public static DicomObject readDataset(Path file) throws IOException {
        return read(file).dataset();
    }
}
