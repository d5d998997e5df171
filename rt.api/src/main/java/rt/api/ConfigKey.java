package rt.api;

/**
 * A configuration key a stage understands, relative to the stage's section of {@code rt.yaml} (e.g. {@code metrics}
 * under {@code dvh:}). The runtime rejects keys nobody declared and values of the wrong type, naming the key.
 */
public record ConfigKey(String name, Type type, Object defaultValue, String description) {

    public enum Type {
        STRING,
        INT,
        DOUBLE,
        BOOLEAN,
        /** A list of strings or numbers, or of nested entries the stage validates itself. */
        LIST,
        /** A free-form nested map (validated by the stage itself). */
        MAP,
        PATH
    }
}
