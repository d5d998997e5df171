package rt.cluster.internal;

import java.util.Arrays;
import java.util.List;

/**
 * One unit of cluster work: stages of one course of one run. A course is one {@link Kind#ALL} task when no member of
 * the cluster has a GPU when the run starts; otherwise a {@link Kind#GPU} task (the stages that ask for a GPU, with
 * their prerequisites, as the member that takes it decides from the stages' needs) and, once that is done, a
 * {@link Kind#REST} task with the stages it left. The key is a plain string (all Hazelcast structures hold strings).
 *
 * @param stages for GPU: the run's per-course stages, of which the taker runs the GPU part; otherwise the stages to run
 */
record Task(String runId, String course, Kind kind, List<String> stages) {

    enum Kind {
        /** Every stage of the course. */
        ALL,
        /** The course's GPU stages and their prerequisites: taken by a member with GPU slots while one is alive. */
        GPU,
        /** The stages the course's GPU task left, once it is done: taken by any member. */
        REST
    }

    static Task parse(String key) {
        int a = key.indexOf('\n');
        int c = key.lastIndexOf('\n');
        int b = key.lastIndexOf('\n', c - 1);
        return new Task(key.substring(0, a), key.substring(a + 1, b), Kind.valueOf(key.substring(b + 1, c)),
                Arrays.stream(key.substring(c + 1).split(",")).filter(s -> !s.isEmpty()).toList());
    }

    /** {@code run \n course \n kind \n stages}: the course may hold anything but the run id and kind never do. */
    String key() {
        return runId + "\n" + course + "\n" + kind + "\n" + String.join(",", stages);
    }

    /** How status lines and logs name it. */
    String label() {
        return kind == Kind.ALL ? course : course + " (" + kind.name().toLowerCase() + ")";
    }

    /** What its lease file is named after: the course's GPU task and its rest are fenced apart. */
    String fenceKey() {
        return kind == Kind.ALL ? course : course + "\n" + kind;
    }

    static String runOf(String key) {
        return key.substring(0, key.indexOf('\n'));
    }
}
