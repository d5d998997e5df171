package rt.course;

/**
 * Where a set of ROIs came from: the one vocabulary of the {@code source} column in every table (DVH, radiomics,
 * robustness, QC, report, cohort workbook), so that tables join on (patient, course, source, ROI).
 *
 * <ul>
 *   <li>{@code manual}: the course's RTSTRUCT on the planning CT; {@code manual:<file>} when the planning CT has
 *       several, and for every RTSTRUCT drawn on another image of the course (an MR);</li>
 *   <li>{@code segmentation:<model>}: a segmentation model's output, built-in or a dropped-in model bundle;</li>
 *   <li>{@code custom}: the boolean/margin structures built by the {@code structures} stage.</li>
 * </ul>
 */
public record StructureSource(Kind kind, String qualifier) implements Comparable<StructureSource> {

    public enum Kind {
        MANUAL("manual"), SEGMENTATION("segmentation"), CUSTOM("custom");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public StructureSource {
        if (kind == null) {
            throw new IllegalArgumentException("structure source kind is required");
        }
        if (kind == Kind.SEGMENTATION && (qualifier == null || qualifier.isBlank())) {
            throw new IllegalArgumentException("a segmentation source names its model");
        }
        if (kind == Kind.CUSTOM && qualifier != null) {
            throw new IllegalArgumentException("the custom source has no qualifier");
        }
        qualifier = qualifier == null || qualifier.isBlank() ? null : qualifier;
    }

    public static StructureSource manual() {
        return new StructureSource(Kind.MANUAL, null);
    }

    /** One of several manual structure sets of a course, told apart by its file name without extension. */
    public static StructureSource manual(String which) {
        return new StructureSource(Kind.MANUAL, which);
    }

    public static StructureSource segmentation(String model) {
        return new StructureSource(Kind.SEGMENTATION, model);
    }

    public static StructureSource custom() {
        return new StructureSource(Kind.CUSTOM, null);
    }

    /** The inverse of {@link #id()}. */
    public static StructureSource parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("no structure source given");
        }
        int colon = id.indexOf(':');
        String head = colon < 0 ? id : id.substring(0, colon);
        String tail = colon < 0 ? null : id.substring(colon + 1);
        for (Kind k : Kind.values()) {
            if (k.id().equals(head)) {
                return new StructureSource(k, tail);
            }
        }
        throw new IllegalArgumentException("unknown structure source '" + id + "' (manual, manual:<file>,"
                + " segmentation:<model> or custom)");
    }

    /** The value of the {@code source} column. */
    public String id() {
        return qualifier == null ? kind.id() : kind.id() + ":" + qualifier;
    }

    /** The model of a segmentation source, else null. */
    public String model() {
        return kind == Kind.SEGMENTATION ? qualifier : null;
    }

    @Override
    public int compareTo(StructureSource o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : String.valueOf(qualifier).compareTo(String.valueOf(o.qualifier));
    }

    @Override
    public String toString() {
        return id();
    }
}
