package rt.web.internal.guard;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every request passes before a servlet sees it. Plain logic on strings, so it is tested without a server.
 * <ul>
 * <li>Bound to a loopback address, only loopback host names are served: a web page elsewhere cannot reach the server
 * by pointing its own name at 127.0.0.1 (DNS rebinding).</li>
 * <li>A request URI with encoded dots, slashes, backslashes or NUL, or a {@code ..} segment, is refused before any
 * decoding: no later step may turn it into a way out of a folder.</li>
 * <li>Writes (anything but GET, HEAD, OPTIONS) need the header {@value #CSRF_HEADER}: a cross-site form or image cannot
 * send a custom header, and the server answers no CORS preflight, so no other site can make a browser write. An
 * {@code Origin} header, when sent, must be this server's.</li>
 * <li>When a token is configured (always when bound beyond loopback), writes also need it, as
 * {@code Authorization: Bearer <token>} or {@value #TOKEN_HEADER}.</li>
 * </ul>
 */
public final class RequestGuard {

    public static final String CSRF_HEADER = "X-RT-Request";
    public static final String TOKEN_HEADER = "X-RT-Token";

    /** A refusal: the HTTP status and a one-line reason. */
    public record Denial(int status, String reason) {
    }

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;
    private final String token;

    /** {@code token} empty or null: no token needed (only allowed on loopback; the caller enforces that). */
    public RequestGuard(boolean loopbackOnly, String token) {
        this.loopbackOnly = loopbackOnly;
        this.token = token == null ? "" : token;
    }

    public static boolean isLoopback(String bind) {
        String b = bind == null ? "" : bind.trim().toLowerCase(Locale.ROOT);
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }

    /** {@code null} when the request may go on. Header arguments are null when absent. */
    public Denial check(String method, String rawUri, String host, String origin, String csrf, String authorization,
            String tokenHeader) {
        String uriProblem = uriProblem(rawUri);
        if (uriProblem != null) {
            return new Denial(400, uriProblem);
        }
        if (loopbackOnly && !LOOPBACK_NAMES.contains(hostName(host))) {
            return new Denial(403, "host '" + SafePaths.printable(host) + "' is not served (bound to loopback)");
        }
        if (READ_METHODS.contains(method)) {
            return null;
        }
        if (csrf == null) {
            return new Denial(403, "write requests need the header " + CSRF_HEADER + " (cross-site request refused)");
        }
        if (origin != null && !origin.equals("null") && !sameHost(origin, host)) {
            return new Denial(403, "origin " + SafePaths.printable(origin) + " is not this server");
        }
        if (origin != null && origin.equals("null")) {
            return new Denial(403, "opaque origin refused");
        }
        if (!token.isEmpty()) {
            String given = tokenHeader;
            if (given == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = authorization.substring(7).trim();
            }
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                return new Denial(401, "this server needs its API token for writes (" + TOKEN_HEADER
                        + " or Authorization: Bearer)");
            }
        }
        return null;
    }

    /** Why a raw (undecoded) request URI is refused, or null. */
    public static String uriProblem(String rawUri) {
        if (rawUri == null) {
            return "no request URI";
        }
        String lower = rawUri.toLowerCase(Locale.ROOT);
        int q = lower.indexOf('?');
        String path = q < 0 ? lower : lower.substring(0, q);
        for (String bad : new String[] {"%2e", "%2f", "%5c", "%00", "%25", "\\", "%c0", "%c1", "%e2%88%95",
                "%ef%bc%8e", "%ef%bc%8f"}) {
            if (path.contains(bad)) {
                return "encoded or disguised path characters in the URL refused";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return "'.' or '..' in the URL path refused";
            }
        }
        if (lower.contains("%00")) {
            return "NUL in the URL refused";
        }
        return null;
    }

    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
