package autobench.wiring;

import autobench.config.Config;
import autobench.cycle.DailyCycle;
import autobench.cycle.RenderStage;
import autobench.db.Database;
import autobench.dispatch.Budget;
import autobench.dispatch.CallLedger;
import autobench.dispatch.DispatchSettings;
import autobench.dispatch.Dispatcher;
import autobench.dispatch.ModelStore;
import autobench.dispatch.Sleeper;
import autobench.dispatch.SubmissionStore;
import autobench.extract.HtmlExtractor;
import autobench.leaderboard.RatingHistory;
import autobench.leaderboard.SnapshotStore;
import autobench.leaderboard.StoredVotes;
import autobench.ops.Verifier;
import autobench.provider.HttpTransport;
import autobench.provider.ModelConfig;
import autobench.provider.Provider;
import autobench.provider.ProviderKind;
import autobench.rating.RatingSettings;
import autobench.render.ArtifactStore;
import autobench.render.RenderConfig;
import autobench.render.RenderStore;
import autobench.render.Renderer;
import autobench.task.BuiltinLibrary;
import autobench.task.DailyTasks;
import autobench.task.LlmTaskGenerator;
import autobench.task.TaskGenerator;
import autobench.task.TaskStore;
import autobench.vote.VoteStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The object graph of one process, wired by hand and built once: the database, the table owners,
 * one {@link Dispatcher} (so its per-provider limits hold for the whole process), the render
 * stage and the cycle. Commands take what they need from here; the parts themselves receive only
 * their own collaborators, never the arena.
 */
public final class Arena implements AutoCloseable {
    private final Config config;
    private final Function<String, String> env;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;
    private final Map<String, Provider> providerOverrides;
    private final String owner = processIdentity();
    /** Every call that reached a provider adapter in this process (the dispatcher's and the task generator's). */
    private final java.util.concurrent.atomic.AtomicLong providerCalls = new java.util.concurrent.atomic.AtomicLong();

    private final Database db;
    private final TaskStore tasks;
    private final SubmissionStore submissions;
    private final CallLedger ledger;
    private final ModelStore models;
    private final VoteStore votes;
    private final RenderStore renders;
    private final ArtifactStore artifacts;
    private final SnapshotStore snapshots;
    private final Budget budget;

    // Built on first use (verify and cost never need providers or a browser), then kept.
    private Dispatcher dispatcher;
    private RenderStage renderStage;

    /**
     * @param providerOverrides adapters to use instead of the configured ones, by model id (tests)
     */
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
        this.models = new ModelStore(db);
        this.votes = new VoteStore(db);
        this.renders = new RenderStore(db);
        this.artifacts = new ArtifactStore(db);
        this.snapshots = new SnapshotStore(db);
        this.budget = new Budget(config.dailyBudgetUsd(), ledger, config.zone());
        models.sync(config.models().stream().map(m -> new ModelStore.Row(m.id(), m.provider().wireName(), m.model(), m.isDemo(),
                m.price().inputPerMillion(), m.price().outputPerMillion(), m.enabled())).toList(), clock.millis());
    }

    /** A production arena: real environment, system clock, real sleeps, progress to stderr. */
    public static Arena open(Config config) {
        return new Arena(config, System::getenv, Clock.systemUTC(), Sleeper.REAL, System.err::println, Map.of());
    }

    public Config config() { return config; }
    public Clock clock() { return clock; }
    public Database database() { return db; }
    public TaskStore tasks() { return tasks; }
    public SubmissionStore submissions() { return submissions; }
    public CallLedger ledger() { return ledger; }
    public VoteStore votes() { return votes; }
    public RenderStore renders() { return renders; }
    public ArtifactStore artifacts() { return artifacts; }
    public SnapshotStore snapshots() { return snapshots; }
    public StoredVotes storedVotes() { return new StoredVotes(votes); }
    public ModelStore models() { return models; }
    /** Calls that reached a provider adapter since this process started. */
    public long providerCalls() { return providerCalls.get(); }

    /** The website's read model: published tasks, answers, leaderboards; it can reach no provider. */
    public autobench.gallery.Gallery gallery() {
        return new autobench.gallery.Gallery(new autobench.gallery.Gallery.Sources(tasks, submissions, renders, artifacts, models,
                votes, snapshots), RatingSettings.DEFAULTS);
    }
    /** This process's identity in leases and the ledger (host/pid/random). */
    public String owner() { return owner; }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }

    public DailyTasks dailyTasks() {
        return new DailyTasks(tasks, generator(), config.tasksPerDay(), config.autoApprove(), clock);
    }

    /** The process's one dispatcher: every dispatch and re-send goes through it, under one set of limits. */
    public synchronized Dispatcher dispatcher() {
        if (dispatcher == null) {
            HttpTransport http = new HttpTransport(clock);
            Map<String, Dispatcher.Route> routes = new LinkedHashMap<>();
            for (ModelConfig m : config.enabledModels()) routes.put(m.id(), new Dispatcher.Route(m, provider(m, http)));
            dispatcher = new Dispatcher(new Dispatcher.Stores(tasks, submissions, ledger), routes, settings(), budget,
                    new HtmlExtractor(), new Dispatcher.Runtime(clock, sleeper, owner, progress));
        }
        return dispatcher;
    }

    /**
     * The render stage. A missing Chromium is not an error here: the stage reports it once when it
     * has something to render, and the rest of the cycle goes on.
     */
    public synchronized RenderStage renderStage() {
        if (renderStage == null) {
            Config.Render rc = config.render();
            Supplier<Renderer> opener = () -> {
                Path chromium = rc.chromium() != null ? Path.of(rc.chromium())
                        : Renderer.find().orElseThrow(() -> new IllegalStateException(Renderer.installHint()));
                return Renderer.open(RenderConfig.defaults(chromium).withViewport(rc.width(), rc.height())
                        .withTimeLimit(Duration.ofSeconds(rc.timeLimitSeconds())).withLanes(rc.lanes()));
            };
            renderStage = new RenderStage(tasks, submissions, renders, artifacts, opener,
                    Duration.ofSeconds(rc.timeLimitSeconds()), clock, owner, progress);
        }
        return renderStage;
    }

    /** The whole day: generate, dispatch, render (unless switched off), snapshot yesterday's ratings. */
    public DailyCycle dailyCycle() {
        return new DailyCycle(dailyTasks(), dispatcher(), config.render().enabled() ? renderStage() : null, tasks,
                new RatingHistory(snapshots, RatingSettings.DEFAULTS, clock), storedVotes(), config.zone());
    }

    public Verifier verifier() {
        return new Verifier(new Verifier.Sources(tasks, submissions, ledger, renders, budget, db::describe), clock);
    }

    /** The configured task generator: the built-in library, or a model asked for JSON with the library as fallback. */
    private TaskGenerator generator() {
        BuiltinLibrary library = new BuiltinLibrary();
        if (config.taskGenerator().equals("builtin")) return library;
        ModelConfig m = config.model(config.taskGenerator()).orElseThrow();
        return new LlmTaskGenerator(provider(m, new HttpTransport(clock)), m.id(), Math.max(4000, m.maxOutputTokens()),
                Duration.ofSeconds(m.timeoutSeconds()), library);
    }

    private Provider provider(ModelConfig m, HttpTransport http) {
        Provider override = providerOverrides.get(m.id());
        return new autobench.provider.CountingProvider(override != null ? override : ProviderKind.adapterFor(m, env, http), providerCalls);
    }

    private DispatchSettings settings() {
        return config.dispatch();
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
