package rt.qc.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import rt.api.course.Role;

/**
 * The planning CT, RTSTRUCT, RTPLAN and RTDOSE share one frame of reference (FAIL otherwise: geometry would be
 * combined across unregistered coordinate systems). An object without a FoR UID is noted (RTPLAN's is optional). An
 * RTSTRUCT organize recorded as drawn on a further course image (an MR, registered or not) is in that
 * image's frame by design: noted, not failed (no stage combines it with the dose).
 */
final class FrameOfReferenceCheck implements QcCheck {

    private static final List<Role> ROLES = List.of(Role.PLANNING_CT, Role.RTSTRUCT, Role.RTPLAN, Role.RTDOSE,
            Role.RTDOSE_SUM);

    @Override
    public String id() {
        return "frame_of_reference";
    }

    @Override
    public String name() {
        return "Frame of reference CT–RTSTRUCT–RTPLAN–RTDOSE";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.objects == null) {
            return CheckResult.notRun(this, "course object list not available");
        }
        CheckResult.Builder r = result();
        String reference = f.courseFrameOfReferenceUid;
        if (reference == null || reference.isBlank()) {
            for (CourseFacts.ObjectFact o : f.objects(Role.PLANNING_CT)) {
                if (o.frameOfReferenceUid() != null) {
                    reference = o.frameOfReferenceUid();
                    break;
                }
            }
        }
        if (reference == null) {
            return CheckResult.notRun(this, "no frame of reference known for the course or its planning CT");
        }
        Set<String> noFor = new LinkedHashSet<>();
        int checked = 0;
        int mismatches = 0;
        for (Role role : ROLES) {
            for (CourseFacts.ObjectFact o : f.objects(role)) {
                String uid = o.frameOfReferenceUid();
                if (uid == null || uid.isBlank()) {
                    noFor.add(role.name());
                    continue;
                }
                checked++;
                if (role == Role.RTSTRUCT && !uid.equals(reference) && f.setsOnOtherImages.containsKey(o.path())) {
                    r.info("RTSTRUCT " + (o.uid() == null ? o.path() : o.uid()) + " is drawn on "
                            + f.setsOnOtherImages.get(o.path()) + ", frame of reference " + uid
                            + ": used on that image only, never with the dose");
                    continue;
                }
                if (!uid.equals(reference) && ++mismatches <= 5) {
                    r.fail(role + " " + (o.uid() == null ? o.path() : o.uid()) + " has frame of reference " + uid
                            + ", course uses " + reference);
                }
            }
        }
        if (mismatches > 5) {
            r.fail((mismatches - 5) + " more object(s) in another frame of reference");
        }
        for (String role : noFor) {
            if (role.equals("PLANNING_CT") || role.equals("RTSTRUCT")) {
                r.warn(role + " without a frame of reference UID");
            } else {
                r.info(role + " carries no frame of reference UID (optional for it)");
            }
        }
        r.detail("frame_of_reference_uid", reference).detail("objects_checked", checked);
        if (r.build().status() == Status.PASS) {
            r.info(checked + " object(s) share frame of reference " + reference);
        }
        return r.build();
    }
}
