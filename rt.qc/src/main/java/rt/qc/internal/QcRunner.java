package rt.qc.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs every check over the facts; a check that throws becomes a FAIL naming the error. Overall = worst. */
final class QcRunner {

    static final List<QcCheck> CHECKS = List.of(new FilesPresentCheck(), new CtSliceCheck(),
            new FrameOfReferenceCheck(), new DoseCoverageCheck(), new BorderTouchCheck(), new ContourCheck(),
            new DosePlausibilityCheck(), new SegmentationCheck(), new BodyRegionCheck());

    record Report(Status overall, List<CheckResult> checks, Map<String, BodyRegions.Region> regions) {
    }

    private QcRunner() {
    }

    static Report run(CourseFacts facts, List<QcCheck> checks) {
        List<CheckResult> results = new ArrayList<>();
        Status overall = Status.PASS;
        for (QcCheck c : checks) {
            CheckResult r;
            try {
                r = c.run(facts);
            } catch (RuntimeException e) {
                r = new CheckResult(c.id(), c.name(), Status.FAIL, List.of("check failed: " + e), Map.of());
            }
            if (r.status() == Status.NOT_RUN && !facts.loadProblems.isEmpty()) {
                List<String> reasons = new ArrayList<>(r.reasons());
                reasons.addAll(facts.loadProblems.stream().filter(p -> p.startsWith(c.id() + ":"))
                        .map(p -> p.substring(c.id().length() + 1).trim()).toList());
                r = new CheckResult(r.id(), r.name(), r.status(), reasons, r.details());
            }
            results.add(r);
            overall = overall.worst(r.status());
        }
        Map<String, BodyRegions.Region> regions = facts.segmentation == null ? null
                : BodyRegions.detect(facts.segmentation);
        return new Report(overall, results, regions);
    }

    static String toJson(CourseFacts facts, Report report, String stageVersion) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("patient_id", facts.patientId);
        root.put("course_id", facts.courseId);
        root.put("overall", report.overall().name());
        root.put("qc_version", stageVersion);
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : report.checks()) {
            ObjectNode c = checks.addObject();
            c.put("id", r.id());
            c.put("name", r.name());
            c.put("status", r.status().name());
            ArrayNode reasons = c.putArray("reasons");
            r.reasons().forEach(reasons::add);
            c.set("details", m.valueToTree(r.details()));
        }
        // every ROI QC looked at, named as in the DVH and radiomics tables
        ArrayNode rois = root.putArray("rois");
        if (facts.structures != null) {
            for (CourseFacts.Structure st : facts.structures) {
                ObjectNode n = rois.addObject();
                n.put("source", st.source());
                n.put("roi_name", st.name());
                n.put("type", st.type());
            }
        }
        if (facts.segmentation != null) {
            for (CourseFacts.SegLabel l : facts.segmentation) {
                ObjectNode n = rois.addObject();
                n.put("source", l.source());
                n.put("roi_name", l.name());
                n.put("volume_cc", Math.round(l.volumeCc() * 1000) / 1000.0);
            }
        }
        ObjectNode regions = root.putObject("body_regions");
        ArrayNode present = regions.putArray("regions");
        if (report.regions() == null) {
            regions.put("status", "not_run");
        } else {
            regions.put("status", "ok");
            ObjectNode detail = regions.putObject("detail");
            for (BodyRegions.Region reg : report.regions().values()) {
                if (reg.present()) {
                    present.add(reg.name());
                }
                ObjectNode d = detail.putObject(reg.name());
                d.put("present", reg.present());
                d.put("confidence", Math.round(reg.confidence() * 100) / 100.0);
                d.set("vertebrae", m.valueToTree(reg.vertebrae()));
                d.set("organs_ml", m.valueToTree(reg.organs()));
            }
        }
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("qc.json: " + e.getMessage(), e);
        }
    }
}
