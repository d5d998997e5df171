package rt.organize.internal.meta;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.rt.RtPlan;
import rt.dicom.rt.RtPlanReader;
import rt.dicom.rt.RtRecord;
import rt.organize.internal.io.HeaderScanner;
import rt.organize.internal.plan.DicomSummary;

/**
 * The content of {@code metadata/case.json}: every field read where the DICOM IODs put it, {@code null} when the
 * objects do not carry it. Plans: RT General Plan (label, name, date, intent), RT Beams (beam name, type, radiation
 * type, machine, delivery type; Nominal Beam Energy of the first control point), RT Fraction Scheme (Beam Meterset
 * per fraction, Number of Fractions Planned) and the prescription as organize derives it ({@code Prescription}).
 * CT: General Equipment (Manufacturer, Manufacturer's Model Name) and CT Image (KVP, Convolution Kernel, Slice
 * Thickness) of the planning CT's first slice. Patient: Patient Sex (Patient module), Patient's Age, Size, Weight
 * (Patient Study module) from the planning CT, else the first plan or record that has them. Course dates: RT Plan
 * Date of the plans and the treatment dates of the RT Beams Treatment Records.
 */
public final class CaseMetadata {

    /** A plan of the course: its data set and whether organize's dose decision used it. */
    public record PlanInput(String key, DicomObject dataset, boolean selected) {
    }

    /** A treatment record: its data set (for the patient attributes) and its summary. */
    public record RecordInput(DicomObject dataset, RtRecord record) {
    }

    private CaseMetadata() {
    }

    /**
     * @param ct                first slice of the planning CT, or null
     * @param coursePrescription the course's prescription from organize's dose decision (Gy), or null
     */
    public static Map<String, Object> build(String patientId, String courseId, List<PlanInput> plans, DicomObject ct,
            List<RecordInput> records, List<FractionTable.Fraction> fractions, Double coursePrescription,
            List<String> problems) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("patient_id", patientId);
        root.put("course_id", courseId);
        List<DicomObject> patientSources = new ArrayList<>();
        if (ct != null) {
            patientSources.add(ct);
        }
        plans.forEach(p -> patientSources.add(p.dataset()));
        records.forEach(r -> patientSources.add(r.dataset()));
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("sex", first(patientSources, Tag.PatientSex));
        String age = first(patientSources, Tag.PatientAge);
        patient.put("age", age);
        patient.put("age_years", ageYears(age));
        patient.put("size_m", firstNumber(patientSources, Tag.PatientSize));
        patient.put("weight_kg", firstNumber(patientSources, Tag.PatientWeight));
        root.put("patient", patient);

        Map<String, Object> ctJson = null;
        if (ct != null) {
            ctJson = new LinkedHashMap<>();
            ctJson.put("series_instance_uid", text(ct, Tag.SeriesInstanceUID));
            ctJson.put("manufacturer", text(ct, Tag.Manufacturer));
            ctJson.put("model", text(ct, Tag.ManufacturerModelName));
            ctJson.put("kvp", number(ct, Tag.KVP));
            ctJson.put("convolution_kernel", text(ct, Tag.ConvolutionKernel));
            ctJson.put("slice_thickness_mm", number(ct, Tag.SliceThickness));
        }
        root.put("ct", ctJson);

        List<Map<String, Object>> planJson = new ArrayList<>();
        for (PlanInput p : plans) {
            try {
                planJson.add(plan(p));
            } catch (DicomException | RuntimeException e) {
                problems.add("RTPLAN " + p.key() + ": " + e.getMessage());
            }
        }
        root.put("plans", planJson);

        Map<String, Object> treatment = new LinkedHashMap<>();
        treatment.put("records", records.size());
        treatment.put("fractions_delivered", records.isEmpty() ? null : fractions.size());
        String firstTreatment = fractions.stream().map(FractionTable.Fraction::date).filter(d -> d != null).sorted()
                .findFirst().orElse(null);
        String lastTreatment = fractions.stream().map(FractionTable.Fraction::date).filter(d -> d != null)
                .reduce((a, b) -> b.compareTo(a) > 0 ? b : a).orElse(null);
        treatment.put("first_treatment_date", firstTreatment);
        treatment.put("last_treatment_date", lastTreatment);
        root.put("treatment", treatment);

