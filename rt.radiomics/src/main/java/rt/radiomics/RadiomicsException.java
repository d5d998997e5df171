package rt.radiomics;

/** Extraction cannot proceed for this image/mask (a one-line reason, e.g. "mask only contains 1 segmented voxel"). */
public class RadiomicsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RadiomicsException(String message) {
        super(message);
    }

    public RadiomicsException(String message, Throwable cause) {
        super(message, cause);
    }
}
