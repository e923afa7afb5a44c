package autobench.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads autobench.yaml, applies AUTOBENCH_* environment overrides, validates everything and
 * reports every problem at once, each naming its key. This file is long because it is the one
 * place where every config key is known; keeping them together keeps the messages consistent.
 */
public final class ConfigLoader {
    static final Set<String> TOP_KEYS = Set.of(
            "database",
            "database_user",
            "database_password_env",
            "database_pool_size",
            "zone",
            "tasks_per_day",
            "task_generator",
            "auto_approve",
            "daily_budget_usd",
            "dispatch",
            "render",
            "schedule",
            "shutdown_grace_seconds",
            "cron_secret_env",
            "web",
            "voting",
            "models");
    static final Set<String> SCHEDULE_KEYS =
            Set.of("generate_at", "dispatch_at", "render_at", "catch_up_days", "stage_lease_seconds");
    static final Set<String> DISPATCH_KEYS = Set.of(
            "max_attempts",
            "lease_margin_seconds",
            "max_concurrency",
            "provider_concurrency",
            "retry_base_ms",
            "retry_max_ms");
    static final Set<String> RENDER_KEYS =
            Set.of("enabled", "chromium", "width", "height", "time_limit_seconds", "lanes");
    static final Set<String> WEB_KEYS = Set.of(
            "port",
            "sandbox_port",
            "public_origin",
            "sandbox_origin",
            "trust_forwarded_for",
            "cache_check_ms",
            "cache",
            "secret_env",
            "admin_token_env",
            "export_dir");
    static final Set<String> VOTING_KEYS = Set.of(
            "visitor_cap_per_day",
            "network_cap_per_day",
            "min_view_seconds",
            "ipv4_prefix",
            "ipv6_prefix",
            "reveal_after_days");
    static final Set<String> MODEL_KEYS = Set.of(
            "id",
            "provider",
            "model",
            "base_url",
            "api_key_env",
            "max_output_tokens",
            "temperature",
            "price",
            "enabled",
            "timeout_seconds",
            "options",
            "context_window",
            "open_weights",
            "served_from");
    /** Environment variables of the launcher, not config keys. */
    static final Set<String> RESERVED_ENV = Set.of("AUTOBENCH_CONFIG", "AUTOBENCH_JAVA_HOME", "AUTOBENCH_JAVA_OPTS");

    public static final String DEFAULT_DATABASE = "jdbc:sqlite:data/autobench.db";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Function<String, String> env;
    private final Map<String, String> envAll;

    /** @param envAll the process environment (System.getenv() in production) */
    public ConfigLoader(Map<String, String> envAll) {
        this.envAll = Map.copyOf(envAll);
        this.env = this.envAll::get;
    }

    /**
     * Loads a config file; {@code file == null} means the built-in demo configuration.
     *
     * @param requireKeys whether a missing key variable of an enabled model is an error
     *                    (commands that never call a model, like {@code verify}, pass false)
     */
    public Config load(Path file, boolean requireKeys) {
        ObjectNode root;
        String where;
        if (file == null) {
            root = builtInDemo();
            where = "built-in demo configuration";
        } else {
            where = file.toString();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(where, List.of("config file not found: " + file.toAbsolutePath()));
            }
            JsonParser parser = null;
            try {
                parser = YAML.createParser(utf8(Files.readAllBytes(file), where));
                JsonNode n = YAML.readTree(parser);
                if (n == null || n.isMissingNode() || n.isNull()) n = JsonNodeFactory.instance.objectNode();
                if (!n.isObject())
                    throw new ConfigException(where, List.of("the file must be a YAML mapping of keys to values"));
                root = (ObjectNode) n;
            } catch (JsonProcessingException e) {
                // a limit (nesting depth, text length) is reported without a location: the parser still knows where it
                // is
                var at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
                String loc = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr();
                throw new ConfigException(where, List.of("not valid YAML" + loc + ": " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw new ConfigException(where, List.of("cannot read config file: " + e.getMessage()));
            }
        }
        List<String> problems = new ArrayList<>();
        new EnvOverrides(envAll, RESERVED_ENV).apply(root, problems);
        Config c = new Validator(problems, env).validate(root, file, requireKeys);
        if (!problems.isEmpty()) throw new ConfigException(where, problems);
        return c;
    }

    /** The file's text; bytes that are not UTF-8 are refused with the line they are on. */
    static String utf8(byte[] bytes, String where) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
            throw new ConfigException(
                    where, List.of("not valid UTF-8 at line " + line + ": save the file as UTF-8 text"));
        }
        return out.flip().toString();
    }

    /** The configuration used when there is no config file: SQLite and the four demo models. */
    static ObjectNode builtInDemo() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("database", DEFAULT_DATABASE);
        var models = root.putArray("models");
        for (String style : List.of("demo-orbit", "demo-grid", "demo-waves", "demo-blocks")) {
            ObjectNode m = models.addObject();
            m.put("id", style);
            m.put("provider", "demo");
            m.put("model", style);
        }
        return root;
    }

    /** Upper-case, non-alphanumerics to underscores: how a key or model id appears in a variable name. */
    static String envName(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static List<String> unknownKeys(JsonNode node, Set<String> known, String path) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                String hint = known.stream()
                        .filter(kk -> distance(kk, k.toLowerCase(Locale.ROOT)) <= 3)
                        .min(Comparator.comparingInt(kk -> distance(kk, k.toLowerCase(Locale.ROOT))))
                        .map(kk -> " (did you mean '" + kk + "'?)")
                        .orElse("");
                out.add(path + k + ": unknown key" + hint);
            }
        });
        return out;
    }

    /** Edit distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Parses a zone id with a message that says what is accepted. */
    static ZoneId zone(String s, List<String> problems) {
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            problems.add("zone: '" + s + "' is not a time zone (use e.g. UTC, Europe/Berlin, America/New_York)");
            return ZoneId.of("UTC");
        }
    }
}
