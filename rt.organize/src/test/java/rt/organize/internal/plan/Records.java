package rt.organize.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Header records for tests, built in code (no files). */
final class Records {

    private Records() {
    }

    static List<DicomSummary> ct(String patient, String study, String frame, String series, int slices,
            double thickness) {
        List<DicomSummary> out = new ArrayList<>();
        for (int k = 0; k < slices; k++) {
            out.add(new DicomSummary(null, "/in/" + patient + "/" + series + "/" + thickness + "/" + k, 1, 1, "CT",
                    "1.2.840.10008.5.1.4.1.1.2", series + "." + thickness + "." + k, patient, null, study, series,
                    frame, "20240101", null, null, null,
                    new DicomSummary.ImageInfo(512, 512, new double[] {1, 1}, new double[] {1, 0, 0, 0, 1, 0},
                            new double[] {0, 0, k * thickness}, thickness),
                    null, null, null, List.of()));
        }
        return out;
    }

    static DicomSummary rs(String patient, String uid, String study, String frame, String series) {
        return new DicomSummary(null, "/in/" + patient + "/" + uid, 1, 1, "RTSTRUCT", null, uid, patient, null, study,
                uid + ".s", null, null, null, null, null, null, null, null,
                new DicomSummary.StructInfo("RS", null, "20240101", List.of(frame),
                        series == null ? List.of() : List.of(series), Set.of(), List.of("BODY", "PTV")),
                List.of());
    }

    static DicomSummary rp(String patient, String uid, String study, String frame, String rs, String label,
            String date, Double rx) {
        return new DicomSummary(null, "/in/" + patient + "/" + uid, 1, 1, "RTPLAN", null, uid, patient, null, study,
                uid + ".s", frame, null, null, null, null, null,
                new DicomSummary.PlanInfo(label, null, null, date, null, rs == null ? List.of() : List.of(rs), rx,
                        "test", 25, "CURATIVE"),
                null, null, List.of());
    }

    static DicomSummary rd(String patient, String uid, String study, String frame, String plan, String type,
            double[] bbox) {
        return new DicomSummary(null, "/in/" + patient + "/" + uid, 1, 1, "RTDOSE", null, uid, patient, null, study,
                uid + ".s", frame, null, null, null, null, null, null,
                new DicomSummary.DoseInfo(type, plan == null ? List.of() : List.of(plan), bbox, null, "GY"), null,
                List.of());
    }

    static final double[] BOX = {-100, -100, -100, 100, 100, 100};
}
