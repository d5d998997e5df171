package rt.qc.internal;

import java.util.Map;
import rt.api.course.Role;

/**
 * Every object the course claims exists on disk; the course has a planning CT (FAIL without), an RTSTRUCT, an RTPLAN
 * and an RTDOSE (WARNING without: some courses legitimately lack one), and the derived files of the layout.
 */
final class FilesPresentCheck implements QcCheck {

    @Override
    public String id() {
        return "files_present";
    }

    @Override
    public String name() {
        return "Files present";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.objects == null) {
            return CheckResult.notRun(this, "course object list not available (organize not run?)");
        }
        CheckResult.Builder r = result();
        int missing = 0;
        for (CourseFacts.ObjectFact o : f.objects) {
            if (Boolean.FALSE.equals(o.exists())) {
                missing++;
                if (missing <= 10) {
                    r.fail(o.role() + " " + o.modality() + " file missing: " + o.path());
                }
            }
        }
        if (missing > 10) {
            r.fail((missing - 10) + " more missing file(s)");
        }
        if (f.objects(Role.PLANNING_CT).isEmpty()) {
            r.fail("no planning CT");
        }
        if (f.objects(Role.RTSTRUCT).isEmpty()) {
            r.warn("no RTSTRUCT");
        }
        if (f.objects(Role.RTPLAN).isEmpty()) {
            r.warn("no RTPLAN");
        }
        if (f.objects(Role.RTDOSE).isEmpty() && f.objects(Role.RTDOSE_SUM).isEmpty()) {
            r.warn("no RTDOSE");
        }
        for (Map.Entry<String, Boolean> e : f.derivedFiles.entrySet()) {
            if (!e.getValue()) {
                r.warn(e.getKey() + " missing");
            }
        }
        r.detail("objects", f.objects.size()).detail("missing", missing);
        if (r.build().reasons().isEmpty()) {
            r.info(f.objects.size() + " object(s) present");
        }
        return r.build();
    }
}
