package rt.web.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import rt.web.internal.guard.RequestGuard;
import rt.web.internal.upload.ArchiveExtractor;
import rt.web.internal.upload.UploadStore;

/** The web UI's configuration, resolved once per configuration: folders, guard, upload store, allowed roots. */
@Component(service = WebSettings.class, configurationPid = "rt.web")
@Designate(ocd = WebConfig.class)
public final class WebSettings {

    private final Path home;
    private final RequestGuard guard;
    private final UploadStore uploads;
    private final List<Path> allowedRoots = new ArrayList<>();
    private final String bind;

    @Activate
    public WebSettings(WebConfig config, BundleContext context) {
        this.home = config.home().isBlank() ? rtHome(context).resolve("web") : Path.of(config.home());
        this.bind = config.bind();
        String token = config.token().isBlank() ? System.getenv().getOrDefault("RT_WEB_TOKEN", "") : config.token();
        this.guard = new RequestGuard(RequestGuard.isLoopback(bind), token.trim());
        long entries = config.maxArchiveEntries();
        ArchiveExtractor.Limits d = ArchiveExtractor.Limits.defaults();
        this.uploads = new UploadStore(home.resolve("uploads"), config.maxUploadBytes(),
                new ArchiveExtractor.Limits(entries, Math.min(d.maxTotalBytes(), config.maxUploadBytes()),
                        d.maxEntryBytes(), config.maxArchiveRatio(), d.ratioFloorBytes()));
        for (String r : config.allowedRoots()) {
            if (!r.isBlank()) {
                allowedRoots.add(Path.of(r.trim()).toAbsolutePath().normalize());
            }
        }
    }

    /** RT_HOME as ./rt sets it (rt.home), or the parent of the watched deploy/ folder, or ./run. */
    private static Path rtHome(BundleContext context) {
        String p = context.getProperty("rt.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("RT_HOME");
        }
        if (p == null || p.isBlank()) {
            String deploy = context.getProperty("felix.fileinstall.dir");
            if (deploy != null && !deploy.isBlank()) {
                Path parent = Path.of(deploy).toAbsolutePath().getParent();
                if (parent != null) {
                    return parent;
                }
            }
            return Path.of("run").toAbsolutePath();
        }
        return Path.of(p).toAbsolutePath();
    }

    public Path home() {
        return home;
    }

    public String bind() {
        return bind;
    }

    public RequestGuard guard() {
        return guard;
    }

    public UploadStore uploads() {
        return uploads;
    }

    /** Where the outputs of runs started from the web go: {@code <home>/out/<run id>}. */
    public Path outputs() {
        return home.resolve("out");
    }

    /** The server-side folder, if it lies under an allowed root (links resolved); else an explanation. */
    public Path allowedFolder(String folder) {
        if (allowedRoots.isEmpty()) {
            throw new IllegalArgumentException("runs on server folders are off (no allowedRoots configured for rt.web)");
        }
        Path p = Path.of(folder);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("server folder must be an absolute path");
        }
        try {
            Path real = p.toRealPath();
            for (Path root : allowedRoots) {
                if (Files.exists(root) && real.startsWith(root.toRealPath()) && Files.isDirectory(real)) {
                    return real;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("server folder " + folder + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("server folder " + folder + " is not under an allowed root");
    }

    public List<Path> allowedRoots() {
        return List.copyOf(allowedRoots);
    }
}
