package rt.dicom.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.ContourVolume;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtPlan;
import rt.dicom.rt.RtPlanReader;
import rt.dicom.rt.RtRecord;
import rt.dicom.rt.RtRecordReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dicom.rt.SeriesVolume;

/**
 * Cross-check tool (not a test): walks a folder of DICOM files from other sources, runs every rt.dicom reader that
 * applies to each file (header scan, full parse, ImageSeriesReader per file and per series folder, RtDoseReader,
 * RtStructReader + ContourVolume, RtPlanReader, RtRecordReader) and compares the results with pydicom
 * ({@code rt.dicom/tools/extcheck_pydicom.py}): element counts, key values, pixel sums, DoseGridScaling×max, ROI
 * names and contour point counts. Prints one line per file: {@code OK}, {@code REJECTED(reason)} or
 * {@code MISMATCH(details)}, then per series, then totals.
 * <p>
 * Run from the module folder after {@code mvn -o -q -B install -pl rt.dicom}:
 * {@code java -cp target/classes:target/test-classes:$HOME/.m2/repository/rt/rt.api/0.1.0-SNAPSHOT/rt.api-0.1.0-SNAPSHOT.jar
 * rt.dicom.tools.ExtCheck /work/extdata [tools/extcheck_pydicom.py] [/usr/bin/python3]}
 */
public final class ExtCheck {

    private static final String[] KEYS = {"Modality", "SOPClassUID", "SOPInstanceUID", "PatientID",
        "SeriesInstanceUID"};

