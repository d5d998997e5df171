package rt.web.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.web.internal.WebSettings;
import rt.web.internal.upload.ArchiveExtractor;
import rt.web.internal.upload.UploadStore;

/**
 * Uploads: {@code POST /api/uploads} makes one; {@code PUT /api/uploads/<id>?path=<relative name>} streams one file
 * (raw body, any size) into it, unpacking .zip/.tar/.tar.gz; {@code GET /api/uploads/<id>/summary} is the validation
 * summary; {@code DELETE /api/uploads/<id>} removes it. A browser sends a folder as one PUT per file with its relative
 * path, so nothing is ever buffered in memory on either side.
 */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/api/uploads/*",
        "osgi.http.whiteboard.servlet.name=rt-uploads"})
public final class UploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient UploadStore store;

    @Activate
    public UploadServlet(@Reference WebSettings settings) {
        this.store = settings.uploads();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> seg = Http.segments(req);
        if (seg.isEmpty()) {
            Http.json(resp, 201, Map.of("id", store.create()));
        } else {
            doPut(req, resp);
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> seg = Http.segments(req);
        if (seg.size() != 1) {
            Http.error(resp, 404, "PUT /api/uploads/<id>?path=<name>");
            return;
        }
        String path = Http.queryParam(req, "path");
        try {
            UploadStore.Stored s = store.store(seg.get(0), path == null ? "" : path, req.getInputStream(),
                    req.getContentLengthLong());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.path());
            m.put("bytes", s.bytes());
            m.put("archive", s.archive());
            m.put("extracted", s.extracted());
            m.put("refused", s.refused());
            Http.json(resp, 201, m);
        } catch (UploadStore.TooLarge e) {
            Http.error(resp, 413, e.getMessage());
        } catch (ArchiveExtractor.RefusedArchive e) {
            Http.error(resp, 422, "archive " + path + " refused: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            Http.error(resp, 400, e.getMessage());
        } catch (IOException e) {
            Http.error(resp, 500, "upload of " + path + " failed: " + e.getMessage());
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> seg = Http.segments(req);
        try {
            if (seg.isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (String id : store.ids()) {
                    list.add(Map.of("id", id));
                }
                Http.json(resp, 200, list);
            } else if (seg.size() == 2 && seg.get(1).equals("summary")) {
                Http.json(resp, 200, store.summary(seg.get(0)));
            } else {
                Http.error(resp, 404, "unknown upload path");
            }
        } catch (IllegalArgumentException e) {
            Http.error(resp, 404, e.getMessage());
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> seg = Http.segments(req);
        try {
            if (seg.size() != 1) {
                Http.error(resp, 404, "DELETE /api/uploads/<id>");
                return;
            }
            store.delete(seg.get(0));
            Http.json(resp, 200, Map.of("deleted", seg.get(0)));
        } catch (IllegalArgumentException e) {
            Http.error(resp, 404, e.getMessage());
        }
    }
}
