package rt.dicom.internal.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which decoder handles which encapsulated transfer syntax. Libraries where a maintained one is on Maven Central:
 * TwelveMonkeys imageio-jpeg (JPEG baseline, extended and lossless, all predictors) and jai-imageio-jpeg2000
 * (JPEG 2000); where no good Java library exists the codec is our own: RLE, JPEG-LS, and 12-bit DCT JPEG.
 */
public final class Codecs {

    /** Transfer syntax UID → decoder factory, in the order doctor lists them. */
    private static final Map<String, Supplier<FrameDecoder>> DECODERS = new LinkedHashMap<>();

    static {
        Supplier<FrameDecoder> jpeg = () -> new JpegDecoder(new ImageIoDecoder(TwelveMonkeysJpeg.provider()));
        Supplier<FrameDecoder> j2k = () -> new Jpeg2000Decoder(new ImageIoDecoder(
                new com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi()));
        DECODERS.put("1.2.840.10008.1.2.4.50", jpeg);
        DECODERS.put("1.2.840.10008.1.2.4.51", jpeg);
        DECODERS.put("1.2.840.10008.1.2.4.57", jpeg);
        DECODERS.put("1.2.840.10008.1.2.4.70", jpeg);
        DECODERS.put("1.2.840.10008.1.2.4.80", JpegLsDecoder::new);
        DECODERS.put("1.2.840.10008.1.2.4.81", JpegLsDecoder::new);
        DECODERS.put("1.2.840.10008.1.2.4.90", j2k);
        DECODERS.put("1.2.840.10008.1.2.4.91", j2k);
        DECODERS.put("1.2.840.10008.1.2.5", RleDecoder::new);
    }

    private Codecs() {
    }

    /** The encapsulated transfer syntax UIDs a decoder is wired for. */
    public static Iterable<String> encapsulatedUids() {
        return DECODERS.keySet();
    }

    /**
     * A fresh decoder for an encapsulated syntax (decoders are not shared between threads).
     *
     * @throws CodecException when no decoder handles the syntax, or its library cannot be loaded
     */
    public static FrameDecoder decoder(String uid) throws CodecException {
        Supplier<FrameDecoder> s = DECODERS.get(uid);
        if (s == null) {
            throw new CodecException("no decoder for this transfer syntax");
        }
        try {
            return s.get();
        } catch (LinkageError | IllegalStateException e) {
            throw new CodecException("decoder library not available (" + e + ")", e);
        }
    }
}
