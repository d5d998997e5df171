package rt.dicom.internal.codec;

import java.io.IOException;

/** Decodes one compressed frame (the bytes of its fragments, concatenated) of a monochrome image. */
public interface FrameDecoder {

    /**
     * The stored sample values of the frame, row by row. Values are the raw bit patterns of {@code bitsStored}
     * bits (sign extension is the caller's job), so every codec gives the same numbers a native encoding would.
     *
     * @param frame compressed bytes, not modified
     * @throws IOException with a one-line reason when the stream is corrupt or uses an unsupported feature
     */
    int[] decode(byte[] frame, FrameFormat format) throws IOException;
}
