package rt.dicom;

import java.util.ArrayList;
import java.util.List;
import rt.dicom.internal.codec.CodecException;
import rt.dicom.internal.codec.Codecs;

/** Which transfer syntaxes this codec reads pixel data of, for self-checks such as {@code rt:doctor}. */
public final class PixelCodecs {

    private PixelCodecs() {
    }

    /** Native syntaxes (always) and every encapsulated one whose decoder can be created here. */
    public static List<TransferSyntax> decodable() {
        List<TransferSyntax> out = new ArrayList<>(List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        for (String uid : Codecs.encapsulatedUids()) {
            try {
                Codecs.decoder(uid);
                out.add(TransferSyntax.of(uid));
            } catch (CodecException e) {
                // absent from the list: the caller reports what is missing
            }
        }
        return out;
    }

    /** Encapsulated syntaxes that a decoder is wired for but whose library failed to load, with the reason. */
    public static List<String> unavailable() {
        List<String> out = new ArrayList<>();
        for (String uid : Codecs.encapsulatedUids()) {
            try {
                Codecs.decoder(uid);
            } catch (CodecException e) {
                out.add(TransferSyntax.of(uid) + ": " + e.getMessage());
            }
        }
        return out;
    }
}
