package rt.runtime.internal.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import rt.api.Scope;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.runtime.internal.state.ContentHashes;
import rt.runtime.internal.state.StageState;

/**
 * The default input fingerprint: the course model, what the upstream stages recorded (including the hashes of their
 * outputs), and the content hashes of the course's source files. Contents are read once and then only when a file's
 * stat key (inode, size, mtime, ctime) changed, so a resume costs one stat per file.
 */
final class Fingerprints {

    /** Canonical JSON: map entries sorted, so the same course always hashes the same. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final MessageDigest digest;
    private final ContentHashes contents;

    Fingerprints() {
        this(new ContentHashes());
    }

    Fingerprints(ContentHashes contents) {
        this.contents = contents;
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
        Fingerprints f = new Fingerprints(env.hashes()).add(t.stage.id()).addCourse(t.unit.courseOrNull());
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
                f.addUpstreamOutcome(p, env.states().read(plan.options().cohortDir(), p).orElse(null),
                        ((Unit.OfCourse) t.unit).course().folder() + "/");
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

    /** What an upstream stage recorded: status, version, configuration, input fingerprint and output hashes. */
    Fingerprints addUpstream(String stageId, StageState state) {
        add(stageId);
        return state == null ? add("none") : add(state.status()).add(state.stageVersion()).add(state.configHash())
                .add(state.fingerprint()).addOutputs(state.outputs(), "");
    }

    /**
     * An upstream cohort stage's status, version and configuration, and the hashes of its outputs under this course's
     * folder, without its input fingerprint (which covers every course).
     */
    Fingerprints addUpstreamOutcome(String stageId, StageState state, String coursePrefix) {
        add(stageId);
        return state == null ? add("none") : add(state.status()).add(state.stageVersion()).add(state.configHash())
                .addOutputs(state.outputs(), coursePrefix);
    }

    private Fingerprints addOutputs(java.util.Map<String, String> outputs, String prefix) {
        if (outputs != null) {
            new java.util.TreeMap<>(outputs).forEach((path, hash) -> {
                if (path.startsWith(prefix)) {
                    add(path).add(hash);
                }
            });
        }
        return this;
    }

    /** The file's path and content hash (read again only when its stat key changed, see {@link ContentHashes}). */
    Fingerprints addFile(String path) {
        if (path == null) {
            return add("-");
        }
        try {
            return add(path).add(contents.hash(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            return add(path).add("missing");
        }
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }
}
