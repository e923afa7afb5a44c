package autobench.wiring;

import autobench.config.Config;
import autobench.cycle.DailyCycle;
import autobench.cycle.RenderStage;
import autobench.cycle.Scheduler;
import autobench.cycle.StageRunner;
import autobench.cycle.StageRuns;
import autobench.db.Database;
import autobench.dispatch.Budget;
import autobench.dispatch.CallLedger;
import autobench.dispatch.DispatchSettings;
import autobench.dispatch.Dispatcher;
import autobench.dispatch.ModelStore;
import autobench.dispatch.Sleeper;
import autobench.dispatch.SubmissionStatus;
import autobench.dispatch.SubmissionStore;
import autobench.dispatch.TaskWriterCall;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import autobench.extract.HtmlExtractor;
import autobench.leaderboard.RatingHistory;
import autobench.leaderboard.SnapshotStore;
import autobench.leaderboard.StoredVotes;
import autobench.ops.DataTables;
import autobench.ops.Exporter;
import autobench.ops.Importer;
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
import autobench.vote.Battles;
import autobench.vote.SimulatedVisitors;
import autobench.vote.VoteSettings;
import autobench.vote.VoteStore;
import autobench.web.Site;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final java.util.concurrent.atomic.AtomicLong visitorCalls = new java.util.concurrent.atomic.AtomicLong();

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
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    // Built on first use (verify and cost never need providers or a browser), then kept.
    private Dispatcher dispatcher;
    private RenderStage renderStage;
    private DailyCycle dailyCycle;
    private Battles battles;

    /**
     * @param providerOverrides adapters to use instead of the configured ones, by model id (tests)
     */
    public Arena(Config config, Function<String, String> env, Clock clock, Sleeper sleeper, Consumer<String> progress,
                 Map<String, Provider> providerOverrides) {
        this(config, env, clock, sleeper, progress, providerOverrides, true);
    }

    /** @param writeModels whether to record the configured models in the database (a web-only process does not) */
    private Arena(Config config, Function<String, String> env, Clock clock, Sleeper sleeper, Consumer<String> progress,
                  Map<String, Provider> providerOverrides, boolean writeModels) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
        this.providerOverrides = Map.copyOf(providerOverrides);
        this.db = openDatabase(config, env);
        this.tasks = new TaskStore(db);
        this.submissions = new SubmissionStore(db);
        this.ledger = new CallLedger(db);
        this.models = new ModelStore(db);
        this.votes = new VoteStore(db);
        this.renders = new RenderStore(db);
        this.artifacts = new ArtifactStore(db);
        this.snapshots = new SnapshotStore(db);
        this.budget = new Budget(config.dailyBudgetUsd(), ledger, config.zone());
        queueGauges();
        if (writeModels) models.sync(config.models().stream().map(m -> new ModelStore.Row(m.id(), m.provider().wireName(), m.model(), m.isDemo(),
                m.price().inputPerMillion(), m.price().outputPerMillion(), m.enabled())).toList(), clock.millis());
    }

    /** A production arena: real environment, system clock, real sleeps, progress to stderr. */
    public static Arena open(Config config) {
        return new Arena(config, System::getenv, Clock.systemUTC(), Sleeper.REAL, System.err::println, Map.of());
    }

    /**
     * An arena for a process with only the web role: it writes nothing at start-up, so it can run as
     * the least-privilege web database user (docs/postgres-roles.md); workers record the models.
     */
    public static Arena openForWeb(Config config) {
        return new Arena(config, System::getenv, Clock.systemUTC(), Sleeper.REAL, System.err::println, Map.of(), false);
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
    /** Of those, the calls made while this thread served a visitor's request (Site.servingVisitor): must stay 0. */
    public long visitorCalls() { return visitorCalls.get(); }
    /** The rest: the schedule's, the workers', the cron triggers'. */
    public long otherCalls() { return providerCalls.get() - visitorCalls.get(); }

    /** The website's read model: published tasks, answers, leaderboards; it can reach no provider. */
    public autobench.gallery.Gallery gallery() {
        return new autobench.gallery.Gallery(new autobench.gallery.Gallery.Sources(tasks, submissions, renders, artifacts, models,
                votes, snapshots), RatingSettings.DEFAULTS);
    }

    /** Blind battles and votes for the web; built on first use, when it reads (or creates) the server secret. */
    public synchronized Battles battles() {
        if (battles == null) battles = new Battles(votes, VoteSettings.DEFAULTS, config.zone(), clock, new SecureRandom());
        return battles;
    }

    /** The demo's made-up visitors; their votes are stored as simulated and only ever touch demo models. */
    public SimulatedVisitors simulatedVisitors(long seed) {
        return new SimulatedVisitors(battles(), seed);
    }

    /** This process's identity in leases and the ledger (host/pid/random). */
    public String owner() { return owner; }

    /** The process's metrics, in Prometheus's text format at /metrics. */
    public PrometheusMeterRegistry meters() { return meters; }

    /** Work waiting, read from the database when scraped (so every process reports the whole arena's queue). */
    private void queueGauges() {
        for (SubmissionStatus s : SubmissionStatus.values()) {
            Gauge.builder("autobench.submissions", submissions, st -> st.countsByStatus().getOrDefault(s, 0))
                    .tag("status", s.wireName()).description("submissions by status, arena-wide").register(meters);
        }
        Gauge.builder("autobench.renders.pending", renders, r -> r.counts().getOrDefault("pending", 0))
                .description("answers waiting to be rendered, arena-wide").register(meters);
    }

    /** The x-cron-secret, from the variable {@code cron_secret_env} names; {@code null}: cron triggers are off. */
    public String cronSecret() {
        String name = config.cronSecretEnv();
        String v = name == null ? null : env.apply(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** The operator's login token, from the variable {@code web.admin_token_env} names; {@code null}: operator pages are off. */
    public String adminToken() {
        String name = config.web().adminTokenEnv();
        String v = name == null ? null : env.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The operator's actions (pages and CLI); a re-send goes through this process's one dispatcher. */
    public autobench.admin.Operator operator() {
        return new autobench.admin.Operator(new autobench.admin.Operator.Parts(tasks, models, submissions, votes,
                new autobench.admin.AdminStore(db), id -> dispatcher().resend(id).toString(),
                id -> config.model(id).map(m -> new autobench.admin.Operator.Pricing(m.price().inputPerMillion(),
                        m.price().outputPerMillion(), m.maxOutputTokens())), this::resnapshotFrom, clock));
    }

    /** Recomputes the stored snapshots of every day that ends after {@code castAt}, from the votes that count now. */
    private void resnapshotFrom(long castAt) {
        RatingHistory history = new RatingHistory(snapshots, RatingSettings.DEFAULTS, clock);
        StoredVotes counted = storedVotes();
        for (LocalDate d : snapshots.days()) {
            long end = Dispatcher.dayStart(d.plusDays(1), config.zone());
            if (end > castAt) history.record(d, counted.read(false, end));
        }
    }

    /** Operator sign-in for the pages. */
    public autobench.admin.Sessions adminSessions() {
        return new autobench.admin.Sessions(new autobench.admin.AdminStore(db), adminToken(), clock);
    }

    /** The operator's integrity and cost page. */
    public autobench.admin.Integrity integrity() {
        return new autobench.admin.Integrity(() -> verifier().run(), costs(), tasks, submissions, this::today);
    }

    /** The exports offered on the download page (web.export_dir). */
    public autobench.ops.ExportShelf exportShelf() {
        String dir = config.web().exportDir();
        return new autobench.ops.ExportShelf(dir == null ? null : Path.of(dir));
    }

    /** Whether the database answers a trivial query now (for /readyz). */
    public boolean databaseAnswers() {
        try {
            return db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

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
            dispatcher = new Dispatcher(new Dispatcher.Stores(tasks, submissions, ledger), routes, models::disabledIds, settings(), budget,
                    new HtmlExtractor(), new Dispatcher.Runtime(clock, sleeper, owner, progress, meters));
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
            renderStage = new RenderStage(new RenderStage.Stores(tasks, submissions, renders, artifacts), opener,
                    Duration.ofSeconds(rc.timeLimitSeconds()), new RenderStage.Runtime(clock, owner, progress, meters));
        }
        return renderStage;
    }

    /** The whole day: generate, dispatch, render (unless switched off), snapshot yesterday's ratings. */
    public synchronized DailyCycle dailyCycle() {
        if (dailyCycle == null) {
            dailyCycle = new DailyCycle(dailyTasks(), dispatcher(), config.render().enabled() ? renderStage() : null, tasks,
                    new RatingHistory(snapshots, RatingSettings.DEFAULTS, clock), storedVotes(), config.zone());
        }
        return dailyCycle;
    }

    public StageRuns stageRuns() {
        return new StageRuns(db);
    }

    /** Runs single stages at most once across all processes: for the scheduler and the cron endpoints. */
    public StageRunner stageRunner() {
        return new StageRunner(dailyCycle(), stageRuns(), clock, owner, config.schedule().stageLease());
    }

    public Scheduler scheduler() {
        return new Scheduler(stageRunner(), config.schedule(), config.zone(), clock);
    }

    /** A scheduler that runs only these stages (a process with the scheduler role, the worker role, or both). */
    public Scheduler scheduler(java.util.Set<autobench.cycle.Stage> stages) {
        return new Scheduler(stageRunner(), config.schedule(), config.zone(), clock, stages);
    }

    /**
     * Graceful stop of this process's work: nothing new is claimed, calls in flight get the
     * configured grace period to finish; the ones still in flight after it are marked unknown.
     */
    public void stop() {
        DailyCycle c;
        synchronized (this) {
            c = dailyCycle;
        }
        if (c != null) {
            List<String> abandoned = c.stop(config.shutdownGrace());
            if (!abandoned.isEmpty()) progress.accept("stopped with " + abandoned.size() + " call(s) still in flight after the grace period: marked unknown");
        }
    }

    /** The open-data export of this arena's database. */
    public Exporter exporter(String autobenchVersion) {
        return new Exporter(dataTables(db), db::schemaVersion, autobenchVersion, clock);
    }

    /**
     * The configured database, opened and migrated but otherwise untouched: an import needs it
     * empty, and building an arena would already have written the configured models.
     */
    public static Database openDatabase(Config config, Function<String, String> env) {
        return Database.open(config.database(), config.databaseUser(),
                config.databasePasswordEnv() == null ? null : env.apply(config.databasePasswordEnv()));
    }

    /** An importer into a database opened with {@link #openDatabase}. */
    public static Importer importer(Database db) {
        return new Importer(dataTables(db), db::schemaVersion);
    }

    private static DataTables dataTables(Database db) {
        return new DataTables(new ModelStore(db), new TaskStore(db), new SubmissionStore(db), new RenderStore(db),
                new ArtifactStore(db), new VoteStore(db), new SnapshotStore(db));
    }

    /** Spend today, this month and projected, against the budget. */
    public autobench.ops.Costs costs() {
        return new autobench.ops.Costs(ledger, config.dailyBudgetUsd(), config.zone(), clock);
    }

    public Verifier verifier() {
        return new Verifier(new Verifier.Sources(tasks, submissions, ledger, renders, budget, db::describe, costs()), clock);
    }

    /** The configured task generator: the built-in library, or a model asked for JSON with the library as fallback. */
    private TaskGenerator generator() {
        BuiltinLibrary library = new BuiltinLibrary();
        if (config.taskGenerator().equals("builtin")) return library;
        ModelConfig m = config.model(config.taskGenerator()).orElseThrow();
        int writerTokens = Math.max(4000, m.maxOutputTokens());
        var call = new TaskWriterCall(ledger, budget, m, provider(m, new HttpTransport(clock)), writerTokens, settings(),
                new Dispatcher.Runtime(clock, sleeper, owner, progress, meters));
        return new LlmTaskGenerator(call, m.id(), writerTokens, Duration.ofSeconds(m.timeoutSeconds()), library);
    }

    private Provider provider(ModelConfig m, HttpTransport http) {
        Provider override = providerOverrides.get(m.id());
        Provider counted = new autobench.provider.CountingProvider(override != null ? override : ProviderKind.adapterFor(m, env, http),
                providerCalls);
        return prompt -> {
            if (Site.servingVisitor()) visitorCalls.incrementAndGet();
            return counted.complete(prompt);
        };
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
