package rt.runtime.internal.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import rt.api.Scope;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.runtime.internal.state.StageState;

/**
 * The default input fingerprint: the course model, what the upstream stages recorded, and size + modification time of
 * the course's source files. Cheap (no file content is read) and changes whenever an input plausibly changed.
 */
final class Fingerprints {

    /** Canonical JSON: map entries sorted, so the same course always hashes the same. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final MessageDigest digest;

    Fingerprints() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The runtime's fingerprint of a task's inputs: the stage id, the course model and source files, and what each
     * prerequisite recorded (for the cohort: every course's state of each course-scope prerequisite).
     */
    static String defaultFor(RunEnv env, Task t) {
        RunPlan plan = env.plan();
        Fingerprints f = new Fingerprints().add(t.stage.id()).addCourse(t.unit.courseOrNull());
        Path dir = plan.workDir(t.unit);
        boolean cohortTask = t.unit instanceof Unit.Cohort;
        for (String p : plan.graph().prerequisites(t.stage.id())) {
            Scope scope = plan.graph().stage(p).scope();
            if (cohortTask && scope == Scope.COURSE) {
                for (Course c : env.state().courses()) {
                    f.add(c.key()).addUpstream(p, env.states().read(plan.workDir(new Unit.OfCourse(c)), p).orElse(null));
                }
            } else if (!cohortTask && scope == Scope.COHORT) {
                // A cohort stage's fingerprint covers every course (organize: the whole input tree), so it changes
                // when any one course changes. What this course got from it is in its course model, hashed above.
                f.addUpstreamOutcome(p, env.states().read(plan.options().cohortDir(), p).orElse(null));
            } else {
                f.addUpstream(p, env.states().read(dir, p).orElse(null));
            }
        }
        if (cohortTask) {
            f.add(String.valueOf(plan.options().dicomRoot()));
            env.state().courses().forEach(c -> f.add(c.key()));
        }
        return f.hex();
    }

    Fingerprints add(String s) {
        digest.update((s == null ? "<null>" : s).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    Fingerprints addCourse(Course c) {
        if (c == null) {
            return add("cohort");
        }
        try {
            add(JSON.writeValueAsString(c));
        } catch (IOException e) {
            add(c.toString());
        }
        for (CourseObject o : c.objects()) {
            addFile(o.sourcePath());
        }
        return this;
    }

    Fingerprints addUpstream(String stageId, StageState state) {
        add(stageId);
        return state == null ? add("none")
                : add(state.status()).add(state.stageVersion()).add(state.configHash()).add(state.fingerprint());
    }

    /** An upstream stage's status, version and configuration, without its input fingerprint. */
    Fingerprints addUpstreamOutcome(String stageId, StageState state) {
        add(stageId);
        return state == null ? add("none") : add(state.status()).add(state.stageVersion()).add(state.configHash());
    }

    Fingerprints addFile(String path) {
        if (path == null) {
            return add("-");
        }
        try {
            BasicFileAttributes a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
            return add(path).add(Long.toString(a.size())).add(Long.toString(a.lastModifiedTime().toMillis()));
        } catch (IOException | RuntimeException e) {
            return add(path).add("missing");
        }
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }
}
