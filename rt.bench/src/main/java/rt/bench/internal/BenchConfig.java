package rt.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import rt.course.AtomicFiles;

/**
 * The run configuration of {@code rt:bench}: the custom structures a thorax course typically gets (both lungs, lungs
 * minus GTV, a ring around the PTV, a cord PRV) for the {@code structures} stage, each only when its source ROIs are
 * in the course; and the demo's light robustness grid (PTV only, 27 perturbations), since the full grid over every
 * target would measure robustness rather than the course. {@code --set} on {@code rt:bench} overrides any of it.
 */
public final class BenchConfig {

    public static final String FILE_NAME = "rt-bench.yaml";

    private record Custom(String yaml, List<String> sources) {
    }

    private static final List<Custom> CUSTOM = List.of(
            new Custom("""
                        - name: LUNGS
                          operation: union
                          source_structures: [LUNG_L, LUNG_R]
                    """, List.of("LUNG_L", "LUNG_R")),
            new Custom("""
                        - name: LUNGS-GTV
                          operation: subtract
                          source_structures: [LUNGS, GTV]
                    """, List.of("LUNG_L", "LUNG_R", "GTV")),
            new Custom("""
                        - name: PTV_15
                          operation: union
                          source_structures: [PTV]
                          margin: 15
                        - name: RING_PTV
                          operation: subtract
                          source_structures: [PTV_15, PTV]
                    """, List.of("PTV")),
            new Custom("""
                        - name: PRV_CORD_5MM
                          operation: union
                          source_structures: [SPINAL_CORD]
                          margin: 5
                    """, List.of("SPINAL_CORD")));

    private BenchConfig() {
    }

    /** The configuration for the installed stages and the course's manual ROIs. */
    public static String yaml(Set<String> installedStages, Set<String> manualRois) {
        StringBuilder out = new StringBuilder("# Written by rt:bench\n");
        if (installedStages.contains("structures")) {
            StringBuilder custom = new StringBuilder();
            for (Custom c : CUSTOM) {
                if (manualRois.containsAll(c.sources())) {
                    custom.append(c.yaml());
                }
            }
            if (!custom.isEmpty()) {
                out.append("structures:\n  custom_structures:\n").append(custom);
            }
        }
        if (installedStages.contains("radiomics.robustness") && manualRois.contains("PTV")) {
            out.append("radiomics.robustness:\n  rois: [PTV]\n  n_random_contour_realizations: 0\n");
        }
        return out.toString();
    }

    public static Path write(Path dir, Set<String> installedStages, Set<String> manualRois) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.writeString(file, yaml(installedStages, manualRois));
        return file;
    }
}
