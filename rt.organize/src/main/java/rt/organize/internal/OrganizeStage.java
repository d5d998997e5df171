package rt.organize.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import rt.api.ConfigKey;
import rt.api.HealthCheck;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.dicom.PixelCodecs;
import rt.dicom.TransferSyntax;
import rt.organize.internal.io.Discovery;

/**
 * Stage {@code organize}: unsorted DICOM under {@code --dicom-root} → one folder per patient course (DESIGN §5), the
 * courses published to the runtime. Incremental per course: a course whose inputs did not change is not rewritten.
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=" + OrganizeStage.ID)
public final class OrganizeStage implements Stage {

    public static final String ID = "organize";
    /** Bump when course outputs for the same input change. */
    public static final String VERSION = "6"; // 6: further images as NIfTI, registrations; 2: one model object per image volume; SOP class over Modality;
    // 3: the course model carries its own input fingerprint; 4: RTSTRUCT frame of reference from where the IOD puts
    // it; 5: metadata/case.json and metadata/fractions.csv

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> runsAfter() {
        return List.of();
    }

    @Override
    public Scope scope() {
        return Scope.COHORT;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // Header scanning and course writing use every core the broker grants.
        return new ResourceNeeds(Math.max(1, Runtime.getRuntime().availableProcessors()), 0, 1024, true);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("merge_criteria", ConfigKey.Type.STRING, "same_ct_study",
                        "group plans into courses by CT study (same_ct_study) or frame_of_reference; each falls back"
                                + " to the other"),
                new ConfigKey("max_days", ConfigKey.Type.INT, 0,
                        "split a course whose plan dates span more than this many days (0 = never)"),
                new ConfigKey("link_mode", ConfigKey.Type.STRING, "hardlink",
                        "how course dicom/ folders get their files: hardlink (copy where linking fails) or copy"));
    }

    /** Organize decodes the planning images, so it reports which transfer syntaxes rt.dicom can decode here. */
    @Override
    public List<HealthCheck> selfCheck() {
        List<HealthCheck> out = new java.util.ArrayList<>();
        List<TransferSyntax> ok = PixelCodecs.decodable();
        out.add(HealthCheck.ok("organize: pixel data", ok.size() + " transfer syntaxes decodable: "
                + String.join(", ", ok.stream().map(TransferSyntax::name).toList())));
        PixelCodecs.unavailable().forEach(u -> out.add(HealthCheck.warning("organize: pixel data", u)));
        return out;
    }

    @Override
    public String inputFingerprint(StageContext context) throws java.io.IOException {
        // Path, size and modification time of every input file: unchanged input → the runtime may skip organize.
        // When it does run, organize is incremental per course (fingerprints in each course.json).
        return context.dicomRoot() == null ? null : Discovery.treeFingerprint(context.dicomRoot());
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        if (context.dicomRoot() == null) {
            return StageResult.failed("organize needs --dicom-root (the folder of DICOM files to organize)");
        }
        Organizer.Summary s = new Organizer(context, VERSION).run();
        String note = s.files() + " files, " + s.problems() + " not usable, " + s.courses() + " course(s) ("
                + s.written() + " written, " + s.unchanged() + " unchanged)";
        if (s.courses() == 0 && !s.courseProblems().isEmpty()) {
            // Courses were found but none could be written (a full disk, a read-only OUT): say why, not "none found".
            return StageResult.failed("no course could be written: " + s.courseProblems().get(0)
                    + (s.courseProblems().size() > 1 ? " (and " + (s.courseProblems().size() - 1) + " more)" : ""));
        }
        if (s.courses() == 0) {
            return StageResult.failed("no course found under " + context.dicomRoot() + " (" + note + ")");
        }
        return StageResult.ok(note + (s.courseProblems().isEmpty() ? ""
                : "; problems: " + String.join("; ", s.courseProblems())));
    }
}
