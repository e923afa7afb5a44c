package autobench.provider;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of {@link ModelConfig#options()}. The config loader hands options over as parsed
 * YAML (strings, numbers, booleans, maps), so every read here tolerates a number written as a
 * string and says which key is wrong when a value cannot be used.
 */
public final class Options {
    private Options() {}

    public static String string(ModelConfig m, String key, String fallback) {
        Object v = m.options().get(key);
        return v == null ? fallback : v.toString();
    }

    /** {@code null} when absent: lets an adapter tell "not set" from "set to false". */
    public static Boolean bool(ModelConfig m, String key) {
        Object v = m.options().get(key);
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(m, key, "true or false", v);
        };
    }

    /** {@code null} when absent. */
    public static Integer integer(ModelConfig m, String key) {
        Object v = m.options().get(key);
        if (v == null) return null;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(m, key, "a whole number", v);
        }
    }

    /** A map of strings (e.g. extra headers); empty when absent. */
    public static Map<String, String> stringMap(ModelConfig m, String key) {
        Object v = m.options().get(key);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> raw))
            throw bad(m, key, "a map of names to values", v.getClass().getSimpleName());
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        return out;
    }

    private static IllegalArgumentException bad(ModelConfig m, String key, String expected, Object got) {
        return new IllegalArgumentException(
                "model '" + m.id() + "': options." + key + " must be " + expected + ", got '" + got + "'");
    }
}
