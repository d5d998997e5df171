package rt.dicom.internal.codec;

import java.io.IOException;

/**
 * JPEG 2000 through jai-imageio's JJ2000 reader. JJ2000 refuses a codestream whose SIZ capabilities (Rsiz) it does
 * not know; such streams (seen with a stray sequence delimiter written over Rsiz) are retried with Rsiz 0, as
 * OpenJPEG decodes them, since Rsiz only declares a profile and changes nothing in the decoding.
 */
final class Jpeg2000Decoder implements FrameDecoder {

    private final FrameDecoder library;

    Jpeg2000Decoder(FrameDecoder library) {
        this.library = library;
    }

    @Override
    public int[] decode(byte[] frame, FrameFormat format) throws IOException {
        try {
            return library.decode(frame, format);
        } catch (CodecException e) {
            int siz = frame.length > 8 && (frame[0] & 0xFF) == 0xFF && (frame[1] & 0xFF) == 0x4F
                    && (frame[2] & 0xFF) == 0xFF && (frame[3] & 0xFF) == 0x51 ? 6 : -1;
            if (siz < 0 || frame[siz] == 0 && frame[siz + 1] == 0) {
                throw e;
            }
            byte[] copy = frame.clone();
            copy[siz] = 0;
            copy[siz + 1] = 0;
            return library.decode(copy, format);
        }
    }
}
