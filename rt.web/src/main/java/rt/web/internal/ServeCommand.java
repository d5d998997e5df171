package rt.web.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.api.CommandExit;
import rt.web.internal.guard.RequestGuard;

/**
 * {@code rt:serve [--port 8080] [--bind 127.0.0.1] [--token T]}: switches the HTTP server on (it is off in every other
 * command, so that concurrent commands never compete for a port) through ConfigurationAdmin: PID
 * {@code org.apache.felix.http} for the Jetty connector, {@code rt.web} for the bind address and token. Headless
 * ({@code ./rt serve}) it then serves until the process is stopped (Ctrl-C); in the shell it returns at once.
 */
@Component(service = ServeCommand.class, property = {"osgi.command.scope=rt", "osgi.command.function=serve"})
public final class ServeCommand {

    static final String USAGE = "rt:serve [--port 8080] [--bind 127.0.0.1] [--token TOKEN]";

    private final ConfigurationAdmin configs;
    private final BundleContext context;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    @Activate
    public ServeCommand(@Reference ConfigurationAdmin configs, BundleContext context) {
        this.configs = configs;
        this.context = context;
    }

    @Descriptor("serve the web UI and JSON API: " + USAGE)
    public void serve(CommandSession session, @Descriptor("flags") String... args) throws Exception {
        PrintStream out = session.getConsole();
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        int port = 8080;
        String bind = "127.0.0.1";
        String token = System.getenv().getOrDefault("RT_WEB_TOKEN", "");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
            case "--port" -> port = parsePort(v);
            case "--bind" -> bind = required(v, a);
            case "--token" -> token = required(v, a);
            default -> throw new IllegalArgumentException("unknown option '" + a + "'; usage: " + USAGE);
            }
            i++;
        }
        boolean generated = false;
        if (!RequestGuard.isLoopback(bind) && token.isBlank()) {
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            generated = true;
        }
        Dictionary<String, Object> web = new Hashtable<>();
        web.put("bind", bind);
        web.put("token", token);
        update("rt.web", web);
        Dictionary<String, Object> http = new Hashtable<>();
        http.put("org.osgi.service.http.port", port);
        http.put("org.apache.felix.http.host", bind);
        http.put("org.apache.felix.http.enable", true);
        http.put("org.apache.felix.https.enable", false);
        update("org.apache.felix.http", http);
        if (!await(bind, port, 30_000)) {
            out.println("rt serve: the server did not start listening on " + bind + ":" + port
                    + " within 30 s (port in use?)");
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.SOME_FAILED);
            return;
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("rt serve: web UI at http://" + host + ":" + port + "/ (Ctrl-C to stop)");
        if (!RequestGuard.isLoopback(bind)) {
            out.println("rt serve: bound beyond loopback; uploads, runs and cancels need the API token"
                    + (generated ? ": " + token : " (RT_WEB_TOKEN or --token)"));
        }
        if ("true".equals(context.getProperty("rt.headless"))) {
            // ./rt serve: the process is the server until Ctrl-C (SIGINT) or SIGTERM stops the framework, which
            // deactivates this component and lets the command return
            stopped.await();
        }
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        stopped.countDown();
    }

    private void update(String pid, Dictionary<String, Object> props) throws IOException {
        Configuration c = configs.getConfiguration(pid, "?");
        c.update(props);
    }

    private static boolean await(String host, int port, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        String target = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
        while (System.currentTimeMillis() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(target, port), 500);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    private static int parsePort(String v) {
        try {
            int p = Integer.parseInt(required(v, "--port"));
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number 1-65535, got '" + v + "'");
        }
    }

    private static String required(String v, String flag) {
        if (v == null || v.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value; usage: " + USAGE);
        }
        return v;
    }
}
