package rt.api;

import org.osgi.annotation.versioning.ProviderType;

/** Progress inside one stage run; the runtime turns it into {@link ProgressEvent}s with elapsed time and ETA. */
@ProviderType
public interface Progress {

    /** Declares how many units of work this run has. */
    void begin(long totalUnits, String unitName);

    /** Marks units done. */
    void advance(long units);

    void message(String text);
}
