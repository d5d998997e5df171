package rt.dicom;

import java.io.IOException;

/**
 * The one exception the codec throws for bad input: malformed, truncated or unsupported DICOM. The message is one
 * line naming the file (or source) and the problem.
 */
public class DicomException extends IOException {

    private static final long serialVersionUID = 1L;

    public DicomException(String message) {
        super(message);
    }

    public DicomException(String message, Throwable cause) {
        super(message, cause);
    }
}
