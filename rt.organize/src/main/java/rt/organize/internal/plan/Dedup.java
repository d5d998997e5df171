package rt.organize.internal.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Deduplication by SOP Instance UID <em>and</em> content. Files with the same UID and the same content are one
 * object (the first path in sort order is kept, the others are listed); files with the same UID but different
 * content are all kept, under keys {@code uid}, {@code uid#2}, … and a warning is recorded. Content is only hashed
 * for UIDs that occur more than once.
 */
public final class Dedup {

    /** An identical copy that was dropped in favour of {@code keptPath}. */
    public record Duplicate(String path, String keptPath, String sopInstanceUid) {
    }

    public record Result(List<DicomSummary> objects, List<Duplicate> duplicates, List<String> warnings) {
    }

    private Dedup() {
    }

    /**
     * @param contentHash hash of a file's content (called only for colliding UIDs)
     */
    public static Result run(List<DicomSummary> scanned, Function<String, String> contentHash) {
        Map<String, List<DicomSummary>> byUid = new LinkedHashMap<>();
        List<DicomSummary> sorted = new ArrayList<>(scanned);
        sorted.sort(Comparator.comparing(DicomSummary::path));
        for (DicomSummary s : sorted) {
            String uid = s.sopInstanceUid() == null || s.sopInstanceUid().isBlank() ? "nouid:" + s.path()
                    : s.sopInstanceUid();
            byUid.computeIfAbsent(uid, u -> new ArrayList<>()).add(s);
        }
        List<DicomSummary> objects = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, List<DicomSummary>> e : byUid.entrySet()) {
            List<DicomSummary> group = e.getValue();
            if (group.size() == 1) {
                objects.add(group.get(0).withKey(e.getKey()));
                continue;
            }
            Map<String, DicomSummary> byContent = new LinkedHashMap<>();
            for (DicomSummary s : group) {
                String hash = contentHash.apply(s.path());
                DicomSummary kept = byContent.get(hash);
                if (kept == null) {
                    byContent.put(hash, s);
                } else {
                    duplicates.add(new Duplicate(s.path(), kept.path(), e.getKey()));
                }
            }
            int n = 0;
            for (DicomSummary s : byContent.values()) {
                n++;
                objects.add(s.withKey(n == 1 ? e.getKey() : e.getKey() + "#" + n));
            }
            if (byContent.size() > 1) {
                warnings.add("SOP Instance UID " + e.getKey() + " is used by " + byContent.size()
                        + " files with different content; all kept as " + e.getKey() + ", " + e.getKey() + "#2"
                        + (byContent.size() > 2 ? " …" : "") + ": "
                        + String.join(", ", byContent.values().stream().map(DicomSummary::path).toList()));
            }
        }
        return new Result(objects, duplicates, warnings);
    }
}