    private final Map<String, Map<String, String>> py = new HashMap<>();
    private final List<String[]> pySeries = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    private ExtCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "/work/extdata").toAbsolutePath().normalize();
        String script = args.length > 1 ? args[1] : "tools/extcheck_pydicom.py";
        String python = args.length > 2 ? args[2] : "/usr/bin/python3";
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ExtCheck c = new ExtCheck();
        c.runPython(python, script, files);
        for (Path f : files) {
            String line = c.check(f);
            System.out.println(line + "  " + root.relativize(f));
        }
        c.checkSeries(root);
        System.out.println("TOTAL " + c.counts);
    }

    private void runPython(String python, String script, List<Path> files) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(python)) || !Files.isRegularFile(Path.of(script))) {
            System.out.println("(pydicom oracle absent: " + python + " " + script + "; only rt.dicom's own checks)");
            return;
        }
        Process p = new ProcessBuilder(python, script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = new Thread(() -> {
            try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (Path f : files) {
                    w.write(f.toString());
                    w.write('\n');
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        feeder.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] parts = line.split("\t");
                if (parts[0].equals("FILE")) {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (int i = 2; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        if (eq > 0) {
                            m.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                        }
                    }
                    py.put(parts[1], m);
                } else if (parts[0].equals("SERIES")) {
                    pySeries.add(parts);
                }
            }
        }
        feeder.join();
        p.waitFor();
    }

    private String check(Path f) {
        Map<String, String> o = py.getOrDefault(f.toString(), Map.of());
        String pyErr = o.get("pyerr");
        List<String> mismatch = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        DicomFile header;
        DicomFile full;
        try {
            header = DicomReader.readHeader(f);
            full = DicomReader.read(f);
        } catch (DicomException e) {
            return count("REJECTED", "(" + shortMsg(e, f) + (pyErr != null ? "; pydicom also fails" : "; pydicom reads it")
                    + ")");
        } catch (IOException | RuntimeException e) {
            return count("MISMATCH", "(crash " + e + ")");
        }
        DicomObject ds = full.dataset();
        // header scan = the full parse up to Pixel Data
        DicomObject h = header.dataset();
        int below = 0;
        for (int t : ds.tags()) {
            if (Integer.compareUnsigned(t, 0x7FE00000) < 0) {
                below++;
            }
        }
        if (h.size() != below) {
            mismatch.add("header " + h.size() + " elements vs full " + below);
        }
        checked.add("hdr");
        if (pyErr == null && !o.isEmpty()) {
            compare(mismatch, "n", o.get("n"), Integer.toString(ds.size()));
            compare(mismatch, "nall", o.get("nall"), Integer.toString(countAll(ds)));
            if (o.get("ts") != null && !o.get("ts").isEmpty()) {
                compare(mismatch, "ts", o.get("ts"), full.transferSyntax().uid());
            }
            for (String k : KEYS) {
                String mine = ds.getString(Tag.forKeyword(k));
                String theirs = o.get(k);
                if (theirs != null || mine != null) {
                    compare(mismatch, k, theirs, mine == null ? null : mine.replace('\t', ' ').replace('\n', ' '));
                }
            }
            checked.add("py");
        }
        String modality = ds.getString(Tag.Modality, "");
        String rejected = null;
        try {
            String sopClass = ds.getString(Tag.SOPClassUID, "");
            boolean dose = sopClass.equals("1.2.840.10008.5.1.4.1.1.481.2")
                    || modality.equals("RTDOSE") && !ds.contains(Tag.StructureSetROISequence);
            if (dose) {
                RtDose d = RtDoseReader.from(full, f.toString());
                checked.add("dose");
                if (o.containsKey("dmax")) {
                    close(mismatch, "dmax", Double.parseDouble(o.get("dmax")), d.maxGy(), 1e-5);
                    if (d.warnings().isEmpty()) {
                        close(mismatch, "dsum", Double.parseDouble(o.get("dsum")), sum(d.volume().voxels()), 1e-5);
                    }
                }
            } else if (ds.contains(Tag.PixelData) && ds.contains(Tag.ImagePositionPatient)
                    && ds.contains(Tag.ImageOrientationPatient) && ds.getInt(Tag.NumberOfFrames, 1) <= 1) {
                SeriesVolume v = ImageSeriesReader.read(List.of(f));
                checked.add("image");
                if (o.containsKey("pxsum")) {
                    close(mismatch, "pxsum", Double.parseDouble(o.get("pxsum")), sum(v.volume().voxels()), 1e-6);
                }
            }
            if (modality.equals("RTSTRUCT") || ds.contains(Tag.StructureSetROISequence)) {
                RtStruct rs = RtStructReader.from(ds, f.toString());
                checked.add("struct(" + rs.rois().size() + ")");
                List<String> names = new ArrayList<>();
                List<String> conts = new ArrayList<>();
                List<String> pts = new ArrayList<>();
                for (Roi r : rs.rois()) {
                    names.add(r.name() == null ? "" : r.name());
                    conts.add(Integer.toString(r.contours().size()));
                    pts.add(Long.toString(r.pointCount()));
                    double cc = ContourVolume.cc(r.contours());
                    if (!(cc >= 0) || Double.isInfinite(cc)) {
                        mismatch.add("ROI " + r.name() + " volume " + cc);
                    }
                }
                if (o.containsKey("rois")) {
                    compare(mismatch, "rois", o.get("rois"), String.join("|", names));
                    compare(mismatch, "ncont", o.get("ncont"), String.join(",", conts));
                    compare(mismatch, "npts", o.get("npts"), String.join(",", pts));
                }
            }
            if (modality.equals("RTPLAN") || ds.contains(Tag.RTPlanLabel)) {
                RtPlan p = RtPlanReader.from(ds, f.toString());
                checked.add("plan(" + p.beams().size() + " beams)");
                if (o.containsKey("nbeams")) {
                    compare(mismatch, "nbeams", o.get("nbeams"), Integer.toString(p.beams().size()));
                    List<String> cps = new ArrayList<>();
                    for (RtPlan.Beam b : p.beams()) {
                        cps.add(Integer.toString(b.controlPoints()));
                    }
                    compare(mismatch, "ncp", o.get("ncp"), String.join(",", cps));
                    compare(mismatch, "fx", o.get("fx"), p.fractions() == null ? null : p.fractions().toString());
                }
            }
            if (modality.equals("RTRECORD")) {
                RtRecord r = RtRecordReader.from(ds, f.toString());
                checked.add("record(" + r.sessions().size() + ")");
                compare(mismatch, "nsess", o.get("nsess"), Integer.toString(r.sessions().size()));
            }
        } catch (DicomException e) {
            rejected = shortMsg(e, f);
        } catch (IOException | RuntimeException e) {
            mismatch.add("crash " + e);
        }
        if (!mismatch.isEmpty()) {
            return count("MISMATCH", "(" + String.join("; ", mismatch) + ")");
        }
        if (rejected != null) {
            return count("REJECTED", "(" + rejected + ")");
        }
        return count("OK", "[" + String.join(",", checked) + (pyErr != null ? "; pydicom fails: " + pyErr : "")
                + "]");
    }

    private void checkSeries(Path root) {
        for (String[] s : pySeries) {
            Path folder = Path.of(s[1]);
            String uid = s[2];
            Map<String, String> m = new HashMap<>();
            for (int i = 3; i < s.length; i++) {
                int eq = s[i].indexOf('=');
                m.put(s[i].substring(0, eq), s[i].substring(eq + 1));
            }
            String line;
            try {
                SeriesVolume v = ImageSeriesReader.readFolder(folder, uid);
                List<String> mismatch = new ArrayList<>();
                compare(mismatch, "slices", m.get("slices"), Integer.toString(v.sopInstanceUids().size()));
                compare(mismatch, "uniform", m.get("uniform"), v.uniformSpacing() ? "1" : "0");
                if (v.uniformSpacing() && !m.get("sum").equals("nan")) {
                    close(mismatch, "sum", Double.parseDouble(m.get("sum")), sum(v.volume().voxels()), 1e-6);
                }
                line = mismatch.isEmpty() ? count("OK", "[series " + v.volume().grid().nz() + " slices, "
                        + v.warnings().size() + " warnings]") : count("MISMATCH", "(" + String.join("; ", mismatch) + ")");
            } catch (DicomException e) {
                line = count("REJECTED", "(" + shortMsg(e, folder) + ")");
            } catch (IOException | RuntimeException e) {
                line = count("MISMATCH", "(crash " + e + ")");
            }
            System.out.println(line + "  SERIES " + root.relativize(folder) + " " + uid);
        }
    }

    private String count(String status, String detail) {
        counts.merge(status, 1, Integer::sum);
        return status + detail;
    }

    private static String shortMsg(Exception e, Path f) {
        String m = String.valueOf(e.getMessage());
        String prefix = f.toString() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static void compare(List<String> mismatch, String what, String theirs, String mine) {
        if (theirs == null && mine == null) {
            return;
        }
        if (theirs == null || !theirs.equals(mine)) {
            mismatch.add(what + " pydicom=" + abbreviate(theirs) + " ours=" + abbreviate(mine));
        }
    }

    private static void close(List<String> mismatch, String what, double theirs, double mine, double rel) {
        if (Math.abs(theirs - mine) > rel * Math.max(1.0, Math.abs(theirs))) {
            mismatch.add(String.format(Locale.ROOT, "%s pydicom=%.9g ours=%.9g", what, theirs, mine));
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    private static int countAll(DicomObject ds) {
        int n = 0;
        for (int t : ds.tags()) {
            n++;
            for (DicomObject item : ds.getSequence(t)) {
                n += countAll(item);
            }
        }
        return n;
    }
}
