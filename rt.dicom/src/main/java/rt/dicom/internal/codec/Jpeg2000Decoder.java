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
        checkSize(frame, format);
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

    /** The image size in SIZ must match the header before JJ2000 allocates for it (a corrupt SIZ could ask GBs). */
    private static void checkSize(byte[] f, FrameFormat format) throws CodecException {
        for (int p = 0; p + 24 < f.length && p < 4096; p++) {
            if ((f[p] & 0xFF) == 0xFF && (f[p + 1] & 0xFF) == 0x4F && (f[p + 2] & 0xFF) == 0xFF
                    && (f[p + 3] & 0xFF) == 0x51) {
                long width = u32(f, p + 8) - u32(f, p + 16);
                long height = u32(f, p + 12) - u32(f, p + 20);
                if (width != format.columns() || height != format.rows()) {
                    throw new CodecException("JPEG 2000 codestream is " + width + "x" + height + ", header says "
                            + format.columns() + "x" + format.rows());
                }
                return;
            }
        }
        throw new CodecException("no JPEG 2000 codestream (SOC, SIZ) found");
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
