package rt.runtime.internal.run;

import java.nio.file.Path;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageResult.Status;

/** Prerequisites that are not tasks of the running phase: cohort stages of this run, or state files on disk. */
final class Prerequisites {

    private Prerequisites() {
    }

    /** Why the prerequisite is not satisfied for this unit, or null when it is. */
    static String unmetOutsidePhase(RunEnv env, Unit unit, String prereq) {
        if (env.state().isWithdrawn(prereq)) {
            return "'" + prereq + "' was withdrawn";
        }
        Stage p = env.plan().graph().stage(prereq);
        if (p.scope() == Scope.COHORT) {
            Status s = env.state().cohortOutcome(prereq);
            if (s != null) {
                return s == Status.OK || s == Status.SKIPPED ? null : "'" + prereq + "' " + s.name().toLowerCase();
            }
            return okOnDisk(env, env.plan().options().cohortDir(), prereq) ? null : "'" + prereq + "' has not run";
        }
        if (!(unit instanceof Unit.OfCourse course)) {
            return null; // a closing cohort stage runs after every course, whatever each course's outcome
        }
        if (!env.plan().options().sites().allows(course.course().site(), prereq)) {
            return null; // the site profile leaves it out on purpose
        }
        String elsewhere = env.state().endedElsewhere(course.course().key(), prereq);
        if (elsewhere != null) {
            // ran on another member in this run: its state file may be an earlier run's when it did not run ok there
            return elsewhere.isEmpty() ? null : elsewhere;
        }
        return okOnDisk(env, env.plan().workDir(unit), prereq) ? null : "'" + prereq + "' has not run for this course";
    }

    private static boolean okOnDisk(RunEnv env, Path dir, String stageId) {
        return env.states().read(dir, stageId).map(s -> "OK".equals(s.status()) || "SKIPPED".equals(s.status()))
                .orElse(false);
    }
}
