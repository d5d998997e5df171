package rt.runtime.internal.state;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import rt.course.AtomicFiles;

/**
 * The stat keys of the files under some folders of an output root, taken before and after a task: the files that are
 * new or changed afterwards are what the task wrote. State folders, temp files and the runtime's own cohort files
 * (run.log, which every task appends to; the effective configuration) are not outputs of a stage. The course manifest
 * is: organize writes it through {@code publishCourses}, so a deleted manifest reruns organize.
 */
public final class OutputSnapshot {

    private static final Set<String> RUNTIME_FILES = Set.of("cohort/run.log", "cohort/effective-config.yaml");

    private final Path outputRoot;
    private final Map<String, String> statKeys;

    private OutputSnapshot(Path outputRoot, Map<String, String> statKeys) {
        this.outputRoot = outputRoot;
        this.statKeys = statKeys;
    }

    /**
     * Files under {@code roots} (folders or files, each inside {@code outputRoot}), keyed by their path relative to the
     * root.
     */
    public static OutputSnapshot take(Path outputRoot, List<Path> roots) throws IOException {
        Map<String, String> keys = new HashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue; // a declared output file or folder the stage has not written yet
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".state")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = relative(outputRoot, file);
                    if (attrs.isRegularFile() && !rel.endsWith(".tmp") && !AtomicFiles.isTemporary(file)
                            && !RUNTIME_FILES.contains(rel)) {
                        try {
                            keys.put(rel, ContentHashes.statKey(file));
                        } catch (java.nio.file.NoSuchFileException gone) {
                            // removed while we walked: not an output
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // removed while we walked, or unreadable: not an output
                }
            });
        }
        return new OutputSnapshot(outputRoot, keys);
    }

    /**
     * What the task owns afterwards, with content hashes: the files new or changed since {@code before}, plus the
     * outputs it recorded last time that still exist (a stage that finds an output current leaves it untouched).
     */
    public Map<String, String> outputsSince(OutputSnapshot before, Map<String, String> previousOutputs,
            ContentHashes hashes) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : statKeys.entrySet()) {
            boolean changed = !e.getValue().equals(before.statKeys.get(e.getKey()));
            boolean ownedBefore = previousOutputs != null && previousOutputs.containsKey(e.getKey());
            if (changed || ownedBefore) {
                try {
                    out.put(e.getKey(), hashes.hash(outputRoot.resolve(e.getKey())));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed since the snapshot: not an output
                }
            }
        }
        return out;
    }

    /** The first recorded output that is missing or whose content changed, as a reason; null when all are intact. */
    public static String firstDamaged(Path outputRoot, Map<String, String> outputs, ContentHashes hashes) {
        if (outputs == null) {
            return null;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(outputs).entrySet()) {
            Path f = outputRoot.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                return "output " + e.getKey() + " is missing";
            }
            try {
                if (!hashes.hash(f).equals(e.getValue())) {
                    return "output " + e.getKey() + " was changed";
                }
            } catch (IOException ex) {
                return "output " + e.getKey() + " cannot be read (" + ex.getMessage() + ")";
            }
        }
        return null;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
