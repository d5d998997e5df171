package rt.organize.internal.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import rt.course.AtomicFiles;

/** JSON mapper and atomic writes (temp file in the same folder, then an atomic rename). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static void write(Path file, Object value) throws IOException {
        writeBytes(file, MAPPER.writeValueAsBytes(value));
    }

    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }
}
