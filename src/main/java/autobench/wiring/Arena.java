package autobench.wiring;

import autobench.config.Config;
import autobench.db.Database;
import autobench.dispatch.Budget;
import autobench.dispatch.CallLedger;
import autobench.dispatch.Dispatcher;
import autobench.dispatch.ModelStore;
import autobench.dispatch.Sleeper;
import autobench.dispatch.SubmissionStore;
import autobench.extract.HtmlExtractor;
import autobench.provider.HttpTransport;
import autobench.provider.ModelConfig;
import autobench.provider.Provider;
import autobench.provider.Providers;
import autobench.render.ArtifactStore;
import autobench.render.RenderConfig;
import autobench.cycle.RenderStage;
import autobench.render.RenderStore;
import autobench.render.Renderer;
import autobench.task.BuiltinLibrary;
import autobench.task.DailyTasks;
import autobench.task.LlmTaskGenerator;
import autobench.task.TaskGenerator;
import autobench.task.TaskStore;
import autobench.vote.VoteStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything wired by hand, once: the database, the table owners, the providers and the stages.
 * Commands and tests build one of these from a validated {@link Config}.
 */
public final class Arena implements AutoCloseable {
    public final Config config;
    public final Database db;
    public final TaskStore tasks;
    public final SubmissionStore submissions;
    public final CallLedger ledger;
    public final ModelStore modelStore;
    public final VoteStore votes;
    public final Budget budget;
    public final Clock clock;
    public final String owner;
    private final Function<String, String> env;
    private final Sleeper sleeper;
    private final Consumer<String> progress;
    private final Map<String, Provider> providerOverrides;

    public Arena(Config config, Function<String, String> env, Clock clock, Sleeper sleeper, Consumer<String> progress,
                 Map<String, Provider> providerOverrides) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
        this.providerOverrides = Map.copyOf(providerOverrides);
        this.db = Database.open(config.database(), config.databaseUser(),
                config.databasePasswordEnv() == null ? null : env.apply(config.databasePasswordEnv()));
        this.tasks = new TaskStore(db);
        this.submissions = new SubmissionStore(db);
        this.ledger = new CallLedger(db);
        this.modelStore = new ModelStore(db);
        this.votes = new VoteStore(db);
        this.budget = new Budget(config.dailyBudgetUsd(), ledger, config.zone());
        this.owner = processIdentity();
        modelStore.sync(config.models().stream().map(m -> new ModelStore.Row(m.id(), m.provider(), m.model(), m.isDemo(),
                m.price().inputPerMillion(), m.price().outputPerMillion(), m.enabled())).toList(), clock.millis());
    }

    /** A production arena: real environment, system clock, real sleeps, progress to stderr. */
    public static Arena open(Config config) {
        return new Arena(config, System::getenv, Clock.systemUTC(), Sleeper.REAL, System.err::println, Map.of());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }

    public DailyTasks dailyTasks() {
        return new DailyTasks(tasks, generator(), config.tasksPerDay(), config.autoApprove(), clock);
    }

    /** The configured task generator: the built-in library, or a model asked for JSON with the library as fallback. */
    TaskGenerator generator() {
        BuiltinLibrary library = new BuiltinLibrary();
        if (config.taskGenerator().equals("builtin")) return library;
        ModelConfig m = config.model(config.taskGenerator()).orElseThrow();
        Provider p = providerOverrides.containsKey(m.id()) ? providerOverrides.get(m.id())
                : Providers.create(m, env, new HttpTransport(clock));
        return new LlmTaskGenerator(p, m.id(), Math.max(4000, m.maxOutputTokens()), java.time.Duration.ofSeconds(m.timeoutSeconds()), library);
    }

    public Dispatcher dispatcher() {
        HttpTransport http = new HttpTransport(clock);
        Map<String, ModelConfig> enabled = new LinkedHashMap<>();
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ModelConfig m : config.enabledModels()) {
            enabled.put(m.id(), m);
            providers.put(m.id(), providerOverrides.containsKey(m.id()) ? providerOverrides.get(m.id()) : Providers.create(m, env, http));
        }
        return new Dispatcher(tasks, submissions, ledger, enabled, providers, config.dispatch(), budget,
                new HtmlExtractor(), clock, sleeper, owner, progress);
    }

    /**
     * The render stage, or empty with the reason when rendering is switched off. A missing Chromium
     * is not an error here: the stage reports it once and the rest of the cycle goes on.
     */
    public RenderStage renderStage() {
        Config.Render rc = config.render();
        java.util.function.Supplier<Renderer> opener = () -> {
            java.nio.file.Path chromium = rc.chromium() != null ? java.nio.file.Path.of(rc.chromium())
                    : Renderer.find().orElseThrow(() -> new IllegalStateException(Renderer.installHint()));
            return Renderer.open(RenderConfig.defaults(chromium).withViewport(rc.width(), rc.height())
                    .withTimeLimit(java.time.Duration.ofSeconds(rc.timeLimitSeconds())).withLanes(rc.lanes()));
        };
        return new RenderStage(tasks, submissions, new RenderStore(db), new ArtifactStore(db), opener,
                java.time.Duration.ofSeconds(rc.timeLimitSeconds()), clock, owner, progress);
    }

    private static String processIdentity() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        db.close();
    }
}
