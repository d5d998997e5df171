package rt.cluster.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How this runtime joins a cluster: the {@code cluster:} section of a run's configuration, or the flags of
 * {@code rt:worker} / {@code rt:cluster}. Members find each other only through the TCP/IP member list ({@code join});
 * multicast and cloud discovery stay off.
 *
 * <p>The shared secret ({@code secret_file}, or {@code RT_CLUSTER_SECRET}) never travels: the cluster's wire name is
 * {@code name-HMAC(secret, name)}, so a runtime without the secret computes another name and Hazelcast refuses its
 * join. That keeps out runtimes of other runs, users or projects on the same network, by mistake or on purpose without
 * the secret. It does not encrypt traffic nor stop someone who can read the traffic (the derived name can be replayed):
 * open-source Hazelcast has no TLS or authentication, so members must sit on a trusted network ({@code bind} to the
 * cluster's private interface).
 *
 * @param join       member addresses {@code host:port} tried when joining
 * @param bind       the interface this member listens on and advertises
 * @param port       this member's port (no auto-increment: each member names its own)
 * @param leaseSeconds how long a silent member keeps its courses before Hazelcast declares it gone and they are
 *                   re-queued (its heartbeat timeout)
 * @param pathMap    output-folder prefixes as the run's starter sees them → as this member sees them
 */
public record ClusterSettings(List<String> join, String bind, int port, String name, String secret, int leaseSeconds,
        Map<String, String> pathMap) {

    static final int DEFAULT_PORT = 5701;
    static final String SECRET_ENV = "RT_CLUSTER_SECRET";

    /** The name members of one cluster share on the wire (see the class comment). */
    public String wireName() {
        if (secret == null || secret.isEmpty()) {
            return name;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return name + "-" + HexFormat.of().formatHex(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** {@code path} of the run's starter as this member sees it: the longest matching {@code path_map} prefix. */
    public Path mapPath(Path path) {
        String p = path.toString();
        String best = null;
        for (String from : pathMap.keySet()) {
            if ((p.equals(from) || p.startsWith(from.endsWith("/") ? from : from + "/"))
                    && (best == null || from.length() > best.length())) {
                best = from;
            }
        }
        return best == null ? path : Path.of(pathMap.get(best) + p.substring(best.length()));
    }

    /** From a run's {@code cluster:} section. */
    public static ClusterSettings fromMap(Map<String, Object> section, Map<String, String> env) {
        for (String key : section.keySet()) {
            if (!List.of("join", "bind", "port", "name", "lease_s", "path_map", "secret_file").contains(key)) {
                throw new IllegalArgumentException("unknown config key 'cluster." + key + "' (known: join, bind, "
                        + "port, name, lease_s, path_map, secret_file)");
            }
        }
        Object join = section.get("join");
        List<String> members = join instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : join == null ? List.of() : splitList(join.toString());
        Map<String, String> map = new LinkedHashMap<>();
        if (section.get("path_map") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
        } else if (section.get("path_map") != null) {
            throw new IllegalArgumentException("config key 'cluster.path_map': expected a map FROM: TO");
        }
        return build(members, str(section.get("bind"), "127.0.0.1"), intValue(section.get("port"), DEFAULT_PORT,
                "cluster.port"), str(section.get("name"), "rt"), secret(str(section.get("secret_file"), null), env),
                intValue(section.get("lease_s"), 10, "cluster.lease_s"), map);
    }

    /** What flags {@link #fromArgs} knows, for usage lines. */
    static final String FLAGS = "--join HOST:PORT[,HOST:PORT...] [--port N] [--bind ADDRESS] [--name NAME] "
            + "[--secret-file FILE] [--lease-s N] [--map FROM=TO]...";

    /** From command flags; returns the settings and leaves the flags it does not know in {@code rest}. */
    public static ClusterSettings fromArgs(String[] args, Map<String, String> env, List<String> rest) {
        List<String> join = new ArrayList<>();
        String bind = "127.0.0.1";
        int port = DEFAULT_PORT;
        String name = "rt";
        String secretFile = null;
        int lease = 10;
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
            case "--join" -> join.addAll(splitList(value(args, ++i, a)));
            case "--port" -> port = intValue(value(args, ++i, a), 0, a);
            case "--bind" -> bind = value(args, ++i, a);
            case "--name" -> name = value(args, ++i, a);
            case "--secret-file" -> secretFile = value(args, ++i, a);
            case "--lease-s" -> lease = intValue(value(args, ++i, a), 0, a);
            case "--map" -> {
                String kv = value(args, ++i, a);
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--map expects FROM=TO, got '" + kv + "'");
                }
                map.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            default -> rest.add(a);
            }
        }
        return build(join, bind, port, name, secret(secretFile, env), lease, map);
    }

    private static ClusterSettings build(List<String> join, String bind, int port, String name, String secret,
            int lease, Map<String, String> map) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("cluster port must be 1..65535, got " + port);
        }
        if (lease < 2) {
            throw new IllegalArgumentException("cluster lease must be at least 2 s, got " + lease);
        }
        for (String member : join) {
            if (!member.matches("[^:\\s]+(:\\d{1,5})?")) {
                throw new IllegalArgumentException("cluster member '" + member + "': expected HOST or HOST:PORT");
            }
        }
        return new ClusterSettings(List.copyOf(join), bind, port, name, secret, lease, Map.copyOf(map));
    }

    private static String secret(String file, Map<String, String> env) {
        if (file != null) {
            try {
                return Files.readString(Path.of(file)).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException("cluster secret file " + file + ": cannot read: " + e.getMessage());
            }
        }
        return env.get(SECRET_ENV);
    }

    private static List<String> splitList(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value; flags: " + FLAGS);
        }
        return args[i];
    }

    private static String str(Object v, String fallback) {
        return v == null ? fallback : v.toString();
    }

    private static int intValue(Object v, int fallback, String what) {
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": expected a number, got '" + v + "'");
        }
    }
}