        List<String> planDates = planJson.stream().map(p -> (String) p.get("date")).filter(d -> d != null).sorted()
                .toList();
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put("first_plan_date", planDates.isEmpty() ? null : planDates.get(0));
        dates.put("last_plan_date", planDates.isEmpty() ? null : planDates.get(planDates.size() - 1));
        dates.put("start_date", firstTreatment != null ? firstTreatment : dates.get("first_plan_date"));
        dates.put("start_source", firstTreatment != null ? "first treatment record"
                : planDates.isEmpty() ? null : "earliest RT Plan Date");
        dates.put("end_date", lastTreatment);
        dates.put("end_source", lastTreatment != null ? "last treatment record" : null);
        root.put("course_dates", dates);

        root.put("summary", summary(patient, ctJson, planJson, treatment, dates, coursePrescription));
        root.put("problems", problems);
        return root;
    }

    /** One row per course: the Metadata sheet. Lists joined by the sheet reader. */
    private static Map<String, Object> summary(Map<String, Object> patient, Map<String, Object> ct,
            List<Map<String, Object>> plans, Map<String, Object> treatment, Map<String, Object> dates,
            Double coursePrescription) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("patient_sex", patient.get("sex"));
        s.put("patient_age", patient.get("age"));
        s.put("patient_age_years", patient.get("age_years"));
        s.put("patient_size_m", patient.get("size_m"));
        s.put("patient_weight_kg", patient.get("weight_kg"));
        for (String k : List.of("manufacturer", "model", "kvp", "convolution_kernel", "slice_thickness_mm")) {
            s.put("ct_" + k, ct == null ? null : ct.get(k));
        }
        s.put("plans", plans.size());
        s.put("plan_labels", collect(plans, "label"));
        s.put("plan_names", collect(plans, "name"));
        s.put("techniques", collect(plans, "technique"));
        s.put("beam_count", plans.isEmpty() ? null
                : plans.stream().mapToInt(p -> (Integer) p.get("beam_count")).sum());
        s.put("energies", collect(plans, "energies"));
        s.put("radiation_types", collect(plans, "radiation_types"));
        s.put("machines", collect(plans, "machines"));
        s.put("prescription_gy", coursePrescription);
        // The plans the dose decision used (primary + boost, not a replan); a lone plan when there is no decision.
        boolean anySelected = plans.stream().anyMatch(p -> Boolean.TRUE.equals(p.get("selected_for_dose")));
        Integer fx = null;
        for (Map<String, Object> p : plans) {
            boolean counts = anySelected ? Boolean.TRUE.equals(p.get("selected_for_dose")) : plans.size() == 1;
            if (counts && p.get("fractions_planned") != null) {
                fx = (fx == null ? 0 : fx) + (Integer) p.get("fractions_planned");
            }
        }
        s.put("fractions_planned", fx);
        s.put("fractions_delivered", treatment.get("fractions_delivered"));
        s.put("course_start", dates.get("start_date"));
        s.put("course_end", dates.get("end_date"));
        return s;
    }

    static Map<String, Object> plan(PlanInput in) throws DicomException {
        DicomObject ds = in.dataset();
        RtPlan plan = RtPlanReader.from(ds, in.key());
        DicomSummary.PlanInfo info = HeaderScanner.planInfo(ds);
        List<DicomObject> beamItems = ds.contains(Tag.IonBeamSequence) ? ds.getSequence(Tag.IonBeamSequence)
                : ds.getSequence(Tag.BeamSequence);
        Map<Integer, Double> metersets = new LinkedHashMap<>();
        Map<Integer, Double> beamDoses = new LinkedHashMap<>();
        for (RtPlan.FractionGroup g : plan.fractionGroups()) {
            for (RtPlan.BeamReference b : g.beams()) {
                metersets.putIfAbsent(b.beamNumber(), b.meterset());
                beamDoses.putIfAbsent(b.beamNumber(), b.doseGy());
            }
        }
        List<Map<String, Object>> beams = new ArrayList<>();
        List<String> techniques = new ArrayList<>();
        Set<String> energies = new LinkedHashSet<>();
        Set<String> radiation = new LinkedHashSet<>();
        Set<String> machines = new LinkedHashSet<>();
        Set<String> units = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        BigDecimal total = null;
        int treatmentBeams = 0;
        int setupBeams = 0;
        for (int i = 0; i < plan.beams().size(); i++) {
            RtPlan.Beam b = plan.beams().get(i);
            DicomObject item = beamItems.get(i);
            String technique = Technique.ofBeam(item);
            Map<String, Object> bj = new LinkedHashMap<>();
            bj.put("number", b.number());
            bj.put("name", b.name());
            bj.put("type", b.type());
            bj.put("delivery_type", b.deliveryType());
            bj.put("radiation_type", b.radiationType());
            bj.put("machine", b.machine());
            bj.put("nominal_energy", b.nominalEnergy());
            bj.put("control_points", b.controlPoints());
            bj.put("technique", technique);
            bj.put("meterset", metersets.get(b.number()));
            bj.put("meterset_unit", text(item, Tag.PrimaryDosimeterUnit));
            bj.put("beam_dose_gy", beamDoses.get(b.number()));
            beams.add(bj);
            if (Technique.SETUP.equals(technique)) {
                setupBeams++;
                continue;
            }
            treatmentBeams++;
            techniques.add(technique);
            if (b.name() != null) {
                names.add(b.name());
            }
            if (b.radiationType() != null) {
                radiation.add(b.radiationType());
            }
            if (b.machine() != null) {
                machines.add(b.machine());
            }
            String e = energy(b.nominalEnergy(), b.radiationType());
            if (e != null) {
                energies.add(e);
            }
            if (bj.get("meterset_unit") != null) {
                units.add((String) bj.get("meterset_unit"));
            }
            Double m = metersets.get(b.number());
            if (m != null) {
                total = (total == null ? BigDecimal.ZERO : total).add(BigDecimal.valueOf(m));
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sop_instance_uid", plan.sopInstanceUid());
        p.put("label", plan.label());
        p.put("name", plan.name());
        p.put("date", plan.date());
        p.put("time", plan.time());
        p.put("intent", plan.intent());
        p.put("approval_status", plan.approvalStatus());
        p.put("technique", Technique.ofPlan(techniques));
        p.put("beam_count", treatmentBeams);
        p.put("setup_beam_count", setupBeams);
        p.put("beam_names", names);
        p.put("energies", List.copyOf(energies));
        p.put("radiation_types", List.copyOf(radiation));
        p.put("machines", List.copyOf(machines));
        p.put("meterset_per_fraction", total == null ? null : total.doubleValue());
        p.put("meterset_unit", units.size() == 1 ? units.iterator().next() : null);
        p.put("prescription_gy", info.rxGy());
        p.put("prescription_source", info.rxGy() == null ? null : info.rxSource());
        p.put("fractions_planned", info.fractions());
        p.put("dose_per_fraction_gy", info.rxGy() == null || info.fractions() == null || info.fractions() == 0 ? null
                : info.rxGy() / info.fractions());
        p.put("selected_for_dose", in.selected());
        p.put("beams", beams);
        return p;
    }

    /** {@code 6 MV} for photons, {@code 9 MeV} for electrons and ions; null without an energy. */
    static String energy(Double nominal, String radiationType) {
        if (nominal == null) {
            return null;
        }
        String v = BigDecimal.valueOf(nominal).stripTrailingZeros().toPlainString();
        boolean photon = radiationType != null && radiationType.trim().equalsIgnoreCase("PHOTON");
        return v + (photon ? " MV" : " MeV");
    }

    /** Patient's Age (AS, {@code nnnD/W/M/Y}) in years, or null when absent or malformed. */
    static Double ageYears(String age) {
        if (age == null || !age.trim().matches("\\d{3}[DWMYdwmy]")) {
            return null;
        }
        String a = age.trim();
        double n = Integer.parseInt(a.substring(0, 3));
        return switch (a.substring(3).toUpperCase(Locale.ROOT)) {
            case "Y" -> n;
            case "M" -> n / 12.0;
            case "W" -> n * 7 / 365.25;
            default -> n / 365.25;
        };
    }

    private static List<String> collect(List<Map<String, Object>> plans, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, Object> p : plans) {
            Object v = p.get(key);
            if (v instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else if (v != null) {
                out.add(String.valueOf(v));
            }
        }
        return List.copyOf(out);
    }

    private static String first(List<DicomObject> sources, int tag) {
        for (DicomObject d : sources) {
            String v = text(d, tag);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Double firstNumber(List<DicomObject> sources, int tag) {
        for (DicomObject d : sources) {
            Double v = number(d, tag);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(DicomObject d, int tag) {
        String v = d.getString(tag);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Double number(DicomObject d, int tag) {
        try {
            double v = d.getDouble(tag, Double.NaN);
            return Double.isNaN(v) ? null : v;
        } catch (RuntimeException e) {
            return null; // a malformed number is as good as none: never guessed
        }
    }
}
