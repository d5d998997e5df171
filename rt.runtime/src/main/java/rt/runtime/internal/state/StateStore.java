package rt.runtime.internal.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import rt.course.AtomicFiles;

/** Reads and writes {@code <workDir>/.state/<stage>.json}; writes go to a temp file that is renamed into place. */
public final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Path file(Path workDir, String stageId) {
        return workDir.resolve(".state").resolve(stageId.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    /** The recorded state, or empty when there is none or it cannot be read (then the stage simply reruns). */
    public Optional<StageState> read(Path workDir, String stageId) {
        Path f = file(workDir, stageId);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), StageState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void write(Path workDir, StageState state) throws IOException {
        writeAtomically(file(workDir, state.stage()), JSON.writeValueAsBytes(state));
    }

    public void delete(Path workDir, String stageId) throws IOException {
        Files.deleteIfExists(file(workDir, stageId));
    }

    /** Temp file in the same folder + atomic rename: readers see the old file or the new one, never half of one. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }
}
