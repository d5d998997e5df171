package rt.organize.internal.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image volume: the slices of a series that share frame of reference and geometry. Several volumes can share a
 * SeriesInstanceUID (exports that reuse it for different reconstructions); they get ids {@code uid#1}, {@code uid#2}
 * … by slice count.
 *
 * @param id       the series UID, or {@code uid#n} when the series was split
 * @param splitReason why the series was split, or {@code null}
 */
public record ImageSeries(String id, String seriesUid, String modality, String studyUid, String frameOfReferenceUid,
        String signature, List<DicomSummary> slices, String splitReason) {

    public ImageSeries {
        slices = List.copyOf(slices);
    }

    public int size() {
        return slices.size();
    }

    /** Splits the image objects of one patient into volumes. */
    public static List<ImageSeries> split(List<DicomSummary> images) {
        Map<String, Map<String, List<DicomSummary>>> bySeries = new LinkedHashMap<>();
        List<DicomSummary> sorted = new ArrayList<>(images);
        sorted.sort(Comparator.comparing(DicomSummary::key));
        for (DicomSummary s : sorted) {
            String series = s.seriesUid() == null ? "noseries:" + s.key() : s.seriesUid();
            String geo = s.frameOfReferenceUid() + "|" + (s.image() == null ? "" : s.image().signature());
            bySeries.computeIfAbsent(series, k -> new LinkedHashMap<>()).computeIfAbsent(geo, k -> new ArrayList<>())
                    .add(s);
        }
        List<ImageSeries> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<DicomSummary>>> e : bySeries.entrySet()) {
            List<Map.Entry<String, List<DicomSummary>>> parts = new ArrayList<>(e.getValue().entrySet());
            parts.sort(Comparator.comparingInt((Map.Entry<String, List<DicomSummary>> p) -> -p.getValue().size())
                    .thenComparing(Map.Entry::getKey));
            for (int n = 0; n < parts.size(); n++) {
                List<DicomSummary> slices = parts.get(n).getValue();
                DicomSummary first = slices.get(0);
                String id = parts.size() == 1 ? e.getKey() : e.getKey() + "#" + (n + 1);
                String reason = parts.size() == 1 ? null
                        : "SeriesInstanceUID " + e.getKey() + " is shared by " + parts.size()
                                + " volumes with different frame of reference or geometry; this one has "
                                + slices.size() + " slices (" + parts.get(n).getKey() + ")";
                out.add(new ImageSeries(id, e.getKey(), first.modality(), first.studyUid(),
                        first.frameOfReferenceUid(), first.image() == null ? "" : first.image().signature(), slices,
                        reason));
            }
        }
        return out;
    }
}
