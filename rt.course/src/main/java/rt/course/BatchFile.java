package rt.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of inputs for one call of a one-shot command ({@code rt:dvh --batch}, {@code rt:radiomics --batch}), so
 * that a cohort pays the command's start-up once: one input per line, written as that command's own flags
 * ({@code --rtstruct RS.dcm --rtdose RD.dcm}); blank lines and lines starting with {@code #} are skipped; a value
 * with spaces is quoted ({@code "my plan/RS.dcm"} or {@code 'my plan/RS.dcm'}). Relative paths in it are relative
 * to the list's own folder ({@link #resolve}), so a list travels with its data.
 *
 * @param file    the list file
 * @param entries its inputs in file order
 */
public record BatchFile(Path file, List<Entry> entries) {

    /** One input: its line number (1-based) and its flags. */
    public record Entry(int line, List<String> args) {
    }

    /** Reads a list; a missing file, an unclosed quote or a list without inputs is an IllegalArgumentException. */
    public static BatchFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such batch file");
        }
        List<String> lines = Files.readAllLines(file);
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(new Entry(n + 1, tokens(line)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": no inputs (one input's flags per line)");
        }
        return new BatchFile(file, List.copyOf(entries));
    }

    /** A path named in the list: absolute as is, relative against the list's folder. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p);
    }

    /** Splits a line at whitespace; single or double quotes keep spaces (no escapes inside). */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote " + quote);
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
