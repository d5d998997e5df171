package rt.nifti;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a readable image of the expected format; the message names the file and the problem. */
public class ImageFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ImageFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ImageFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
