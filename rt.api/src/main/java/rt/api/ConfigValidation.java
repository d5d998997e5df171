package rt.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional for a {@link Stage} service: checks the stage's configuration before a run starts, so that a mistake in
 * one of its keys stops the run at once with exit 2, naming the key, instead of failing every course at the end.
 */
@ConsumerType
public interface ConfigValidation {

    /**
     * The problems of this configuration, one line each, naming the key ({@code dvh.metrics: 'D9x' is not a metric
     * (…)}); empty when it is valid. Must not read course data: only the configuration and the files it names.
     */
    List<String> validate(StageConfig config);
}
