package rt.runtime.internal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.api.ConfigKey;

/** Turns YAML values and strings (environment, command line) into the type a key declares, or says why not. */
final class ValueCoercion {

    private ValueCoercion() {
    }

    /** @param base folder that relative paths are resolved against */
    static Object coerce(ConfigKey key, String name, Object value, String source, Path base) {
        if (value == null) {
            return null;
        }
        try {
            return switch (key.type()) {
            case STRING -> scalar(value).toString();
            case INT -> toInt(value);
            case DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(scalar(value).toString().trim());
            case BOOLEAN -> toBoolean(value);
            case LIST -> toList(value);
            case MAP -> toMap(value);
            case PATH -> base.resolve(scalar(value).toString()).toAbsolutePath().normalize().toString();
            };
        } catch (RuntimeException e) {
            throw new ConfigException("config key '" + name + "' (" + source + "): expected " + describe(key.type())
                    + ", got '" + value + "'");
        }
    }

    private static Object scalar(Object value) {
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("not a scalar");
        }
        return value;
    }

    private static int toInt(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l) {
            return Math.toIntExact(l);
        }
        return Integer.parseInt(scalar(value).toString().trim());
    }

    private static boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (scalar(value).toString().trim().toLowerCase()) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static List<Object> toList(Object value) {
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            // Entries may be structured (e.g. custom structure definitions); the stage that declared the key
            // validates their shape itself.
            out.addAll(l);
            return out;
        }
        String s = scalar(value).toString().trim();
        return s.isEmpty() ? List.of() : new ArrayList<>(Arrays.stream(s.split(",")).map(String::trim).toList());
    }

    private static Map<String, Object> toMap(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a map");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String describe(ConfigKey.Type type) {
        return switch (type) {
        case STRING -> "a string";
        case INT -> "an integer";
        case DOUBLE -> "a number";
        case BOOLEAN -> "true or false";
        case LIST -> "a list";
        case MAP -> "a map";
        case PATH -> "a path";
        };
    }
}
