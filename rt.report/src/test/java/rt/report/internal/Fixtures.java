package rt.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes small synthetic course folders in the output layout (DESIGN §5). */
final class Fixtures {

    private Fixtures() {
    }

    /** A full course: course.json, .state, qc, dvh metrics + curves, radiomics + robustness. */
    static Path course(Path out, String patient, String course, int rois) throws IOException {
        Path dir = out.resolve(patient).resolve(course);
        Files.createDirectories(dir.resolve("dvh"));
        Files.createDirectories(dir.resolve("radiomics"));
        Files.createDirectories(dir.resolve("qc"));
        Files.createDirectories(dir.resolve(".state"));
        Files.writeString(dir.resolve("course.json"), """
                {"patient_id":"%s","course_id":"%s","site":"prostate","prescription_gy":60.0,"n_files":120}
                """.formatted(patient, course));
        for (String st : new String[] {"organize", "dvh", "radiomics", "qc"}) {
            Files.writeString(dir.resolve(".state").resolve(st + ".json"), "{\"status\":\"ok\",\"version\":\"1\"}");
        }
        StringBuilder metrics = new StringBuilder(
                "patient_id,course_id,source,roi_name,volume_cc,dmin_gy,dmean_gy,dmax_gy,d95_gy,v20gy_pct\n");
        StringBuilder curves = new StringBuilder("{\"curves\":[");
        StringBuilder rad = new StringBuilder("patient_id,course_id,source,roi_name,original_shape_MeshVolume,"
                + "original_shape_Sphericity,original_firstorder_Mean,diagnostics_Versions_PyRadiomics\n");
        StringBuilder rob = new StringBuilder("patient_id,course_id,source,roi_name,feature_name,icc,cov_pct,"
                + "robustness_label\n");
        for (int r = 0; r < rois; r++) {
            String name = r == 0 ? "PTV" : "OAR_" + r + (r == 2 ? ", \"quoted\"" : "");
            double dmax = 62 - 10 * r;
            metrics.append(String.format(Locale.ROOT, "%s,%s,Manual,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.1f%n", patient,
                    course, Csv.escape(name), 100.0 + r, 1.0 * r, dmax - 5, dmax, dmax - 4, 90.0 - r));
            if (r > 0) {
                curves.append(',');
            }
            curves.append("{\"roi_name\":\"").append(name.replace("\"", "\\\"")).append("\",\"source\":\"Manual\",")
                    .append("\"dose_gy\":[");
            for (int n = 0; n <= 70; n++) {
                curves.append(n > 0 ? "," : "").append(n);
            }
            curves.append("],\"volume_pct\":[");
            for (int n = 0; n <= 70; n++) {
                double v = 100.0 / (1 + Math.exp((n - (dmax - 3)) / 1.5));
                curves.append(n > 0 ? "," : "").append(String.format(Locale.ROOT, "%.3f", v));
            }
            curves.append("]}");
            rad.append(String.format(Locale.ROOT, "%s,%s,Manual,%s,%.1f,0.8%d,%.1f,v3.0.1%n", patient, course,
                    Csv.escape(name), 1000.0 * (r + 1), r, 30.0 + r));
            for (String f : new String[] {"original_firstorder_Mean", "original_glcm_Contrast"}) {
                rob.append(String.format(Locale.ROOT, "%s,%s,Manual,%s,%s,0.9%d,5.0,%s%n", patient, course,
                        Csv.escape(name), f, r, r % 2 == 0 ? "robust" : "acceptable"));
            }
        }
        curves.append("]}");
        Files.writeString(dir.resolve("dvh/dvh_metrics.csv"), metrics);
        Files.writeString(dir.resolve("dvh/dvh_curves.json"), curves);
        Files.writeString(dir.resolve("radiomics/radiomics.csv"), rad);
        Files.writeString(dir.resolve("radiomics/robustness.csv"), rob);
        Files.writeString(dir.resolve("qc/qc.json"), """
                {"patient_id":"%s","course_id":"%s","overall":"WARNING",
                 "checks":[{"id":"files_present","name":"Files present","status":"PASS","reasons":[]},
                           {"id":"ct_slices","name":"CT slice spacing","status":"WARNING",
                            "reasons":["gap of 6.0 mm between z=10.0 and z=16.0 (nominal 3.0 mm)"]}],
                 "body_regions":{"regions":["PELVIS"]}}
                """.formatted(patient, course));
        return dir;
    }

    static int dataRows(Path csv) throws IOException {
        return Csv.read(csv).rows().size();
    }
}
