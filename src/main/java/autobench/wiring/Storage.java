package autobench.wiring;

import autobench.config.Config;
import autobench.cycle.StageHealth;
import autobench.cycle.StageRuns;
import autobench.cycle.WorkRequestStore;
import autobench.db.Database;
import autobench.dispatch.Budget;
import autobench.dispatch.CallLedger;
import autobench.dispatch.ModelStore;
import autobench.dispatch.SubmissionStatus;
import autobench.dispatch.SubmissionStore;
import autobench.leaderboard.SnapshotStore;
import autobench.leaderboard.StoredVotes;
import autobench.ops.Costs;
import autobench.ops.DataTables;
import autobench.ops.Exporter;
import autobench.ops.Importer;
import autobench.ops.Verifier;
import autobench.render.ArtifactStore;
import autobench.render.RenderStore;
import autobench.task.TaskStore;
import autobench.time.ArenaDay;
import autobench.vote.Reveal;
import autobench.vote.VoteStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What every process has: the database, the owner of each table, the clock, the process's
 * identity and meters, and the reports read from the tables (costs, the integrity report). Built
 * whole when the process starts; every accessor returns the one instance it built.
 */
public final class Storage implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final String owner = processIdentity();
    private final AtomicLong providerCalls = new AtomicLong();
    private final AtomicLong visitorCalls = new AtomicLong();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Database database;
    private final TaskStore tasks;
    private final SubmissionStore submissions;
    private final CallLedger ledger;
    private final ModelStore models;
    private final VoteStore votes;
    private final Reveal reveal;
    private final StoredVotes storedVotes;
    private final RenderStore renders;
    private final ArtifactStore artifacts;
    private final SnapshotStore snapshots;
    private final StageRuns stageRuns;
    private final WorkRequestStore workRequests;
    private final Budget budget;
    private final Costs costs;
    private final Verifier verifier;

    /**
     * @param recordModels whether to record the configured models in the database; a web-only
     *                     process does not (it may run as the web database user, which cannot)
     */
    Storage(Config config, Function<String, String> env, Clock clock, boolean recordModels) {
        this.config = config;
        this.clock = clock;
        this.database = openDatabase(config, env);
        database.publishPoolMetrics(meters);
        this.tasks = new TaskStore(database);
        this.submissions = new SubmissionStore(database);
        this.ledger = new CallLedger(database);
        this.models = new ModelStore(database);
        this.votes = new VoteStore(database);
        this.reveal = new Reveal(config.voting().revealAfterDays(), config.zone(), clock);
        this.storedVotes = new StoredVotes(votes, reveal);
        this.renders = new RenderStore(database);
        this.artifacts = new ArtifactStore(database);
        this.snapshots = new SnapshotStore(database);
        this.stageRuns = new StageRuns(database);
        this.workRequests = new WorkRequestStore(database);
        this.budget = new Budget(config.dailyBudgetUsd(), ledger, config.zone());
        this.costs = new Costs(ledger, config.dailyBudgetUsd(), config.zone(), clock);
        StageHealth schedule = new StageHealth(
                stageRuns, workRequests, config.schedule(), config.render().enabled(), config.zone(), clock);
        this.verifier = new Verifier(
                new Verifier.Sources(
                        tasks,
                        submissions,
                        ledger,
                        renders,
                        budget,
                        database::describe,
                        costs,
                        () -> {
                            StageHealth.Findings f = schedule.check();
                            return new Verifier.Findings(f.problems(), f.warnings());
                        },
                        votes::danglingReferences),
                clock);
        queueGauges();
        if (recordModels) {
            models.sync(
                    config.models().stream()
                            .map(m -> new ModelStore.Row(
                                    m.id(),
                                    m.provider().wireName(),
                                    m.model(),
                                    m.isDemo(),
                                    m.price().inputPerMillion(),
                                    m.price().outputPerMillion(),
                                    m.enabled(),
                                    m.facts().contextWindow(),
                                    m.facts().openWeights(),
                                    m.facts().servedFrom()))
                            .toList(),
                    clock.millis());
        }
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }
    /** When each task's answers are named and its votes counted (voting.reveal_after_days). */
    public Reveal reveal() {
        return reveal;
    }

    public Database database() {
        return database;
    }

    public TaskStore tasks() {
        return tasks;
    }

    public SubmissionStore submissions() {
        return submissions;
    }

    public CallLedger ledger() {
        return ledger;
    }

    public ModelStore models() {
        return models;
    }

    public VoteStore votes() {
        return votes;
    }
    /** The stored votes as the rating code reads them. */
    public StoredVotes storedVotes() {
        return storedVotes;
    }

    public RenderStore renders() {
        return renders;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public StageRuns stageRuns() {
        return stageRuns;
    }
    /** Work handed from web-only processes to the workers (cron stage runs, re-sends). */
    public WorkRequestStore workRequests() {
        return workRequests;
    }

    public Budget budget() {
        return budget;
    }
    /** Spend today, this month and projected, against the budget. */
    public Costs costs() {
        return costs;
    }
    /** The integrity report. */
    public Verifier verifier() {
        return verifier;
    }
    /** This process's identity in leases, runs and the ledger (host/pid/random). */
    public String owner() {
        return owner;
    }
    /** Calls that reached a provider adapter in this process; only the pipeline counts up. */
    public AtomicLong providerCalls() {
        return providerCalls;
    }
    /** Of those, the calls made while a thread served a visitor's request (Site.servingVisitor): must stay 0. */
    public AtomicLong visitorCalls() {
        return visitorCalls;
    }
    /** The rest: the schedule's, the workers', the cron triggers' and the operator's. */
    public long otherCalls() {
        return providerCalls.get() - visitorCalls.get();
    }
    /** The process's metrics, in Prometheus's text format at /metrics. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The arena day it is now, in the configured zone. */
    public ArenaDay today() {
        return ArenaDay.today(clock, config.zone());
    }

    /** Whether the database answers a trivial query now (for /readyz). */
    public boolean databaseAnswers() {
        try {
            return database.jdbi()
                            .withHandle(h -> h.createQuery("SELECT 1")
                                    .mapTo(Integer.class)
                                    .one())
                    == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the models table holds a model a dispatch can call (a worker records the configured ones). */
    public boolean modelsRecorded() {
        var off = models.disabledIds();
        return models.all().stream().anyMatch(m -> m.enabled() && !off.contains(m.id()));
    }

    /** A new open-data exporter of this database. */
    public Exporter newExporter(String autobenchVersion) {
        return new Exporter(dataTables(database), database::schemaVersion, autobenchVersion, reveal);
    }

    /**
     * The configured database, opened and migrated but otherwise untouched: an import needs it
     * empty, and opening storage would already have written the configured models.
     */
    public static Database openDatabase(Config config, Function<String, String> env) {
        return Database.open(
                config.database(),
                config.databaseUser(),
                config.databasePasswordEnv() == null ? null : env.apply(config.databasePasswordEnv()),
                config.databasePoolSize());
    }

    /** A new importer into a database opened with {@link #openDatabase}. */
    public static Importer newImporter(Database db) {
        return new Importer(dataTables(db), db::schemaVersion);
    }

    private static DataTables dataTables(Database db) {
        return new DataTables(
                new ModelStore(db),
                new TaskStore(db),
                new SubmissionStore(db),
                new RenderStore(db),
                new ArtifactStore(db),
                new VoteStore(db),
                new SnapshotStore(db));
    }

    /** Work waiting, read from the database when scraped (so every process reports the whole arena's queue). */
    private void queueGauges() {
        for (SubmissionStatus s : SubmissionStatus.values()) {
            Gauge.builder(
                            "autobench.submissions",
                            submissions,
                            st -> st.countsByStatus().getOrDefault(s, 0))
                    .tag("status", s.wireName())
                    .description("submissions by status, arena-wide")
                    .register(meters);
        }
        Gauge.builder("autobench.renders.pending", renders, r -> r.counts().getOrDefault("pending", 0))
                .description("answers waiting to be rendered, arena-wide")
                .register(meters);
    }

    private static String processIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        database.close();
    }
}
