package rt.segmentation.engine;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a model's files live: a folder, a bundle, a jar. Paths are relative to the folder holding
 * {@code model.yaml}, with {@code /} separators.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ModelSource {

    /** Opens a file of the model; throws {@link java.io.FileNotFoundException} naming it when absent. */
    InputStream open(String relativePath) throws IOException;

    /** Path of the descriptor, relative to the model folder (usually {@code model.yaml}). */
    default String descriptorPath() {
        return "model.yaml";
    }

    /** Where the model comes from, for messages and {@code rt:models} (a folder, {@code bundle 42 rt.model.rules}). */
    String location();

    /** A model folder on disk (the folder holding {@code model.yaml}). */
    static ModelSource folder(java.nio.file.Path dir) {
        java.nio.file.Path root = dir.toAbsolutePath().normalize();
        return new ModelSource() {
            @Override
            public InputStream open(String relativePath) throws IOException {
                java.nio.file.Path p = root.resolve(relativePath).normalize();
                if (!p.startsWith(root)) {
                    throw new IOException(root + ": " + relativePath + " is outside the model folder");
                }
                if (!java.nio.file.Files.isRegularFile(p)) {
                    throw new java.io.FileNotFoundException(p + " not found");
                }
                return java.nio.file.Files.newInputStream(p);
            }

            @Override
            public String location() {
                return root.toString();
            }
        };
    }

    /** Reads a whole file. */
    default byte[] read(String relativePath) throws IOException {
        try (InputStream in = open(relativePath)) {
            return in.readAllBytes();
        }
    }
}
