package autobench.config;

import autobench.cycle.ScheduleSettings;
import autobench.dispatch.DispatchSettings;
import autobench.provider.ModelConfig;
import autobench.vote.VoteSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, validated. Built only by {@link ConfigLoader}, which names the key
 * and the problem when a value is wrong.
 *
 * @param source          the file it came from, or {@code null} for the built-in demo defaults
 * @param database        JDBC URL (jdbc:sqlite:FILE or jdbc:postgresql://…)
 * @param databasePoolSize connections this process keeps open at most, or {@code null} for the default
 *                        ({@code autobench.db.Database}: 4 on SQLite, which has one writer anyway; 10 on PostgreSQL)
 * @param zone            the arena day's time zone
 * @param taskGenerator   "builtin" or the id of a configured model
 * @param dailyBudgetUsd  spend cap per arena day, or {@code null} for none
 * @param cronSecretEnv   the environment variable holding the x-cron-secret of the cron endpoints, or
 *                        {@code null}: cron triggers off
 * @param voting          caps, timing and networks of the vote path ({@code voting:}, docs/voting.md)
 * @param shutdownGraceSeconds how long a stopping process lets calls in flight finish, or {@code null}
 *                        for the longest model timeout
 */
public record Config(
        Path source,
        String database,
        String databaseUser,
        String databasePasswordEnv,
        Integer databasePoolSize,
        ZoneId zone,
        int tasksPerDay,
        String taskGenerator,
        boolean autoApprove,
        Double dailyBudgetUsd,
        DispatchSettings dispatch,
        Render render,
        ScheduleSettings schedule,
        Integer shutdownGraceSeconds,
        String cronSecretEnv,
        Web web,
        VoteSettings voting,
        List<ModelConfig> models) {

    /**
     * @param enabled          false skips the render stage (tasks then stay dispatched, unpublished)
     * @param chromium         the Chromium executable, or {@code null} to look in the usual places
     * @param timeLimitSeconds hard limit per render
     * @param lanes            renders at once, each in its own reused browser
     */
    public record Render(boolean enabled, String chromium, int width, int height, int timeLimitSeconds, int lanes) {}

    /**
     * The website. The sandbox origin serves live previews of model code and must differ from the
     * public origin; by default it is the same host on a second port.
     *
     * @param publicOrigin      the site's origin as visitors see it (e.g. https://arena.example.org), or
     *                          {@code null} to take it from each request (Host header)
     * @param sandboxOrigin     the preview origin as visitors see it, or {@code null} for the request's host
     *                          on {@code sandboxPort}
     * @param trustForwardedFor whether X-Forwarded-For / X-Forwarded-Proto come from a proxy we run
     * @param cacheCheckMillis  how often at most a cached page asks the database whether data changed
     * @param secretEnv         the variable holding the key that signs battle tokens and hashes addresses,
     *                          or {@code null} for a random key per process
     * @param adminTokenEnv     the variable holding the operator's login token, or {@code null}: operator pages off
     * @param exportDir         where open-data exports are kept for the download page, or {@code null}: none offered
     */
    public record Web(
            int port,
            int sandboxPort,
            String publicOrigin,
            String sandboxOrigin,
            boolean trustForwardedFor,
            int cacheCheckMillis,
            boolean cache,
            String secretEnv,
            String adminTokenEnv,
            String exportDir) {
        public Web(
                int port,
                int sandboxPort,
                String publicOrigin,
                String sandboxOrigin,
                boolean trustForwardedFor,
                int cacheCheckMillis,
                boolean cache,
                String secretEnv) {
            this(
                    port,
                    sandboxPort,
                    publicOrigin,
                    sandboxOrigin,
                    trustForwardedFor,
                    cacheCheckMillis,
                    cache,
                    secretEnv,
                    null,
                    null);
        }

        public Web withPorts(int p, int sp) {
            return new Web(
                    p,
                    sp,
                    publicOrigin,
                    sandboxOrigin,
                    trustForwardedFor,
                    cacheCheckMillis,
                    cache,
                    secretEnv,
                    adminTokenEnv,
                    exportDir);
        }

        public Web withCache(boolean on) {
            return new Web(
                    port,
                    sandboxPort,
                    publicOrigin,
                    sandboxOrigin,
                    trustForwardedFor,
                    cacheCheckMillis,
                    on,
                    secretEnv,
                    adminTokenEnv,
                    exportDir);
        }
    }

    public Config {
        models = List.copyOf(models);
    }

    public Optional<ModelConfig> model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** How long a stopping process lets the calls in flight finish: by default the longest model timeout. */
    public Duration shutdownGrace() {
        if (shutdownGraceSeconds != null) return Duration.ofSeconds(shutdownGraceSeconds);
        return Duration.ofSeconds(
                models.stream().mapToInt(ModelConfig::timeoutSeconds).max().orElse(60));
    }

    public List<ModelConfig> enabledModels() {
        return models.stream().filter(ModelConfig::enabled).toList();
    }

    public Config withDatabase(String url) {
        return new Config(
                source,
                url,
                databaseUser,
                databasePasswordEnv,
                databasePoolSize,
                zone,
                tasksPerDay,
                taskGenerator,
                autoApprove,
                dailyBudgetUsd,
                dispatch,
                render,
                schedule,
                shutdownGraceSeconds,
                cronSecretEnv,
                web,
                voting,
                models);
    }

    public Config withWeb(Web newWeb) {
        return new Config(
                source,
                database,
                databaseUser,
                databasePasswordEnv,
                databasePoolSize,
                zone,
                tasksPerDay,
                taskGenerator,
                autoApprove,
                dailyBudgetUsd,
                dispatch,
                render,
                schedule,
                shutdownGraceSeconds,
                cronSecretEnv,
                newWeb,
                voting,
                models);
    }

    public Config withVoting(VoteSettings newVoting) {
        return new Config(
                source,
                database,
                databaseUser,
                databasePasswordEnv,
                databasePoolSize,
                zone,
                tasksPerDay,
                taskGenerator,
                autoApprove,
                dailyBudgetUsd,
                dispatch,
                render,
                schedule,
                shutdownGraceSeconds,
                cronSecretEnv,
                web,
                newVoting,
                models);
    }

    public Config withModels(List<ModelConfig> newModels) {
        return new Config(
                source,
                database,
                databaseUser,
                databasePasswordEnv,
                databasePoolSize,
                zone,
                tasksPerDay,
                taskGenerator,
                autoApprove,
                dailyBudgetUsd,
                dispatch,
                render,
                schedule,
                shutdownGraceSeconds,
                cronSecretEnv,
                web,
                voting,
                newModels);
    }
}
