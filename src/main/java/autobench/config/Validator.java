package autobench.config;

import autobench.WireName;
import autobench.cycle.ScheduleSettings;
import autobench.dispatch.DispatchSettings;
import autobench.provider.ModelConfig;
import autobench.provider.ModelFacts;
import autobench.provider.Price;
import autobench.provider.ProviderKind;
import autobench.vote.VoteSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Turns the (overridden) config tree into a {@link Config}, collecting one message per bad key. */
final class Validator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> problems;
    private final Function<String, String> env;

    Validator(List<String> problems, Function<String, String> env) {
        this.problems = problems;
        this.env = env;
    }

    Config validate(JsonNode root, Path source, boolean requireKeys) {
        problems.addAll(ConfigLoader.unknownKeys(root, ConfigLoader.TOP_KEYS, ""));
        String database = text(root, "database", "database", ConfigLoader.DEFAULT_DATABASE);
        if (!database.startsWith("jdbc:sqlite:") && !database.startsWith("jdbc:postgresql:")) {
            problems.add("database: must be a JDBC URL starting with jdbc:sqlite: or jdbc:postgresql:");
        }
        String dbUser = text(root, "database_user", "database_user", null);
        String dbPasswordEnv = text(root, "database_password_env", "database_password_env", null);
        if (dbPasswordEnv != null && env.apply(dbPasswordEnv) == null) {
            problems.add("database_password_env: environment variable " + dbPasswordEnv + " is not set");
        }
        Integer poolSize = root.hasNonNull("database_pool_size")
                ? integer(root, "database_pool_size", "database_pool_size", 10, 1, 200)
                : null;
        ZoneId zone = ConfigLoader.zone(text(root, "zone", "zone", "UTC"), problems);
        int tasksPerDay = integer(root, "tasks_per_day", "tasks_per_day", 3, 1, 50);
        String generator = text(root, "task_generator", "task_generator", "builtin");
        boolean autoApprove = bool(root, "auto_approve", "auto_approve", true);
        Double budget = root.hasNonNull("daily_budget_usd")
                ? number(root, "daily_budget_usd", "daily_budget_usd", 0, 0, 1e9)
                : null;
        DispatchSettings dispatch = dispatch(root.path("dispatch"));
        Config.Render render = render(root.path("render"));
        ScheduleSettings schedule = schedule(root.path("schedule"));
        String cronSecretEnv = text(root, "cron_secret_env", "cron_secret_env", null);
        if (cronSecretEnv != null
                && (env.apply(cronSecretEnv) == null || env.apply(cronSecretEnv).isBlank())) {
            problems.add("cron_secret_env: environment variable " + cronSecretEnv
                    + " is not set (the cron endpoints need the secret it holds)");
        }
        Integer grace = root.hasNonNull("shutdown_grace_seconds")
                ? integer(root, "shutdown_grace_seconds", "shutdown_grace_seconds", 300, 0, 86_400)
                : null;
        Config.Web web = web(root.path("web"));
        VoteSettings voting = voting(root.path("voting"));
        List<ModelConfig> models = models(root.path("models"), requireKeys);
        if (!generator.equals("builtin") && models.stream().noneMatch(m -> m.id().equals(generator))) {
            problems.add("task_generator: '" + generator + "' is neither 'builtin' nor the id of a configured model");
        }
        return new Config(
                source,
                database,
                dbUser,
                dbPasswordEnv,
                poolSize,
                zone,
                tasksPerDay,
                generator,
                autoApprove,
                budget,
                dispatch,
                render,
                schedule,
                grace,
                cronSecretEnv,
                web,
                voting,
                models);
    }

    private VoteSettings voting(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) v = JSON.createObjectNode();
        if (!v.isObject()) {
            problems.add("voting: must be a mapping");
            v = JSON.createObjectNode();
        }
        problems.addAll(ConfigLoader.unknownKeys(v, ConfigLoader.VOTING_KEYS, "voting."));
        VoteSettings d = VoteSettings.DEFAULTS;
        int visitorCap =
                integer(v, "visitor_cap_per_day", "voting.visitor_cap_per_day", d.visitorCapPerDay(), 1, 1_000_000);
        int networkCap =
                integer(v, "network_cap_per_day", "voting.network_cap_per_day", d.networkCapPerDay(), 1, 10_000_000);
        // The view time stays under the one-hour battle lifetime by its range.
        int minView = integer(
                v,
                "min_view_seconds",
                "voting.min_view_seconds",
                (int) d.minViewTime().toSeconds(),
                0,
                600);
        int v4 = integer(v, "ipv4_prefix", "voting.ipv4_prefix", d.ipv4Prefix(), 8, 32);
        int v6 = integer(v, "ipv6_prefix", "voting.ipv6_prefix", d.ipv6Prefix(), 16, 128);
        // A year is far beyond any sensible wait; a larger number is a typo more likely than a policy.
        int reveal = integer(v, "reveal_after_days", "voting.reveal_after_days", d.revealAfterDays(), 0, 366);
        return new VoteSettings(
                visitorCap, networkCap, d.battleLifetime(), Duration.ofSeconds(minView), v4, v6, reveal);
    }

    private ScheduleSettings schedule(JsonNode s) {
        if (s.isMissingNode() || s.isNull()) return ScheduleSettings.SEED;
        if (!s.isObject()) {
            problems.add(
                    "schedule: must be a mapping (generate_at, dispatch_at, render_at, catch_up_days, stage_lease_seconds)");
            return ScheduleSettings.SEED;
        }
        problems.addAll(ConfigLoader.unknownKeys(s, ConfigLoader.SCHEDULE_KEYS, "schedule."));
        ScheduleSettings seed = ScheduleSettings.SEED;
        return new ScheduleSettings(
                time(s, "generate_at", seed.generateAt()),
                time(s, "dispatch_at", seed.dispatchAt()),
                time(s, "render_at", seed.renderAt()),
                integer(s, "catch_up_days", "schedule.catch_up_days", seed.catchUpDays(), 0, 31),
                integer(s, "stage_lease_seconds", "schedule.stage_lease_seconds", seed.stageLeaseSeconds(), 3, 3_600));
    }

    private LocalTime time(JsonNode n, String key, LocalTime def) {
        String v = text(n, key, "schedule." + key, null);
        if (v == null) return def;
        try {
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            problems.add("schedule." + key + ": '" + v + "' is not a time of day; write HH:MM, e.g. \"00:05\"");
            return def;
        }
    }

    private DispatchSettings dispatch(JsonNode d) {
        if (d.isMissingNode() || d.isNull()) d = JSON.createObjectNode();
        if (!d.isObject()) {
            problems.add("dispatch: must be a mapping");
            d = JSON.createObjectNode();
        }
        problems.addAll(ConfigLoader.unknownKeys(d, ConfigLoader.DISPATCH_KEYS, "dispatch."));
        int maxAttempts = integer(d, "max_attempts", "dispatch.max_attempts", 3, 1, 20);
        int margin = integer(d, "lease_margin_seconds", "dispatch.lease_margin_seconds", 120, 5, 86_400);
        int conc = integer(d, "max_concurrency", "dispatch.max_concurrency", 4, 1, 256);
        Map<ProviderKind, Integer> perProvider = new LinkedHashMap<>();
        JsonNode pc = d.path("provider_concurrency");
        if (pc.isObject()) {
            pc.fieldNames()
                    .forEachRemaining(p -> WireName.find(ProviderKind.class, p)
                            .ifPresentOrElse(
                                    kind -> perProvider.put(
                                            kind, integer(pc, p, "dispatch.provider_concurrency." + p, conc, 1, 256)),
                                    () -> problems.add("dispatch.provider_concurrency." + p
                                            + ": unknown provider (known: " + known() + ")")));
        } else if (!pc.isMissingNode() && !pc.isNull()) {
            problems.add("dispatch.provider_concurrency: must be a mapping of provider name to a number");
        }
        long base = integer(d, "retry_base_ms", "dispatch.retry_base_ms", 2_000, 0, 600_000);
        long max = integer(d, "retry_max_ms", "dispatch.retry_max_ms", 120_000, 0, 3_600_000);
        return new DispatchSettings(maxAttempts, margin, conc, perProvider, base, max);
    }

    private Config.Render render(JsonNode r) {
        if (r.isMissingNode() || r.isNull()) r = JSON.createObjectNode();
        if (!r.isObject()) {
            problems.add("render: must be a mapping");
            r = JSON.createObjectNode();
        }
        problems.addAll(ConfigLoader.unknownKeys(r, ConfigLoader.RENDER_KEYS, "render."));
        boolean enabled = bool(r, "enabled", "render.enabled", true);
        String chromium = text(r, "chromium", "render.chromium", null);
        if (chromium != null && !executable(chromium)) {
            problems.add("render.chromium: " + chromium + " is not an executable file");
        }
        int width = integer(r, "width", "render.width", 800, 16, 4096);
        int height = integer(r, "height", "render.height", 600, 16, 4096);
        int limit = integer(r, "time_limit_seconds", "render.time_limit_seconds", 30, 2, 600);
        // Rendering is CPU-bound: one lane per core uses the machine (bench/README.md); each lane
        // is a browser of a few hundred MB, so the default stops at four.
        int lanes = integer(
                r, "lanes", "render.lanes", defaultLanes(Runtime.getRuntime().availableProcessors()), 1, 16);
        return new Config.Render(enabled, chromium, width, height, limit, lanes);
    }

    /** The shortest operator login token accepted. */
    static final int MIN_ADMIN_TOKEN = 16;

    private Config.Web web(JsonNode w) {
        if (w.isMissingNode() || w.isNull()) w = JSON.createObjectNode();
        if (!w.isObject()) {
            problems.add("web: must be a mapping");
            w = JSON.createObjectNode();
        }
        problems.addAll(ConfigLoader.unknownKeys(w, ConfigLoader.WEB_KEYS, "web."));
        int port = integer(w, "port", "web.port", 8080, 0, 65_535);
        int sandboxPort = integer(w, "sandbox_port", "web.sandbox_port", 8081, 0, 65_535);
        if (port != 0 && port == sandboxPort)
            problems.add("web.sandbox_port: must differ from web.port (previews need their own origin)");
        String publicOrigin = origin(w, "public_origin");
        String sandboxOrigin = origin(w, "sandbox_origin");
        if (publicOrigin != null && publicOrigin.equals(sandboxOrigin)) {
            problems.add(
                    "web.sandbox_origin: must differ from web.public_origin, or model code would run in the site's origin");
        }
        boolean trust = bool(w, "trust_forwarded_for", "web.trust_forwarded_for", false);
        int check = integer(w, "cache_check_ms", "web.cache_check_ms", 1_000, 0, 3_600_000);
        boolean cache = bool(w, "cache", "web.cache", true);
        String secretEnv = text(w, "secret_env", "web.secret_env", null);
        if (secretEnv != null && env.apply(secretEnv) == null) {
            problems.add("web.secret_env: environment variable " + secretEnv + " is not set");
        } else if (secretEnv != null && env.apply(secretEnv).length() < 32) {
            problems.add(
                    "web.secret_env: the key in " + secretEnv
                            + " is too short to sign battle tokens safely; use at least 32 characters (e.g. openssl rand -hex 32)");
        }
        String adminTokenEnv = text(w, "admin_token_env", "web.admin_token_env", null);
        if (adminTokenEnv != null) {
            String token = env.apply(adminTokenEnv);
            if (token == null || token.isBlank()) {
                problems.add("web.admin_token_env: environment variable " + adminTokenEnv
                        + " is not set (the operator pages need the token it holds)");
            } else if (token.strip().length() < MIN_ADMIN_TOKEN) {
                problems.add("web.admin_token_env: the token in " + adminTokenEnv + " is shorter than "
                        + MIN_ADMIN_TOKEN + " characters; use a long random one (e.g. openssl rand -hex 32)");
            }
        }
        String exportDir = text(w, "export_dir", "web.export_dir", null);
        if (exportDir != null && !Files.isDirectory(Path.of(exportDir))) {
            problems.add("web.export_dir: " + exportDir
                    + " is not a directory (create it, then ./autobench export --out " + exportDir + "/<name>)");
        }
        return new Config.Web(
                port,
                sandboxPort,
                publicOrigin,
                sandboxOrigin,
                trust,
                check,
                cache,
                secretEnv,
                adminTokenEnv,
                exportDir);
    }

    /** An origin is scheme://host[:port] with nothing after it. */
    private String origin(JsonNode w, String key) {
        String v = text(w, key, "web." + key, null);
        if (v != null && !v.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            problems.add("web." + key + ": '" + v
                    + "' is not an origin (scheme://host[:port], no path), e.g. https://sandbox.example.org");
            return null;
        }
        return v;
    }

    /** A path that cannot exist (a NUL character) is simply not an executable file. */
    private static boolean executable(String path) {
        try {
            return Files.isExecutable(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static int defaultLanes(int cores) {
        return Math.max(1, Math.min(4, cores));
    }

    private List<ModelConfig> models(JsonNode list, boolean requireKeys) {
        List<ModelConfig> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            problems.add("models: at least one model must be configured");
            return out;
        }
        if (!list.isArray()) {
            problems.add("models: must be a list of models");
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String at = "models[" + i + "]";
            if (!m.isObject()) {
                problems.add(at + ": must be a mapping with id, provider and model");
                continue;
            }
            String id = text(m, "id", at + ".id", null);
            if (id == null) {
                problems.add(at + ".id: missing");
                continue;
            }
            at = "models[" + id + "]";
            if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                problems.add(at + ".id: must be 1-64 lower-case letters, digits, '.', '_' or '-' (it appears in URLs)");
            }
            if (!ids.add(id)) problems.add(at + ".id: duplicate model id");
            problems.addAll(ConfigLoader.unknownKeys(m, ConfigLoader.MODEL_KEYS, at + "."));
            String provider = text(m, "provider", at + ".provider", null);
            ProviderKind kind = provider == null
                    ? null
                    : WireName.find(ProviderKind.class, provider).orElse(null);
            if (provider == null) problems.add(at + ".provider: missing (one of " + known() + ")");
            else if (kind == null)
                problems.add(at + ".provider: unknown provider '" + provider + "' (one of " + known() + ")");
            String model = text(m, "model", at + ".model", null);
            if (model == null) problems.add(at + ".model: missing (the provider's model name, e.g. gpt-4o)");
            String baseUrl = text(m, "base_url", at + ".base_url", null);
            if (baseUrl != null && !baseUrl.matches("https?://.+"))
                problems.add(at + ".base_url: must start with http:// or https://");
            if (baseUrl != null && baseUrl.matches("https?://[^/]*@.*"))
                problems.add(at + ".base_url: must not contain credentials; use api_key_env");
            String keyEnv = text(m, "api_key_env", at + ".api_key_env", null);
            int maxTokens = integer(m, "max_output_tokens", at + ".max_output_tokens", 8000, 1, 1_000_000);
            Double temperature =
                    m.hasNonNull("temperature") ? number(m, "temperature", at + ".temperature", 0, 0, 2) : null;
            boolean enabled = bool(m, "enabled", at + ".enabled", true);
            int timeout = integer(m, "timeout_seconds", at + ".timeout_seconds", 300, 1, 7200);
            Price price = price(m.path("price"), at, kind);
            ModelFacts facts = facts(m, at);
            Map<String, Object> options = m.path("options").isObject()
                    ? JSON.convertValue(
                            m.get("options"),
                            JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class))
                    : Map.of();
            if (m.has("options") && !m.get("options").isObject()) problems.add(at + ".options: must be a mapping");
            List<String> empty = options.entrySet().stream()
                    .filter(o -> o.getValue() == null)
                    .map(Map.Entry::getKey)
                    .toList();
            if (!empty.isEmpty()) {
                for (String k : empty)
                    problems.add(at + ".options." + k + ": has no value (give one, or remove the key)");
                options = new LinkedHashMap<>(options);
                options.keySet().removeAll(empty);
            }
            if (kind != null && kind.needsKey() && keyEnv == null) {
                problems.add(at + ".api_key_env: missing (name of the environment variable holding the " + provider
                        + " key)");
            }
            if (requireKeys
                    && enabled
                    && keyEnv != null
                    && (env.apply(keyEnv) == null || env.apply(keyEnv).isBlank())) {
                problems.add(at + ".api_key_env: environment variable " + keyEnv
                        + " is not set (needed by enabled model " + id + "; set it, or set enabled: false)");
            }
            out.add(new ModelConfig(
                    id,
                    kind,
                    model == null ? "" : model,
                    baseUrl,
                    keyEnv,
                    maxTokens,
                    temperature,
                    price,
                    enabled,
                    timeout,
                    options,
                    facts));
        }
        if (out.isEmpty() && problems.isEmpty()) problems.add("models: at least one model must be configured");
        return out;
    }

    /** The optional facts a visitor sees on the model page; each one absent means "not stated". */
    private ModelFacts facts(JsonNode m, String at) {
        Integer context = m.hasNonNull("context_window")
                ? integer(m, "context_window", at + ".context_window", 0, 1, 100_000_000)
                : null;
        Boolean open = m.hasNonNull("open_weights") ? bool(m, "open_weights", at + ".open_weights", false) : null;
        String served = text(m, "served_from", at + ".served_from", null);
        if (served != null && (served.length() > 120 || served.chars().anyMatch(Character::isISOControl))) {
            problems.add(at + ".served_from: must be one line of at most 120 characters (where the model is called,"
                    + " e.g. \"OpenAI API\"), got " + served.length() + " characters");
            served = null;
        }
        return new ModelFacts(context == null || context < 1 ? null : context, open, served);
    }

    private Price price(JsonNode p, String at, ProviderKind kind) {
        if (p.isMissingNode() || p.isNull()) {
            if (kind != null && kind.needsPrice()) {
                problems.add(
                        at
                                + ".price: missing (USD per million tokens: price: {input: 2.5, output: 10}; write 0 for free models)");
            }
            return Price.FREE;
        }
        if (!p.isObject()) {
            problems.add(
                    at
                            + ".price: must be a mapping {input: USD per million input tokens, output: USD per million output tokens}");
            return Price.FREE;
        }
        problems.addAll(ConfigLoader.unknownKeys(p, Set.of("input", "output"), at + ".price."));
        double in = number(p, "input", at + ".price.input", Double.NaN, 0, 10_000);
        double outp = number(p, "output", at + ".price.output", Double.NaN, 0, 10_000);
        if (Double.isNaN(in)) problems.add(at + ".price.input: missing");
        if (Double.isNaN(outp)) problems.add(at + ".price.output: missing");
        return new Price(Double.isNaN(in) ? 0 : in, Double.isNaN(outp) ? 0 : outp);
    }

    private String text(JsonNode n, String key, String path, String def) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return def;
        if (!v.isValueNode() || v.isBinary()) {
            problems.add(path + ": must be a single value, not a " + (v.isArray() ? "list" : "mapping"));
            return def;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? def : s;
    }

    private int integer(JsonNode n, String key, String path, int def, int min, int max) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return def;
        try {
            long x = v.isIntegralNumber()
                    ? v.asLong()
                    : Long.parseLong(v.asText().trim());
            if (x < min || x > max) {
                problems.add(path + ": must be between " + min + " and " + max + ", got " + x);
                return def;
            }
            return (int) x;
        } catch (NumberFormatException e) {
            problems.add(path + ": must be a whole number, got '" + v.asText() + "'");
            return def;
        }
    }

    private double number(JsonNode n, String key, String path, double def, double min, double max) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return def;
        try {
            double x =
                    v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText().trim());
            if (Double.isNaN(x) || x < min || x > max) {
                problems.add(path + ": must be between " + min + " and " + max + ", got " + v.asText());
                return Double.isNaN(def) ? min : def;
            }
            return x;
        } catch (NumberFormatException e) {
            problems.add(path + ": must be a number, got '" + v.asText() + "'");
            return Double.isNaN(def) ? min : def;
        }
    }

    private boolean bool(JsonNode n, String key, String path, boolean def) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return def;
        if (v.isBoolean()) return v.asBoolean();
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("yes") || s.equals("1")) return true;
        if (s.equals("false") || s.equals("no") || s.equals("0")) return false;
        problems.add(path + ": must be true or false, got '" + v.asText() + "'");
        return def;
    }

    private static String known() {
        return String.join(", ", WireName.names(ProviderKind.class));
    }
}
