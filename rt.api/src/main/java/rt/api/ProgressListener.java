package rt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service: receives every {@link ProgressEvent} of every run. Must return quickly. */
@ConsumerType
public interface ProgressListener {

    void onEvent(ProgressEvent event);
}
