package rt.course;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code segmentation/<model>/} of one course: the label map, the RTSTRUCT made from it and the manifest that names the
 * labels. The manifest is written last, so a folder without one is an interrupted run and is not used.
 */
public record ModelFolder(String model, Path dir) {

    public static final String LABELS = "labels.nii.gz";
    public static final String MANIFEST = "manifest.json";

    public Path labels() {
        return dir.resolve(LABELS);
    }

    public Path rtStruct() {
        return dir.resolve(rtStructName(model));
    }

    public Path manifest() {
        return dir.resolve(MANIFEST);
    }

    /** Whether the model's run finished: its manifest exists. */
    public boolean isComplete() {
        return Files.isRegularFile(manifest());
    }

    public static String rtStructName(String model) {
        return "RS_" + model + ".dcm";
    }

    /** Model names become folder and file names: letters, digits, {@code . _ -} only, not starting with a dot. */
    static String checkName(String model) {
        if (model == null || model.isEmpty() || model.startsWith(".") || !model.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("segmentation model name '" + model
                    + "' cannot be a folder name (letters, digits, '.', '_' and '-' only)");
        }
        return model;
    }
}
