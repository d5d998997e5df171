package rt.web.internal.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a relative path that came from outside (a URL, a form, an archive entry) before it is resolved below a
 * root. The rules are strict on purpose: anything that a file system, a browser or another decoding step could read
 * as a way out ({@code ..}, absolute or drive paths, backslashes, percent escapes, NUL and control characters,
 * Unicode look-alikes of dots and slashes, Windows device names) is refused, not repaired.
 */
public final class SafePaths {

    /** Names Windows opens as devices whatever the extension; refused so that an output never lands on one. */
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9", "conin$", "conout$");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int MAX_LENGTH = 1024;
    private static final int MAX_SEGMENT = 255;

    private SafePaths() {
    }

    /** Why {@code relative} may not be used below a root, or {@code null} when it may. */
    public static String problem(String relative) {
        if (relative == null || relative.isEmpty()) {
            return "empty path";
        }
        if (relative.length() > MAX_LENGTH) {
            return "path longer than " + MAX_LENGTH + " characters";
        }
        // NFKC folds full-width and other compatibility forms (U+FF0E '．', U+FF0F '／', U+2024 '․'...) onto ASCII;
        // a path that changes under it is a disguise, whatever it would have meant.
        if (!Normalizer.normalize(relative, Normalizer.Form.NFKC).equals(relative)) {
            return "path has Unicode compatibility characters (look-alikes of '.' or '/')";
        }
        for (int i = 0; i < relative.length(); i++) {
            char c = relative.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "path has a control character";
            }
            if (c == '\\') {
                return "path has a backslash";
            }
            if (c == '%') {
                return "path has a percent escape";
            }
            if (c == '\u2215' || c == '\u2044' || c == '\u29f8' || c == '\u2024' || c == '\u2025' || c == '\ufe52') {
                return "path has a look-alike of '/' or '.'";
            }
        }
        if (relative.startsWith("/") || DRIVE.matcher(relative).matches()) {
            return "absolute path";
        }
        // a trailing slash marks a folder entry of an archive; any other empty segment ('a//b') is refused
        String body = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment";
            }
            if (segment.equals("..")) {
                return "path leaves its folder ('..')";
            }
            if (segment.equals(".")) {
                return "path has a '.' segment";
            }
            if (segment.length() > MAX_SEGMENT) {
                return "path segment longer than " + MAX_SEGMENT + " characters";
            }
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                return "path segment ends with '.' or a space";
            }
            String stem = segment.toLowerCase(Locale.ROOT);
            int dot = stem.indexOf('.');
            if (DEVICE_NAMES.contains(dot < 0 ? stem : stem.substring(0, dot))) {
                return "path names a device (" + segment + ")";
            }
            if (segment.indexOf(':') >= 0) {
                return "path has a ':'";
            }
        }
        return null;
    }

    /**
     * Resolves {@code relative} below {@code root}, or throws {@link IllegalArgumentException} with the reason. When
     * parts of the result exist, their real location (links followed) must still be inside the real root.
     */
    public static Path resolve(Path root, String relative) {
        String why = problem(relative);
        if (why != null) {
            throw new IllegalArgumentException("'" + printable(relative) + "': " + why);
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base)) {
            throw new IllegalArgumentException("'" + printable(relative) + "': path leaves its folder");
        }
        try {
            Path existing = resolved;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && existing.startsWith(base) && Files.exists(base)) {
                if (!existing.toRealPath().startsWith(base.toRealPath())) {
                    throw new IllegalArgumentException("'" + printable(relative) + "': path leads out through a link");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + printable(relative) + "': " + e.getMessage());
        }
        return resolved;
    }

    /** The text with control characters shown as '?', cut to 200 characters, for one-line messages. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 200; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
