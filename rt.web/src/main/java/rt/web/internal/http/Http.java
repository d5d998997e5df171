package rt.web.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** JSON answers and path splitting shared by the servlets. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        if (!resp.isCommitted()) {
            resp.reset();
            json(resp, status, Map.of("error", message == null ? "error" : message));
        }
    }

    /**
     * A query parameter, decoded from the query string only. {@code getParameter} would also parse a form body, and
     * an upload's body must stay untouched whatever Content-Type a client sends with it.
     */
    static String queryParam(HttpServletRequest req, String name) {
        String q = req.getQueryString();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The path below the servlet's pattern, split on '/', without empty parts. */
    static List<String> segments(HttpServletRequest req) {
        String info = req.getPathInfo();
        if (info == null || info.isEmpty() || info.equals("/")) {
            return List.of();
        }
        return List.of(info.substring(1).split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }
}
