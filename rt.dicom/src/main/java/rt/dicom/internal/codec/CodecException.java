package rt.dicom.internal.codec;

import java.io.IOException;

/** A compressed frame that cannot be decoded; the message is one line, the caller prefixes the file. */
public final class CodecException extends IOException {

    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
