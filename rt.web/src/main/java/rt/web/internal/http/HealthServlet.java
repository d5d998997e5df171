package rt.web.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code GET /health}: the server is up (for load balancers and scripts). */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/health",
        "osgi.http.whiteboard.servlet.name=rt-health"})
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Http.json(resp, 200, Map.of("status", "ok"));
    }
}
