package rt.cluster.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a member needs to run a course of a run: the member that started it (its uuid), the starter's output folder,
 * the per-course stages and the configuration.
 */
record Ticket(String starter, Path outputRoot, List<String> stages, String configYaml) {

    String encode() {
        return starter + "\n" + outputRoot + "\n" + String.join(",", stages) + "\n" + configYaml;
    }

    static Ticket decode(String s) {
        int a = s.indexOf('\n');
        int b = s.indexOf('\n', a + 1);
        int c = s.indexOf('\n', b + 1);
        return new Ticket(s.substring(0, a), Path.of(s.substring(a + 1, b)), Arrays.stream(s.substring(b + 1, c)
                .split(",")).filter(x -> !x.isEmpty()).toList(), s.substring(c + 1));
    }
}
