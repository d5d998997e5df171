package rt.runtime.internal.state;

/**
 * What {@code .state/<stage>.json} records about one stage run for one course (or the cohort).
 *
 * @param status        OK, SKIPPED or FAILED (cancelled runs leave no state)
 * @param fingerprint   input fingerprint the run saw
 * @param outputs       the files the stage wrote (path relative to OUT → SHA-256 of the content); null when unknown
 * @param peakHeapMb    the JVM's heap in use at its highest while the stage ran (other tasks running beside it
 *                      count too; 0 when not measured)
 * @param plannedHeapMb the heap the broker admitted the stage with, from the stage's estimate (0 when not planned):
 *                      set beside {@code peakHeapMb}, it shows how good the estimates are
 */
public record StageState(String stage, String status, String stageVersion, String configHash, String fingerprint,
        String startedAt, String finishedAt, long durationMs, String reason, java.util.Map<String, String> outputs,
        long peakHeapMb, long plannedHeapMb) {

    /** True when a previous run can stand in for a new one with these inputs. */
    public boolean matches(String version, String config, String inputs) {
        return ("OK".equals(status) || "SKIPPED".equals(status)) && version.equals(stageVersion)
                && config.equals(configHash) && inputs.equals(fingerprint);
    }
}
