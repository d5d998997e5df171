package rt.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code segmentation/<model>/manifest.json}: which label is which ROI, and where the model's files are. One format,
 * written by the segmentation stages and read by every consumer (structures, DVH, radiomics, QC, report).
 *
 * @param model          the model name (also the folder name and the {@code segmentation:<model>} source)
 * @param description    the model's own description
 * @param modelSource    where the model was loaded from (bundle or folder)
 * @param input          the image the model ran on
 * @param created        when the outputs were written (ISO-8601)
 * @param device         {@code cpu} or {@code cuda:<n>}
 * @param forwardPasses  number of network evaluations (sliding-window tiles, mirrors, folds)
 * @param rtStructSopInstanceUid SOP Instance UID of {@code RS_<model>.dcm}
 * @param rois           every label of the model, present or not (voxels 0 when absent)
 * @param timings        seconds per phase
 */
public record SegmentationManifest(String model, String description, String modelSource, String input, String created,
        String device, long forwardPasses, String rtStructSopInstanceUid, List<Roi> rois, Map<String, Double> timings) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One label of the model's label map. */
    public record Roi(int label, String name, long voxels, double volumeCc) {

        public Roi {
            name = RoiNames.of(name, label);
        }
    }

    public SegmentationManifest {
        rois = rois == null ? List.of() : List.copyOf(rois);
        timings = timings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    public StructureSource source() {
        return StructureSource.segmentation(model);
    }

    /** Label → ROI name, for every label the model has. */
    public Map<Integer, String> labelNames() {
        Map<Integer, String> out = new TreeMap<>();
        rois.forEach(r -> out.put(r.label(), r.name()));
        return out;
    }

    /** Writes the manifest into the model folder, last of the model's files (its presence marks a finished run). */
    public void write(ModelFolder folder) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("description", description);
        m.put("model_source", modelSource);
        m.put("input", input);
        m.put("created", created);
        m.put("device", device);
        m.put("forward_passes", forwardPasses);
        m.put("labels_file", ModelFolder.LABELS);
        m.put("rtstruct_file", ModelFolder.rtStructName(model));
        m.put("rtstruct_sop_instance_uid", rtStructSopInstanceUid);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Roi r : rois) {
            Map<String, Object> roi = new LinkedHashMap<>();
            roi.put("label", r.label());
            roi.put("name", r.name());
            roi.put("voxels", r.voxels());
            roi.put("volume_cc", r.volumeCc());
            list.add(roi);
        }
        m.put("rois", list);
        m.put("timings_s", timings);
        AtomicFiles.write(folder.manifest(), JSON.writeValueAsBytes(m));
    }

    /**
     * The manifest of a model folder; empty when the folder has none (the model's run did not finish).
     *
     * @throws IOException naming the file when it exists but is not a manifest
     */
    public static Optional<SegmentationManifest> read(ModelFolder folder) throws IOException {
        if (!Files.isRegularFile(folder.manifest())) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(folder.manifest().toFile());
        } catch (IOException e) {
            throw new IOException(folder.manifest() + ": not a segmentation manifest (" + e.getMessage() + ")", e);
        }
        JsonNode rois = root.path("rois");
        if (!root.isObject() || !rois.isArray()) {
            throw new IOException(folder.manifest() + ": not a segmentation manifest (no \"rois\" list)");
        }
        List<Roi> list = new ArrayList<>();
        for (JsonNode r : rois) {
            if (!r.path("label").canConvertToInt()) {
                throw new IOException(folder.manifest() + ": an ROI without an integer \"label\"");
            }
            list.add(new Roi(r.path("label").asInt(), r.path("name").asText(null), r.path("voxels").asLong(),
                    r.path("volume_cc").asDouble()));
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        root.path("timings_s").fields().forEachRemaining(e -> timings.put(e.getKey(), e.getValue().asDouble()));
        String model = root.path("model").asText(folder.model());
        if (!model.equals(folder.model())) {
            throw new IOException(folder.manifest() + ": manifest of model '" + model + "' in the folder of '"
                    + folder.model() + "'");
        }
        return Optional.of(new SegmentationManifest(model, root.path("description").asText(null),
                root.path("model_source").asText(null), root.path("input").asText(null),
                root.path("created").asText(null), root.path("device").asText(null),
                root.path("forward_passes").asLong(), root.path("rtstruct_sop_instance_uid").asText(null), list,
                timings));
    }
}
