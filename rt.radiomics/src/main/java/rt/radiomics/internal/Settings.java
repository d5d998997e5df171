package rt.radiomics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of a pyradiomics settings map (missing or null → the default). */
public final class Settings {

    private final Map<String, Object> map;

    public Settings(Map<String, Object> map) {
        this.map = map;
    }

    public Map<String, Object> map() {
        return map;
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Object raw(String key) {
        return map.get(key);
    }

    public double getDouble(String key, double def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, got '" + v + "'");
        }
    }

    public int getInt(String key, int def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(v.toString().trim());
    }

    public String getString(String key, String def) {
        Object v = map.get(key);
        return v == null ? def : v.toString();
    }

    /** A list of numbers (a single number is a list of one); null when absent. */
    public double[] getDoubles(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        List<Object> items = new ArrayList<>();
        if (v instanceof List<?> l) {
            items.addAll(l);
        } else {
            items.add(v);
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = items.get(i);
            try {
                out[i] = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting '" + key + "' must hold numbers, got '" + o + "'");
            }
        }
        return out;
    }

    public int[] getInts(String key, int[] def) {
        double[] d = getDoubles(key);
        if (d == null) {
            return def;
        }
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }
}
