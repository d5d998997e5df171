package rt.runtime.internal.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Libraries (POI through log4j-to-jul, ONNX Runtime's Java layer) log through java.util.logging, whose console handler
 * prints two lines per record plus a full stack trace. When a disk fills up, POI's clean-up alone printed 60 lines
 * of stack trace around the one line that matters. While the runtime is active, records reach the console as one line
 * each, with the exception's message only ({@link OneLineFormatter}); the earlier formatters come back on deactivation.
 */
@Component(immediate = true, service = {})
public final class LibraryLogging {

    private final List<Handler> handlers = new ArrayList<>();
    private final List<Formatter> previous = new ArrayList<>();
    // A strong reference: LogManager keeps loggers only weakly, and a configured root must not be collected.
    private final Logger root = LogManager.getLogManager().getLogger("");

    @Activate
    void activate() {
        if (root == null) {
            return;
        }
        for (Handler h : root.getHandlers()) {
            handlers.add(h);
            previous.add(h.getFormatter());
            h.setFormatter(new OneLineFormatter());
        }
    }

    @Deactivate
    void deactivate() {
        for (int i = 0; i < handlers.size(); i++) {
            handlers.get(i).setFormatter(previous.get(i));
        }
        handlers.clear();
        previous.clear();
    }
}
