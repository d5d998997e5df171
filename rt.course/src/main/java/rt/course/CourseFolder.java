package rt.course;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of one course folder {@code OUT/<patient>/<course>/} (DESIGN §5). Every stage finds its own outputs and
 * those of other stages here; no stage spells another stage's file names.
 *
 * <pre>
 * course.json  dicom/  ct.nii.gz  images/&lt;modality&gt;_&lt;volume&gt;.nii.gz  dose.nii.gz
 * metadata/{case.json, fractions.csv}
 * segmentation/&lt;model&gt;/{labels.nii.gz, RS_&lt;model&gt;.dcm, manifest.json}
 * structures/{RS_custom.dcm, manifest.json}
 * dvh/{dvh_metrics.csv, dvh_curves.json}   radiomics/{radiomics.csv, robustness.csv}
 * qc/qc.json   report.html   .state/&lt;stage&gt;.json
 * </pre>
 */
public record CourseFolder(Path dir) {

    public CourseFolder {
        if (dir == null) {
            throw new IllegalArgumentException("course folder is required");
        }
    }

    /** The layout relative to the course folder itself, for declaring paths ({@code Stage#outputPaths}). */
    public static final CourseFolder RELATIVE = new CourseFolder(Path.of(""));

    /** A path of the layout relative to the course folder, with forward slashes. */
    public static String relative(java.util.function.Function<CourseFolder, Path> where) {
        return where.apply(RELATIVE).toString().replace('\\', '/');
    }

    /** The course folder of a course whose folder is {@code relative} (e.g. {@code P01/2024-03}) under {@code OUT}. */
    public static CourseFolder of(Path outputRoot, String relative) {
        return new CourseFolder(outputRoot.resolve(relative));
    }

    /** Organize's record of the course: every UID, path and decision with its reason. */
    public Path courseJson() {
        return dir.resolve("course.json");
    }

    /** The course's own DICOM objects (links or copies), by modality. */
    public Path dicom() {
        return dir.resolve("dicom");
    }

    /** The planning CT as NIfTI (HU). */
    public Path ctImage() {
        return dir.resolve("ct.nii.gz");
    }

    /** Further image volumes of the course (e.g. an MR registered to the planning CT), one NIfTI each. */
    public Path images() {
        return dir.resolve("images");
    }

    /**
     * One further image volume as NIfTI (stored values with any rescale applied; MR as signal intensity):
     * {@code images/<modality>_<volume>.nii.gz}, the volume id with every character but letters, digits, '.' and
     * '-' replaced by '_'. See {@link CourseImage}.
     */
    public Path image(String modality, String volume) {
        String safe = (modality == null || modality.isBlank() ? "OT" : modality) + "_" + volume;
        return images().resolve(safe.replaceAll("[^A-Za-z0-9.-]", "_") + ".nii.gz");
    }

    /** The dose used for DVH (Gy), on its own grid; summed where organize summed. */
    public Path dose() {
        return dir.resolve("dose.nii.gz");
    }

    /** Organize's clinical metadata of the course (case and fractions). */
    public Path metadata() {
        return dir.resolve("metadata");
    }

    /**
     * Case metadata written by organize from the course's own DICOM objects: plans (label, name, technique, beams,
     * energies, machines, meterset, prescription, fractions planned), CT scanner, patient (sex, age, size, weight)
     * and course dates. Every field is taken where the DICOM IODs put it; a missing one is {@code null}.
     */
    public Path caseMetadata() {
        return metadata().resolve("case.json");
    }

    /**
     * One row per delivered fraction from the course's RT Beams Treatment Records (date, time, fraction number,
     * delivered meterset summed over beams, machine); written by organize, header only when there are no records.
     */
    public Path fractions() {
        return metadata().resolve("fractions.csv");
    }

    public Path segmentation() {
        return dir.resolve("segmentation");
    }

    /** The output folder of one segmentation model (built-in or a model bundle). */
    public ModelFolder model(String modelName) {
        return new ModelFolder(modelName, segmentation().resolve(ModelFolder.checkName(modelName)));
    }

    /** Every model folder present, sorted by name (complete or not: see {@link ModelFolder#isComplete()}). */
    public List<ModelFolder> models() throws IOException {
        List<ModelFolder> out = new ArrayList<>();
        if (!Files.isDirectory(segmentation())) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(segmentation(), Files::isDirectory)) {
            ds.forEach(p -> out.add(new ModelFolder(p.getFileName().toString(), p)));
        }
        out.sort(java.util.Comparator.comparing(ModelFolder::model));
        return out;
    }

    /** Output folder of the {@code structures} stage (custom boolean/margin structures). */
    public Path structures() {
        return dir.resolve("structures");
    }

    /** The custom structures as one RTSTRUCT. */
    public Path customStructures() {
        return structures().resolve("RS_custom.dcm");
    }

    /** What the structures stage built, skipped or found missing, and why. */
    public Path customStructuresManifest() {
        return structures().resolve("manifest.json");
    }

    public Path dvh() {
        return dir.resolve("dvh");
    }

    /** One row per (structure source, ROI). */
    public Path dvhMetrics() {
        return dvh().resolve("dvh_metrics.csv");
    }

    /** ROIs of the structure sets that have no DVH row, with the reason. */
    public Path dvhSkipped() {
        return dvh().resolve("skipped_rois.csv");
    }

    public Path dvhCurves() {
        return dvh().resolve("dvh_curves.json");
    }

    public Path radiomicsDir() {
        return dir.resolve("radiomics");
    }

    /** One row per (structure source, ROI), pyradiomics-style feature names. */
    public Path radiomics() {
        return radiomicsDir().resolve("radiomics.csv");
    }

    /** Robustness summary: ICC, CoV and QCD per (source, ROI, feature). */
    /** ROIs of the structure sets that have no radiomics row, with the reason. */
    public Path radiomicsSkipped() {
        return radiomicsDir().resolve("skipped_rois.csv");
    }

    public Path robustness() {
        return radiomicsDir().resolve("robustness.csv");
    }

    /** Robustness raw values: one row per (source, ROI, perturbation, feature). */
    public Path robustnessValues() {
        return radiomicsDir().resolve("robustness_values.csv");
    }

    public Path qc() {
        return dir.resolve("qc").resolve("qc.json");
    }

    public Path report() {
        return dir.resolve("report.html");
    }

    /** Resume state of the stages for this course. */
    public Path stateDir() {
        return dir.resolve(".state");
    }

    /** {@code file} relative to the course folder with forward slashes, as course.json and manifests record paths. */
    public String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** A path recorded relative to the course folder (or absolute, for objects not copied) as a file. */
    public Path resolve(String recorded) {
        Path p = Path.of(recorded);
        return p.isAbsolute() ? p : dir.resolve(p);
    }
}
