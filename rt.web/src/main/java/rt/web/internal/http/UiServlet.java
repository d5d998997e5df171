package rt.web.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The single-page UI: {@code /} is {@code index.html}; {@code /ui/<name>} serves the few files shipped in the bundle's
 * {@code web/} folder (a fixed list, so no request path ever reaches a resource lookup). Everything else is 404.
 */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=rt-ui"})
public final class UiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of("index.html", "text/html;charset=utf-8", "app.js",
            "text/javascript;charset=utf-8", "app.css", "text/css;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.equals("/favicon.ico")) {
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT); // pages served from OUT (reports) ask for one
            return;
        }
        String name = path.equals("/") || path.isEmpty() ? "index.html"
                : path.startsWith("/ui/") ? path.substring(4) : null;
        String type = name == null ? null : FILES.get(name);
        if (type == null) {
            Http.error(resp, 404, "not found");
            return;
        }
        try (InputStream in = UiServlet.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                Http.error(resp, 404, "not found");
                return;
            }
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }
}
