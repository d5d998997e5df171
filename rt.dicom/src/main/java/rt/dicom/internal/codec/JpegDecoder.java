package rt.dicom.internal.codec;

import java.io.IOException;

/**
 * JPEG frames by their frame header: 8-bit DCT and lossless (SOF3, any predictor) go to TwelveMonkeys, whose
 * lossless decoder is its own and whose DCT path is the JDK's; 12-bit DCT (process 4), which the JDK rejects, goes
 * to {@link JpegExtendedDecoder}.
 */
final class JpegDecoder implements FrameDecoder {

    private final FrameDecoder library;

    JpegDecoder(FrameDecoder library) {
        this.library = library;
    }

    @Override
    public int[] decode(byte[] frame, FrameFormat format) throws IOException {
        int p = 2;
        while (p + 4 < frame.length && (frame[p] & 0xFF) == 0xFF) {
            int marker = frame[p + 1] & 0xFF;
            if ((marker == 0xC0 || marker == 0xC1) && p + 4 < frame.length && (frame[p + 4] & 0xFF) > 8) {
                return new JpegExtendedDecoder().decode(frame, format);
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC && p + 9 < frame.length) {
                // the library allocates for the SOF size: it must be the header's (a corrupt SOF could ask GBs)
                int height = (frame[p + 5] & 0xFF) << 8 | (frame[p + 6] & 0xFF);
                int width = (frame[p + 7] & 0xFF) << 8 | (frame[p + 8] & 0xFF);
                if (width != format.columns() || height != format.rows()) {
                    throw new CodecException("JPEG frame is " + width + "x" + height + ", header says "
                            + format.columns() + "x" + format.rows());
                }
                break;
            }
            if (marker == 0xDA) {
                break;
            }
            p += 2 + ((frame[p + 2] & 0xFF) << 8 | (frame[p + 3] & 0xFF));
        }
        return library.decode(frame, format);
    }
}
