package rt.qc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one check: verdict, one line per reason, and machine-readable details. */
record CheckResult(String id, String name, Status status, List<String> reasons, Map<String, Object> details) {

    CheckResult {
        reasons = List.copyOf(reasons);
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    static CheckResult notRun(QcCheck check, String why) {
        return new CheckResult(check.id(), check.name(), Status.NOT_RUN, List.of(why), Map.of());
    }

    /** Collects reasons, each with its own severity; the verdict is the worst of them (PASS when none). */
    static final class Builder {
        private final QcCheck check;
        private Status status = Status.PASS;
        private final List<String> reasons = new ArrayList<>();
        private final Map<String, Object> details = new LinkedHashMap<>();

        Builder(QcCheck check) {
            this.check = check;
        }

        Builder warn(String reason) {
            return add(Status.WARNING, reason);
        }

        Builder fail(String reason) {
            return add(Status.FAIL, reason);
        }

        /** An informational line that does not change the verdict. */
        Builder info(String reason) {
            return add(Status.PASS, reason);
        }

        Builder add(Status s, String reason) {
            status = status.worst(s);
            reasons.add((s == Status.PASS ? "" : s.name() + ": ") + reason);
            return this;
        }

        Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        CheckResult build() {
            return new CheckResult(check.id(), check.name(), status, reasons, details);
        }
    }
}
