package rt.dicom.internal.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.InputFiles;
import rt.dicom.Tag;
import rt.dicom.rt.ContourVolume;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtPlan;
import rt.dicom.rt.RtPlanReader;
import rt.dicom.rt.RtRecord;
import rt.dicom.rt.RtRecordReader;
import rt.dicom.rt.RtSopClass;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dicom.rt.Roi;

/** A physicist's quick look at a file or folder: one line per object (image series count as one). */
public final class Inspector {

    private record Header(Path file, DicomObject ds) {
    }

    /**
     * What {@code inspect} found: its lines, and how many inputs were not usable (not DICOM, broken, or skipped by
     * the listing); the command exits 1 when that count is not zero.
     */
    public record Report(List<String> lines, int notUsed) {
    }

    /** The lines describing everything DICOM under {@code path} (recursively). */
    public List<String> inspect(Path path) throws IOException {
        return report(path).lines();
    }

    /** Every file under {@code path}: one line per object, one line per file that could not be used. */
    public Report report(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        InputFiles.Listing listing = InputFiles.list(path);
        List<Path> files = listing.files();
        List<String> lines = new ArrayList<>();
        Map<String, List<Header>> series = new LinkedHashMap<>();
        int notDicom = 0;
        int broken = 0;
        for (Path f : files) {
            DicomObject h;
            try {
                h = DicomReader.readHeader(f).dataset();
            } catch (DicomException | RuntimeException e) {
                notDicom++;
                lines.add("NOT DICOM " + oneLine(f, e));
                continue;
            }
            String modality = h.getString(Tag.Modality, "?");
            try {
                // By SOP Class first: some systems write a wrong Modality.
                switch (String.valueOf(RtSopClass.kindOf(h))) {
                    case "RTSTRUCT" -> structure(f, lines);
                    case "RTDOSE" -> dose(f, h, lines);
                    case "RTPLAN" -> plan(f, h, lines);
                    case "RTRECORD" -> record(f, h, lines);
                    default -> {
                        if (h.contains(Tag.ImagePositionPatient) && h.contains(Tag.Rows)) {
                            series.computeIfAbsent(h.getString(Tag.SeriesInstanceUID, f.toString()),
                                    k -> new ArrayList<>()).add(new Header(f, h));
                        } else {
                            lines.add(ids(modality, h) + " file=" + f.getFileName());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // A readable header with broken content (bad lengths, NaN geometry...): this file only.
                broken++;
                lines.add("ERROR " + oneLine(f, e));
            }
        }
        for (List<Header> s : series.values()) {
            try {
                lines.add(imageSeries(s));
            } catch (RuntimeException e) {
                broken++;
                lines.add("ERROR " + oneLine(s.get(0).file(), e));
            }
        }
        for (InputFiles.Skipped sk : listing.skipped()) {
            lines.add("NOT USED " + sk.path() + ": " + sk.reason());
        }
        int notUsed = notDicom + broken + listing.skipped().size();
        if (notUsed > 0) {
            lines.add(String.format(Locale.ROOT, "%d of %d input(s) not usable: %d not DICOM, %d unreadable content, "
                    + "%d skipped", notUsed, files.size() + listing.skipped().size(), notDicom, broken,
                    listing.skipped().size()));
        }
        return new Report(lines, notUsed);
    }

    /** One line naming the file once, whatever the exception's message looks like. */
    private static String oneLine(Path f, Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        m = m.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        if (m.startsWith(f.toString())) {
            m = m.substring(f.toString().length()).replaceFirst("^[:\\s]+", "");
        }
        String kind = e instanceof IOException ? "" : e.getClass().getSimpleName() + ": ";
        return f + ": " + kind + (m.isEmpty() ? "unreadable" : m);
    }

    private static String ids(String modality, DicomObject h) {
        return modality + " patient=" + h.getString(Tag.PatientID, "") + " study=" + h.getString(Tag.StudyInstanceUID, "")
                + " series=" + h.getString(Tag.SeriesInstanceUID, "") + " for=" + forOf(h);
    }

    private static String forOf(DicomObject h) {
        String f = rt.dicom.rt.IodAttributes.frameOfReferenceUid(h);
        return f == null ? "" : f;
    }

    private static void structure(Path f, List<String> lines) throws IOException {
        DicomObject ds = DicomReader.readDataset(f);
        RtStruct rs = RtStructReader.from(ds, f.toString());
        lines.add(ids("RTSTRUCT", ds) + " label=" + rs.label() + " rois=" + rs.rois().size() + " file="
                + f.getFileName());
        for (Roi roi : rs.rois()) {
            lines.add(String.format(Locale.ROOT, "  ROI %d %s %s %.2f cc (%d contours)", roi.number(), roi.name(),
                    roi.interpretedType() == null ? "-" : roi.interpretedType(), ContourVolume.cc(roi.contours()),
                    roi.contours().size()));
        }
    }

    private static void dose(Path f, DicomObject h, List<String> lines) throws IOException {
        RtDose d = RtDoseReader.read(f);
        var g = d.volume().grid();
        lines.add(String.format(Locale.ROOT, "%s grid=%dx%dx%d spacing=%.3fx%.3fx%.3f mm max=%.4f Gy units=%s "
                + "summation=%s file=%s", ids("RTDOSE", h), g.nx(), g.ny(), g.nz(), g.spacing(0), g.spacing(1),
                g.spacing(2), d.maxGy(), d.doseUnits(), d.summationType(), f.getFileName()));
    }

    private static void plan(Path f, DicomObject h, List<String> lines) throws IOException {
        RtPlan p = RtPlanReader.read(f);
        lines.add(ids("RTPLAN", h) + " label=" + p.label() + " date=" + p.date() + " fractions=" + p.fractions()
                + " rx=" + (p.prescriptionGy() == null ? "?" : String.format(Locale.ROOT, "%.2f Gy",
                        p.prescriptionGy())) + " beams=" + p.beams().size() + " file=" + f.getFileName());
    }

    private static void record(Path f, DicomObject h, List<String> lines) throws IOException {
        RtRecord r = RtRecordReader.read(f);
        lines.add(ids("RTRECORD", h) + " plan=" + r.referencedPlanUid() + " date=" + r.treatmentDate()
                + " beams=" + r.sessions().size() + " file=" + f.getFileName());
    }

    private static String imageSeries(List<Header> slices) {
        DicomObject first = slices.get(0).ds;
        double[] iop = first.getDoubles(Tag.ImageOrientationPatient);
        double[] ps = first.getDoubles(Tag.PixelSpacing);
        double[] pos = new double[slices.size()];
        if (iop != null && iop.length == 6) {
            double[] n = {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5],
                iop[0] * iop[4] - iop[1] * iop[3]};
            for (int k = 0; k < pos.length; k++) {
                double[] p = slices.get(k).ds.getDoubles(Tag.ImagePositionPatient);
                pos[k] = p == null || p.length < 3 ? Double.NaN : p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
            }
        }
        Arrays.sort(pos);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int k = 1; k < pos.length; k++) {
            double d = pos[k] - pos[k - 1];
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        String spacingZ = pos.length < 2 ? "-" : Math.abs(max - min) < 1e-3
                ? String.format(Locale.ROOT, "%.3f", min)
                : String.format(Locale.ROOT, "%.3f..%.3f(non-uniform)", min, max);
        return String.format(Locale.ROOT, "%s slices=%d size=%dx%d spacing=%sx%sx%s mm orientation=%s", ids(
                first.getString(Tag.Modality, "?"), first), slices.size(), first.getInt(Tag.Columns, 0),
                first.getInt(Tag.Rows, 0), ps == null || ps.length < 2 ? "?" : fmt(ps[1]),
                ps == null || ps.length < 2 ? "?" : fmt(ps[0]), spacingZ, iop == null ? "?"
                        : String.join(",", Arrays.stream(iop).mapToObj(Inspector::fmt).toList()));
    }

    private static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
