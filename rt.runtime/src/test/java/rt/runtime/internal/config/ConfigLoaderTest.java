package rt.runtime.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.CommandExit;
import rt.api.ConfigKey;
import rt.api.ConfigKey.Type;
import rt.runtime.internal.cli.RunCommand;
import rt.runtime.internal.run.TestStage;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final TestStage dvh = TestStage.course("dvh").keys(new ConfigKey("metrics", Type.LIST, List.of("D95"), "m"),
            new ConfigKey("bins", Type.INT, 100, "b"));
    private final TestStage robust = TestStage.course("radiomics.robustness").keys(
            new ConfigKey("perturbations", Type.INT, 10, "p"));
    private final ConfigLoader loader = new ConfigLoader(new ConfigSchema(List.of(dvh, robust)), Path.of("/work"));

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("rt.yaml"), text);
    }

    @Test
    void yamlIsOverriddenByEnvironmentWhichIsOverriddenByTheCommandLine() throws Exception {
        Path f = yaml("workers: 3\ndvh:\n  bins: 50\n  metrics: [D98, D2]\nradiomics.robustness:\n  perturbations: 4\n");
        RunConfig c = loader.load(f, Map.of("RT_WORKERS", "5", "RT_DVH__BINS", "60", "RT_REFDATA", "/x"), Map.of());
        assertEquals(5, c.globalInt("workers"));
        assertEquals(60, c.forStage("dvh").getInt("bins", 0));
        assertEquals(List.of("D98", "D2"), c.forStage("dvh").getStringList("metrics", null));
        assertEquals(4, c.forStage("radiomics.robustness").getInt("perturbations", 0));
        RunConfig cli = loader.load(f, Map.of("RT_WORKERS", "5"), Map.of("workers", "7", "radiomics.robustness.perturbations", "9"));
        assertEquals(7, cli.globalInt("workers"));
        assertEquals(9, cli.forStage("radiomics.robustness").getInt("perturbations", 0));
        assertTrue(cli.toYaml().contains("perturbations: 9"), cli.toYaml());
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() throws Exception {
        assertEquals("unknown config key 'wrkers' (rt.yaml; neither a runtime key nor an installed stage)",
                assertThrows(ConfigException.class, () -> loader.load(yaml("wrkers: 3\n"), Map.of(), Map.of())).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(yaml("dvh:\n  binz: 3\n"), Map.of(), Map.of()))
                .getMessage().startsWith("unknown config key 'dvh.binz'"));
        assertEquals("config key 'dvh.bins' (rt.yaml): expected an integer, got 'many'",
                assertThrows(ConfigException.class, () -> loader.load(yaml("dvh:\n  bins: many\n"), Map.of(), Map.of()))
                        .getMessage());
        assertEquals("config key 'workers' (environment RT_WORKERS): expected an integer, got 'x'",
                assertThrows(ConfigException.class, () -> loader.load(null, Map.of("RT_WORKERS", "x"), Map.of())).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(null, Map.of(), Map.of("dvh.nope", "1")))
                .getMessage().contains("'dvh.nope'"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(yaml("workers: [1\n"), Map.of(), Map.of()))
                .getMessage().contains("not valid YAML"));
    }

    @Test
    void aSetEntryOfATopLevelMapJoinsTheMapOfTheFile() throws Exception {
        Path f = yaml("cluster:\n  port: 5702\n  join: [a:5701]\n");
        RunConfig c = loader.load(f, Map.of(), Map.of("cluster.join", "b:5701,c:5701", "use_cluster", "true"));
        assertEquals(Map.of("port", 5702, "join", "b:5701,c:5701"), c.global("cluster"));
        assertTrue(c.globalBoolean("use_cluster"));
        assertEquals(Map.of(), loader.load(null, Map.of(), Map.of()).global("cluster"), "no cluster by default");
    }

    @Test
    void theConfigHashFollowsTheSectionButNotItsTimeout() throws Exception {
        String base = loader.load(null, Map.of(), Map.of()).forStage("dvh").hash();
        assertEquals(base, loader.load(null, Map.of(), Map.of("dvh.timeout_s", "30")).forStage("dvh").hash());
        assertNotEquals(base, loader.load(null, Map.of(), Map.of("dvh.bins", "30")).forStage("dvh").hash());
    }

    @Test
    void theRunCommandExitsWithUsageOnAConfigError() throws Exception {
        Path f = yaml("dvh:\n  bins: many\n");
        RunCommand cmd = new RunCommand(() -> List.of(dvh), new rt.runtime.internal.broker.FifoResourceBroker(1, 0),
                List::of, l -> () -> { }, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cmd.execute(
                new String[] {"--outdir", dir.resolve("out").toString(), "--config", f.toString()}, dir, System.out));
        assertTrue(e.getMessage().contains("'dvh.bins'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.execute(new String[] {"--bogus"}, dir,
                System.out)).getMessage().startsWith("unknown option '--bogus'"));
        assertEquals(2, CommandExit.USAGE); // how the commands map IllegalArgumentException
    }

    @Test
    void aListKeyTakesStructuredEntriesInline() throws Exception {
        // e.g. custom structure definitions written directly in rt.yaml under their stage's section
        Path f = yaml("dvh:\n  metrics:\n    - {name: RING, operation: subtract}\n    - D95\n");
        Object metrics = loader.load(f, Map.of(), Map.of()).forStage("dvh").get("metrics");
        assertEquals(List.of(Map.of("name", "RING", "operation", "subtract"), "D95"), metrics);
    }
}
