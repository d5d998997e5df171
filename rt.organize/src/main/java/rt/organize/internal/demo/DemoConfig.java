package rt.organize.internal.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import rt.course.AtomicFiles;

/**
 * The run configuration {@code rt:demo} passes to {@code rt:run --config}, written to {@value #FILE_NAME}: custom
 * structures on the phantom's ROIs for the {@code structures} stage, chosen so that their volumes and doses are known
 * in closed form or bounded simply (see {@code PHANTOM.md}), and a light robustness grid so that the demo finishes in
 * minutes (the full 81-perturbation grid over every target-like ROI dominated the demo's run time). A section is only
 * written for a stage that is installed: the runtime rejects sections of stages it does not know.
 */
public final class DemoConfig {

    /** File name of the run configuration under the demo's output folder. */
    public static final String FILE_NAME = "rt-demo.yaml";

    /** The {@code structures} section, in evaluation order (later entries may use earlier ones). */
    static final String STRUCTURES = """
            structures:
              custom_structures:
                # PTV with directional margins (mm): extent x -30..33, y -35..30, z -31..34
                - name: PTV_EXP
                  operation: union
                  source_structures: [PTV]
                  margin: {right_mm: 5, left_mm: 8, anterior_mm: 10, posterior_mm: 5, inferior_mm: 6, superior_mm: 9}
                # PTV + 10 mm everywhere: sphere r = 35 mm, 179.594 cc
                - name: PTV_10
                  operation: union
                  source_structures: [PTV]
                  margin: 10
                # ring: shell 25..35 mm around the origin, 114.145 cc
                - name: RING_PTV
                  operation: subtract
                  source_structures: [PTV_10, PTV]
                # PTV + 20 mm: sphere r = 45 mm, 381.704 cc
                - name: PTV_20
                  operation: union
                  source_structures: [PTV]
                  margin: 20
                # both lungs: 603.186 cc
                - name: LUNGS
                  operation: union
                  source_structures: [LUNG_L, LUNG_R]
                # lung within 20 mm of the PTV: two lenses of 18.610 cc (numerical integration)
                - name: LUNGS_NEAR_PTV
                  operation: intersection
                  source_structures: [LUNGS, PTV_20]
            """;

    /** The demo's robustness grid: the PTV only, noise x translation x volume (27 perturbations, no contour noise). */
    static final String ROBUSTNESS = """
            radiomics.robustness:
              rois: [PTV]
              n_random_contour_realizations: 0
            """;

    private DemoConfig() {
    }

    private static final String HEADER = "# Written by rt:demo; the phantom's analytic truth is in PHANTOM.md of"
            + " rt.organize.\n";

    /** The run configuration for the installed stages. */
    public static String yaml(Set<String> installedStages) {
        StringBuilder out = new StringBuilder(HEADER);
        if (installedStages.contains("structures")) {
            out.append(STRUCTURES);
        }
        if (installedStages.contains("radiomics.robustness")) {
            out.append(ROBUSTNESS);
        }
        return out.toString();
    }

    /** Writes {@link #yaml} to {@code outDir/}{@value #FILE_NAME} atomically; returns that file. */
    public static Path write(Path outDir, Set<String> installedStages) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        AtomicFiles.writeString(file, yaml(installedStages));
        return file;
    }
}
