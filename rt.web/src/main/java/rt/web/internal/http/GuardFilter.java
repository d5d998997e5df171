package rt.web.internal.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import rt.web.internal.WebSettings;
import rt.web.internal.guard.RequestGuard;

/** Applies {@link RequestGuard} to every request, and headers that keep pages from loading anything from elsewhere. */
@RequireHttpWhiteboard
@Component(service = Filter.class, property = {"osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=rt-guard", "osgi.http.whiteboard.filter.asyncSupported=true"})
public final class GuardFilter implements Filter {

    private final RequestGuard guard;

    @Activate
    public GuardFilter(@Reference WebSettings settings) {
        this.guard = settings.guard();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String raw = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        RequestGuard.Denial denial = guard.check(req.getMethod(), raw, req.getHeader("Host"), req.getHeader("Origin"),
                req.getHeader(RequestGuard.CSRF_HEADER), req.getHeader("Authorization"),
                req.getHeader(RequestGuard.TOKEN_HEADER));
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "SAMEORIGIN");
        // reports from OUT carry inline styles, scripts and data: images; nothing may come from another host
        resp.setHeader("Content-Security-Policy", "default-src 'self' 'unsafe-inline' data: blob:; "
                + "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'");
        if (denial != null) {
            Http.error(resp, denial.status(), denial.reason());
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            // a clear one-line answer rather than the container's bare 500 page
            Http.error(resp, 500, req.getMethod() + " " + req.getRequestURI() + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }
}
