package rt.dvh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import rt.api.Artifact;
import rt.api.ConfigKey;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.course.CourseFolder;
import rt.course.StructureSet;
import rt.course.StructureSource;
import rt.dicom.DicomReader;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dvh.internal.structures.CustomBuilder;
import rt.dvh.internal.structures.CustomSpec;
import rt.dvh.internal.structures.StructureIo;
import rt.nifti.Nifti;
import rt.course.MemoryEstimate;

/**
 * Stage {@code structures}: custom structures (boolean operations and isotropic or directional margins, upstream
 * YAML format) from the course's manual and automatic ROIs → {@code structures/RS_custom.dcm}, one NIfTI mask per
 * structure under {@code structures/masks/} and {@code structures/manifest.json}. Nothing is built unless the
 * definitions are configured: no template is applied silently.
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=" + StructuresStage.ID)
public final class StructuresStage implements Stage, rt.api.ConfigValidation {

    public static final String ID = "structures";
    public static final String VERSION = "1";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize");
    }

    @Override
    public Set<String> produces() {
        return Set.of(Artifact.STRUCTURES);
    }

    @Override
    public Set<String> consumes() {
        return Set.of(Artifact.STRUCTURES);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(CourseFolder::structures));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // the CT, and one cropped mask per ROI (a quarter of the grid on average)
        return new ResourceNeeds(1, 0, MemoryEstimate.mb(256, MemoryEstimate.imageVoxels(course), 4 + 0.25 * MemoryEstimate.roiCount(course)),
                true);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("custom_structures", ConfigKey.Type.LIST, null,
                        "custom structure definitions (name, operation, source_structures, margin), in order"),
                new ConfigKey("file", ConfigKey.Type.PATH, null,
                        "a YAML file with a custom_structures list (upstream format), instead of the inline list"));
    }

    /** The configured definitions; empty when none are configured. */
    static List<CustomSpec> specs(StageConfig config) throws IOException {
        Object inline = config.get("custom_structures");
        Path file = config.get("file") == null ? null : config.getPath("file");
        if (inline != null && file != null) {
            throw new IllegalArgumentException("structures: give custom_structures or file, not both");
        }
        if (inline != null) {
            return CustomSpec.parseAll(inline, "structures.custom_structures");
        }
        if (file == null) {
            return List.of();
        }
        Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not readable YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
        Object list = doc instanceof Map<?, ?> m ? m.get("custom_structures") : doc;
        return CustomSpec.parseAll(list, file.toString());
    }

    /** The custom structure definitions (inline or file) are parsed before the run: a bad one is exit 2. */
    @Override
    public List<String> validate(StageConfig config) {
        try {
            specs(config);
            return List.of();
        } catch (IOException | IllegalArgumentException e) {
            String m = e.getMessage();
            return List.of(m.startsWith("structures") ? m : "structures: " + m);
        }
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        List<CustomSpec> specs;
        try {
            specs = specs(ctx.config());
        } catch (IllegalArgumentException e) {
            return StageResult.failed(e.getMessage());
        }
        if (specs.isEmpty()) {
            return StageResult.skipped("no custom structures configured (structures.custom_structures or "
                    + "structures.file)");
        }
        Course course = ctx.course();
        Path dir = ctx.workDir();
        CourseFolder folder = new CourseFolder(dir);
        List<StructureSet> sources = CourseInputs.sources(course, dir).stream()
                .filter(s -> s.source().kind() != StructureSource.Kind.CUSTOM && s.rtStruct() != null).toList();
        if (sources.isEmpty()) {
            return StageResult.skipped("no structure set to build custom structures from");
        }
        List<RtStruct> sets = new ArrayList<>();
        for (StructureSet s : sources) {
            sets.add(RtStructReader.read(s.rtStruct()));
        }
        Path ct = folder.ctImage();
        Grid grid = Files.isRegularFile(ct) ? Nifti.readHeader(ct).grid() : StructureIo.gridFor(sets);
        Set<String> wanted = specs.stream().flatMap(s -> s.sources().stream()).map(StructureIo::key)
                .collect(Collectors.toSet());
        Map<String, Mask> masks = StructureIo.rasterise(sets, grid, wanted);
        List<CustomBuilder.Outcome> outcomes = new CustomBuilder(masks).build(specs);
        ctx.checkCancelled();

        List<String> skipped = new ArrayList<>();
        Map<String, Mask> built = new LinkedHashMap<>();
        for (CustomBuilder.Outcome o : outcomes) {
            if (o.built()) {
                built.put(o.roiName(), StructureIo.clip(o.mask(), grid));
            } else {
                skipped.add(o.spec().name() + ": " + o.skipped());
                ctx.warn("structures: " + o.spec().name() + " skipped: " + o.skipped());
            }
        }
        Path out = folder.structures();
        Files.createDirectories(out);
        StructureIo.writeManifest(folder.customStructuresManifest(), outcomes, built);
        if (built.isEmpty()) {
            // a custom RTSTRUCT of an earlier run must not feed DVH and radiomics with structures no longer built
            Files.deleteIfExists(folder.customStructures());
            return StageResult.skipped("no custom structure could be built: " + String.join("; ", skipped));
        }
        RtStruct first = sets.get(0);
        PatientStudy ps = PatientStudy.of(DicomReader.readHeader(sources.get(0).rtStruct()).dataset());
        StructureIo.writeRtStruct(folder.customStructures(), ps, first, built);
        Files.createDirectories(out.resolve("masks"));
        for (Map.Entry<String, Mask> e : built.entrySet()) {
            Nifti.write(out.resolve("masks").resolve(StructureIo.fileName(e.getKey()) + ".nii.gz"), e.getValue());
        }
        String note = built.size() + " custom structure(s)";
        return StageResult.ok(skipped.isEmpty() ? note : note + "; skipped: " + String.join("; ", skipped));
    }
}
