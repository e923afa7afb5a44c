package autobench.wiring;

import autobench.admin.AdminStore;
import autobench.admin.Operator;
import autobench.config.Config;
import autobench.cycle.CronStages;
import autobench.cycle.CronTrigger;
import autobench.cycle.Stage;
import autobench.dispatch.Sleeper;
import autobench.leaderboard.RatingHistory;
import autobench.provider.Provider;
import autobench.rating.RatingSettings;
import autobench.time.ArenaDay;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One process, assembled in one place from its roles, the config, the environment and the clock:
 * {@link Storage} always, a {@link Pipeline} for the {@code scheduler} and {@code worker} roles
 * (and the CLI commands that run stages), a {@link Website} for the {@code web} role. Everything
 * is built here, at once; nothing is built later on first use. A process without the pipeline has
 * no dispatcher and no provider at all: its operator's re-sends and its cron triggers are queued
 * in the database for a worker.
 */
public final class Assembly implements AutoCloseable {
    // Dispatch and render asked through a cron trigger can take as long as the slowest model: they run here.
    private static final ExecutorService CRON_BACKGROUND = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * What a process takes from outside besides its config.
     *
     * @param env               the environment variables (keys, secrets)
     * @param sleeper           how retries wait (tests: instantly)
     * @param progress          where progress lines go (stderr)
     * @param providerOverrides adapters to use instead of the configured ones, by model id (tests)
     */
    public record Environment(
            Function<String, String> env,
            Clock clock,
            Sleeper sleeper,
            Consumer<String> progress,
            Map<String, Provider> providerOverrides) {
        public Environment {
            providerOverrides = Map.copyOf(providerOverrides);
        }

        /** The real environment, the system clock, real sleeps, progress to stderr. */
        public static Environment system() {
            return new Environment(System::getenv, Clock.systemUTC(), Sleeper.REAL, System.err::println, Map.of());
        }
    }

    /** Every role: one process doing everything (the default {@code serve}, the demo). */
    public static final Set<Role> ALL = EnumSet.allOf(Role.class);
    /** The roles of a CLI command that runs stages (run-day, schedule, render, resend). */
    public static final Set<Role> PIPELINE = EnumSet.of(Role.scheduler, Role.worker);
    /** No role: a CLI command that only reads and reports (verify, cost, runs, export). */
    public static final Set<Role> TOOL = EnumSet.noneOf(Role.class);

    private final Set<Role> roles;
    private final Storage storage;
    private final Pipeline pipeline;
    private final Operator operator;
    private final CronTrigger cron;
    private final Website website;

    private Assembly(Set<Role> roles, Config config, Environment environment) {
        this.roles = Set.copyOf(roles);
        boolean webOnly = roles.equals(EnumSet.of(Role.web));
        this.storage = new Storage(config, environment.env(), environment.clock(), !webOnly);
        Set<Stage> stages =
                roles.equals(PIPELINE) || roles.equals(ALL) ? EnumSet.allOf(Stage.class) : Role.stages(roles);
        this.pipeline =
                Role.pipeline(roles) ? new Pipeline(storage, environment, stages, roles.contains(Role.worker)) : null;
        this.operator = new Operator(new Operator.Parts(
                storage.tasks(),
                storage.models(),
                storage.submissions(),
                storage.votes(),
                new AdminStore(storage.database()),
                resender(),
                id -> config.model(id)
                        .map(m -> new Operator.Pricing(
                                m.price().inputPerMillion(), m.price().outputPerMillion(), m.maxOutputTokens())),
                this::resnapshotFrom,
                storage.clock()));
        this.cron = new CronStages(new CronStages.Parts(
                storage.stageRuns(),
                storage.workRequests(),
                config.render().enabled(),
                storage::modelsRecorded,
                pipeline == null ? null : pipeline.workQueue()::runStage,
                CRON_BACKGROUND,
                storage.clock(),
                storage.owner()));
        this.website = roles.contains(Role.web)
                ? new Website(
                        storage, operator, cron, environment.env(), storage.visitorCalls()::get, storage::otherCalls)
                : null;
    }

    /** Builds the process for these roles; it owns the database connection until {@link #close()}. */
    public static Assembly assemble(Set<Role> roles, Config config, Environment environment) {
        return new Assembly(roles, config, environment);
    }

    /** A process with these roles in the real environment. */
    public static Assembly assemble(Set<Role> roles, Config config) {
        return assemble(roles, config, Environment.system());
    }

    public Set<Role> roles() {
        return roles;
    }

    public Storage storage() {
        return storage;
    }

    public Config config() {
        return storage.config();
    }
    /** The operator's actions (pages and CLI). */
    public Operator operator() {
        return operator;
    }
    /** What the cron triggers ask of this process. */
    public CronTrigger cron() {
        return cron;
    }

    public boolean hasPipeline() {
        return pipeline != null;
    }

    /** The pipeline; only a process with the scheduler or worker role (or a CLI command that runs stages) has one. */
    public Pipeline pipeline() {
        if (pipeline == null) throw new IllegalStateException("a process with the roles " + roles + " has no pipeline");
        return pipeline;
    }

    /** The website; only a process with the web role has one. */
    public Website website() {
        if (website == null) throw new IllegalStateException("a process with the roles " + roles + " has no website");
        return website;
    }

    public Optional<Pipeline> pipelineIfAny() {
        return Optional.ofNullable(pipeline);
    }

    /** The arena day it is now. */
    public ArenaDay today() {
        return storage.today();
    }

    /** A re-send: through this process's dispatcher when it has one, else queued for a worker. */
    private Operator.Resender resender() {
        if (pipeline != null) {
            return new Operator.Resender() {
                @Override
                public String resend(String actor, String submissionId) {
                    return pipeline.dispatcher().resend(submissionId).toString();
                }

                @Override
                public boolean sendsHere() {
                    return true;
                }
            };
        }
        return new Operator.Resender() {
            @Override
            public String resend(String actor, String submissionId) {
                var open = storage.workRequests().openResend(submissionId);
                if (open.isPresent())
                    return "already queued for a worker (request " + open.get().id() + ")";
                String id = storage.workRequests()
                        .addResend(submissionId, actor, storage.clock().millis());
                return "queued for a worker (request " + id + "): this web process sends nothing itself";
            }

            @Override
            public boolean sendsHere() {
                return false;
            }
        };
    }

    /** Recomputes the stored snapshots of every day that ends after {@code castAt}, from the votes that count now. */
    private void resnapshotFrom(long castAt) {
        RatingHistory history = new RatingHistory(storage.snapshots(), RatingSettings.DEFAULTS, storage.clock());
        for (LocalDate d : storage.snapshots().days()) {
            if (ArenaDay.of(d, config().zone()).endMillis() > castAt)
                history.record(
                        d,
                        storage.storedVotes()
                                .read(false, ArenaDay.of(d, config().zone()).endMillis()));
        }
    }

    /** Graceful stop: the pipeline's scheduler and calls in flight (see {@link Pipeline#stop()}); nothing else runs work. */
    public void stop() {
        if (pipeline != null) pipeline.stop();
    }

    @Override
    public void close() {
        storage.close();
    }
}
