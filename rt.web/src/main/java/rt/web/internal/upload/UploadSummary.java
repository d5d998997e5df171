package rt.web.internal.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.InputFiles;
import rt.dicom.ReadOptions;
import rt.dicom.Tag;

/**
 * What an upload holds before anything runs: patients, studies, series and objects per modality (RTSTRUCT, RTPLAN,
 * RTDOSE... counted as RT objects), from the DICOM headers read with rt.dicom's reader; and every file that cannot be
 * used, with the reason. Organize applies its own rules in the run; this is the quick look a user gets first.
 */
public record UploadSummary(int files, int dicomFiles, int patients, int studies, int series, int rtObjects,
        Map<String, Integer> modalities, List<Problem> unusable, int unusableTotal) {

    /** A file (relative to the upload) that is not usable, and why. */
    public record Problem(String path, String reason) {
    }

    /** At most this many problems are listed; {@code unusableTotal} counts all. */
    static final int MAX_LISTED = 500;
    /** Everything the summary reads sits before this tag: the headers stop there, pixel data is never read. */
    private static final ReadOptions HEADER = ReadOptions.upTo(0x00200010);

    /** Scans {@code root}; {@code refused} are the archive entries already refused at extraction. */
    public static UploadSummary scan(Path root, List<Problem> refused) throws IOException {
        InputFiles.Listing listing = InputFiles.list(root);
        List<Problem> problems = new ArrayList<>(refused);
        int total = refused.size();
        for (InputFiles.Skipped s : listing.skipped()) {
            total++;
            add(problems, new Problem(relative(root, s.path()), s.reason()));
        }
        Set<String> patients = new HashSet<>();
        Set<String> studies = new HashSet<>();
        Set<String> series = new HashSet<>();
        Map<String, Integer> modalities = new TreeMap<>();
        int dicom = 0;
        int rt = 0;
        for (Path f : listing.files()) {
            DicomObject header;
            try {
                DicomFile file = DicomReader.read(f, HEADER);
                header = file.dataset();
            } catch (IOException | RuntimeException e) {
                total++;
                // the reader names the file by its server path; the user knows it by its upload path
                String why = oneLine(e.getMessage()).replace(f.toString() + ": ", "").replace(f.toString(), "");
                add(problems, new Problem(relative(root, f), "not DICOM: " + why));
                continue;
            }
            String sopClass = header.getString(Tag.SOPClassUID, "");
            if (sopClass.isEmpty()) {
                total++;
                add(problems, new Problem(relative(root, f), "DICOM without SOP Class UID (e.g. a DICOMDIR)"));
                continue;
            }
            dicom++;
            patients.add(header.getString(Tag.PatientID, "(no Patient ID)"));
            studies.add(header.getString(Tag.StudyInstanceUID, ""));
            series.add(header.getString(Tag.SeriesInstanceUID, ""));
            String modality = header.getString(Tag.Modality, "?");
            modalities.merge(modality, 1, Integer::sum);
            if (modality.startsWith("RT") || modality.equals("REG")) {
                rt++;
            }
        }
        studies.remove("");
        series.remove("");
        return new UploadSummary(listing.files().size() + listing.skipped().size(), dicom, patients.size(),
                studies.size(), series.size(), rt, modalities, problems, total);
    }

    private static void add(List<Problem> problems, Problem p) {
        if (problems.size() < MAX_LISTED) {
            problems.add(p);
        }
    }

    private static String relative(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.getFileName().toString();
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("[\\r\\n\\t]+", " ");
    }
}
