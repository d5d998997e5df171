package rt.runtime.internal.config;

/** A configuration problem; the message names the key (exit code 2, like any usage error). */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
