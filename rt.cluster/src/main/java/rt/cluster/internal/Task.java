package rt.cluster.internal;

/**
 * One unit of cluster work: one stage of one course of one run. The run's starter queues it once the stages it runs
 * after are done for that course, so independent stages of a course (DVH and radiomics, say) run on different members
 * at once; a stage that asks for a GPU goes to members with GPU slots while one is in the cluster. The key is a plain
 * string (all Hazelcast structures hold strings).
 */
record Task(String runId, String course, String stage) {

    static Task parse(String key) {
        int a = key.indexOf('\n');
        int b = key.lastIndexOf('\n');
        return new Task(key.substring(0, a), key.substring(a + 1, b), key.substring(b + 1));
    }

    /** {@code run \n course \n stage}: the course may hold anything but the run id and stage id never hold a newline. */
    String key() {
        return runId + "\n" + course + "\n" + stage;
    }

    /** How status lines and logs name it: {@code P1/C1 (dvh)}. */
    String label() {
        return course + " (" + stage + ")";
    }

    /** What its lease file is named after: each (course, stage) is fenced on its own. */
    String fenceKey() {
        return course + "\n" + stage;
    }

    static String runOf(String key) {
        return key.substring(0, key.indexOf('\n'));
    }
}
