package rt.web.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import rt.api.ResourceBroker;
import rt.api.Stage;
import rt.web.internal.WebSettings;
import rt.web.internal.run.RunQueue;
import rt.web.internal.run.WebRun;

/** {@code GET /api/status}: installed stages, the broker's budget and use, the run queue, the upload area. */
@Component(service = {Servlet.class, StatusServlet.class}, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/status", "osgi.http.whiteboard.servlet.name=rt-status"})
public final class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ResourceBroker broker;
    private final transient RunQueue queue;
    private final transient WebSettings settings;
    private final transient List<Stage> stages = new CopyOnWriteArrayList<>();

    @Activate
    public StatusServlet(@Reference ResourceBroker broker, @Reference RunQueue queue, @Reference WebSettings settings) {
        this.broker = broker;
        this.queue = queue;
        this.settings = settings;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStage(Stage stage) {
        stages.add(stage);
    }

    void removeStage(Stage stage) {
        stages.remove(stage);
    }

    /** Stage ids in registration order (the run form offers them). */
    public List<String> stageIds() {
        return stages.stream().map(Stage::id).sorted().toList();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> st = new ArrayList<>();
        for (Stage s : stages.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", s.id());
            e.put("version", s.version());
            e.put("scope", s.scope().name().toLowerCase());
            e.put("runsAfter", s.runsAfter());
            st.add(e);
        }
        m.put("stages", st);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("cpuBudget", broker.cpuBudget());
        b.put("cpuInUse", broker.cpuInUse());
        b.put("gpuSlots", broker.gpuSlots());
        b.put("gpuInUse", broker.gpuInUse());
        b.put("memoryBudgetMb", broker.memoryBudgetMb());
        b.put("memoryInUseMb", broker.memoryInUseMb());
        m.put("broker", b);
        long queued = queue.runs().stream().filter(r -> r.state() == WebRun.State.QUEUED).count();
        long running = queue.runs().stream().filter(r -> r.state() == WebRun.State.RUNNING).count();
        m.put("runs", Map.of("queued", queued, "running", running, "total", queue.runs().size()));
        Map<String, Object> web = new LinkedHashMap<>();
        web.put("bind", settings.bind());
        web.put("tokenRequired", settings.guard().tokenRequired());
        web.put("serverFolders", !settings.allowedRoots().isEmpty());
        Files.createDirectories(settings.home());
        web.put("freeBytes", Files.getFileStore(settings.home()).getUsableSpace());
        m.put("web", web);
        m.put("java", System.getProperty("java.version"));
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        Http.json(resp, 200, m);
    }
}
