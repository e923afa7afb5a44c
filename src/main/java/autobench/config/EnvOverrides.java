package autobench.config;

import autobench.WireName;
import autobench.provider.ProviderKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies AUTOBENCH_* environment variables over the config tree. Names follow the keys:
 * {@code AUTOBENCH_ZONE}, {@code AUTOBENCH_DISPATCH_MAX_ATTEMPTS},
 * {@code AUTOBENCH_DISPATCH_PROVIDER_CONCURRENCY_OPENAI}, {@code AUTOBENCH_MODELS_GPT_4O_MODEL},
 * {@code AUTOBENCH_MODELS_GPT_4O_PRICE_INPUT}. A variable that matches no key is an error, so a
 * typo never silently does nothing.
 */
final class EnvOverrides {
    private static final String PREFIX = "AUTOBENCH_";
    private final Map<String, String> env;
    private final Set<String> reserved;

    EnvOverrides(Map<String, String> env, Set<String> reserved) {
        this.env = new TreeMap<>(env);
        this.reserved = reserved;
    }

    void apply(ObjectNode root, List<String> problems) {
        for (var e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || reserved.contains(name)) continue;
            if (!applyOne(root, name.substring(PREFIX.length()), e.getValue())) {
                problems.add("environment variable " + name + " matches no config key" + " (top-level keys: "
                        + String.join(", ", new TreeMap<>(toMap(ConfigLoader.TOP_KEYS)).keySet()) + ")");
            }
        }
    }

    private static Map<String, String> toMap(Set<String> s) {
        Map<String, String> m = new TreeMap<>();
        s.forEach(k -> m.put(k, k));
        return m;
    }

    private boolean applyOne(ObjectNode root, String rest, String value) {
        for (String k : ConfigLoader.TOP_KEYS) {
            if (k.equals("dispatch")
                    || k.equals("models")
                    || k.equals("render")
                    || k.equals("schedule")
                    || k.equals("voting")) continue;
            if (ConfigLoader.envName(k).equals(rest)) {
                root.put(k, value);
                return true;
            }
        }
        if (rest.startsWith("DISPATCH_")) return applyDispatch(root, rest.substring("DISPATCH_".length()), value);
        if (rest.startsWith("MODELS_")) return applyModel(root, rest.substring("MODELS_".length()), value);
        if (rest.startsWith("RENDER_"))
            return applySection(root, "render", ConfigLoader.RENDER_KEYS, rest.substring("RENDER_".length()), value);
        if (rest.startsWith("SCHEDULE_"))
            return applySection(
                    root, "schedule", ConfigLoader.SCHEDULE_KEYS, rest.substring("SCHEDULE_".length()), value);
        if (rest.startsWith("VOTING_"))
            return applySection(root, "voting", ConfigLoader.VOTING_KEYS, rest.substring("VOTING_".length()), value);
        return false;
    }

    private static boolean applySection(ObjectNode root, String section, Set<String> keys, String key, String value) {
        for (String k : keys) {
            if (ConfigLoader.envName(k).equals(key)) {
                ObjectNode r = root.has(section) && root.get(section).isObject()
                        ? (ObjectNode) root.get(section)
                        : root.putObject(section);
                r.put(k, value);
                return true;
            }
        }
        return false;
    }

    private boolean applyDispatch(ObjectNode root, String rest, String value) {
        ObjectNode d = root.has("dispatch") && root.get("dispatch").isObject()
                ? (ObjectNode) root.get("dispatch")
                : root.putObject("dispatch");
        String pc = "PROVIDER_CONCURRENCY_";
        if (rest.startsWith(pc)) {
            String p = rest.substring(pc.length());
            for (String name : WireName.names(ProviderKind.class)) {
                if (ConfigLoader.envName(name).equals(p)) {
                    ObjectNode m = d.has("provider_concurrency")
                                    && d.get("provider_concurrency").isObject()
                            ? (ObjectNode) d.get("provider_concurrency")
                            : d.putObject("provider_concurrency");
                    m.put(name, value);
                    return true;
                }
            }
            return false;
        }
        for (String k : ConfigLoader.DISPATCH_KEYS) {
            if (!k.equals("provider_concurrency") && ConfigLoader.envName(k).equals(rest)) {
                d.put(k, value);
                return true;
            }
        }
        return false;
    }

    private boolean applyModel(ObjectNode root, String rest, String value) {
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) return false;
        ObjectNode best = null;
        String bestKey = null;
        int bestLen = -1;
        for (JsonNode m : models) {
            if (!m.isObject() || !m.hasNonNull("id")) continue;
            String idName = ConfigLoader.envName(m.get("id").asText()) + "_";
            if (rest.startsWith(idName) && idName.length() > bestLen) {
                best = (ObjectNode) m;
                bestKey = rest.substring(idName.length());
                bestLen = idName.length();
            }
        }
        if (best == null) return false;
        if (bestKey.equals("PRICE_INPUT") || bestKey.equals("PRICE_OUTPUT")) {
            ObjectNode price = best.has("price") && best.get("price").isObject()
                    ? (ObjectNode) best.get("price")
                    : best.putObject("price");
            price.put(bestKey.equals("PRICE_INPUT") ? "input" : "output", value);
            return true;
        }
        for (String k : ConfigLoader.MODEL_KEYS) {
            if (k.equals("id") || k.equals("options") || k.equals("price")) continue;
            if (ConfigLoader.envName(k).equals(bestKey)) {
                best.put(k, value);
                return true;
            }
        }
        return false;
    }
}
