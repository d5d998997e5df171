package rt.radiomics.internal.stage;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rows of (column → value) written as one CSV; the header is the union of columns in order of first appearance. */
public final class FeatureTable {

    private FeatureTable() {
    }

    public static void write(Path file, List<? extends Map<String, ?>> rows) throws IOException {
        Set<String> cols = new LinkedHashSet<>();
        for (Map<String, ?> r : rows) {
            cols.addAll(r.keySet());
        }
        List<String> header = new ArrayList<>(cols);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header.stream().map(FeatureTable::cell).toList()));
            w.write('\n');
            for (Map<String, ?> r : rows) {
                List<String> cells = new ArrayList<>();
                for (String c : header) {
                    Object v = r.get(c);
                    cells.add(v == null ? "" : cell(v.toString()));
                }
                w.write(String.join(",", cells));
                w.write('\n');
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
