package rt.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ClusterSettingsTest {

    @Test
    void theSecretChangesTheWireNameAndNeverAppearsInIt() {
        ClusterSettings open = ClusterSettings.fromMap(Map.of("name", "dept"), Map.of());
        ClusterSettings a = ClusterSettings.fromMap(Map.of("name", "dept"), Map.of("RT_CLUSTER_SECRET", "s3cret"));
        ClusterSettings b = ClusterSettings.fromMap(Map.of("name", "dept"), Map.of("RT_CLUSTER_SECRET", "other"));
        assertEquals("dept", open.wireName());
        assertTrue(a.wireName().startsWith("dept-") && a.wireName().length() == "dept-".length() + 32, a.wireName());
        assertNotEquals(a.wireName(), b.wireName());
        assertEquals(a.wireName(), ClusterSettings.fromMap(Map.of("name", "dept"),
                Map.of("RT_CLUSTER_SECRET", "s3cret")).wireName(), "same secret, same name on every member");
        assertTrue(!a.wireName().contains("s3cret"));
    }

    @Test
    void flagsAndSectionGiveTheSameSettings() {
        List<String> rest = new ArrayList<>();
        ClusterSettings flags = ClusterSettings.fromArgs(new String[] {"--join", "10.0.0.1:5701, 10.0.0.2:5701",
            "--port", "5702", "--bind", "10.0.0.3", "--lease-s", "7", "--map", "/data/out=/mnt/out", "--workers", "1"},
                Map.of(), rest);
        ClusterSettings section = ClusterSettings.fromMap(Map.of("join", List.of("10.0.0.1:5701", "10.0.0.2:5701"),
                "port", 5702, "bind", "10.0.0.3", "lease_s", 7, "path_map", Map.of("/data/out", "/mnt/out")), Map.of());
        assertEquals(section, flags);
        assertEquals(List.of("--workers", "1"), rest, "unknown flags are left to the command");
    }

    @Test
    void theLongestMappedPrefixWinsAndOnlyWholeFolders() {
        ClusterSettings s = ClusterSettings.fromMap(Map.of("path_map", Map.of("/data", "/mnt/d", "/data/out",
                "/scratch/out")), Map.of());
        assertEquals(Path.of("/scratch/out/P1/C1"), s.mapPath(Path.of("/data/out/P1/C1")));
        assertEquals(Path.of("/mnt/d/other"), s.mapPath(Path.of("/data/other")));
        assertEquals(Path.of("/database/x"), s.mapPath(Path.of("/database/x")), "/data is no prefix of /database");
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheKey() {
        assertEquals("unknown config key 'cluster.secret' (known: join, bind, port, name, lease_s, path_map, "
                + "secret_file)", assertThrows(IllegalArgumentException.class,
                        () -> ClusterSettings.fromMap(Map.of("secret", "x"), Map.of())).getMessage());
        assertEquals("cluster member 'a:b:c': expected HOST or HOST:PORT", assertThrows(
                IllegalArgumentException.class, () -> ClusterSettings.fromMap(Map.of("join", "a:b:c"), Map.of()))
                .getMessage());
        assertEquals("cluster.port: expected a number, got 'x'", assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.fromMap(Map.of("port", "x"), Map.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSettings.fromMap(
                Map.of("secret_file", "/nonexistent/secret"), Map.of())).getMessage()
                .startsWith("cluster secret file /nonexistent/secret: cannot read"));
    }
}
