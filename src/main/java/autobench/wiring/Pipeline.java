package autobench.wiring;

import autobench.config.Config;
import autobench.cycle.DailyCycle;
import autobench.cycle.RenderStage;
import autobench.cycle.Scheduler;
import autobench.cycle.Stage;
import autobench.cycle.StageRunner;
import autobench.cycle.WorkQueue;
import autobench.dispatch.Dispatcher;
import autobench.dispatch.TaskWriterCall;
import autobench.extract.HtmlExtractor;
import autobench.leaderboard.RatingHistory;
import autobench.provider.Adapters;
import autobench.provider.CountingProvider;
import autobench.provider.HttpTransport;
import autobench.provider.ModelConfig;
import autobench.provider.Provider;
import autobench.rating.RatingSettings;
import autobench.render.RenderConfig;
import autobench.render.Renderer;
import autobench.task.BuiltinLibrary;
import autobench.task.DailyTasks;
import autobench.task.LlmTaskGenerator;
import autobench.task.TaskGenerator;
import autobench.web.Site;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a {@code scheduler} or {@code worker} process has besides storage: the task writer, the
 * process's one dispatcher (so its per-provider limits hold for the whole process), the render
 * stage, the daily cycle, the stage runner, the queue of work handed on by web processes, and the
 * scheduler for the process's stages. The only module that holds a provider; built whole at start.
 */
public final class Pipeline {
    private final Config config;
    private final DailyTasks dailyTasks;
    private final Dispatcher dispatcher;
    private final RenderStage renderStage;
    private final DailyCycle dailyCycle;
    private final StageRunner stageRunner;
    private final WorkQueue workQueue;
    private final Scheduler scheduler;
    private final Assembly.Environment environment;

    /** @param stages the stages this process's scheduler runs when due (its roles; all of them for the CLI) */
    Pipeline(Storage storage, Assembly.Environment environment, Set<Stage> stages, boolean sendsResends) {
        this.config = storage.config();
        this.environment = environment;
        HttpTransport http = new HttpTransport(storage.clock());
        this.dailyTasks = new DailyTasks(
                storage.tasks(), generator(storage, http), config.tasksPerDay(), config.autoApprove(), storage.clock());
        Map<String, Dispatcher.Route> routes = new LinkedHashMap<>();
        for (ModelConfig m : config.enabledModels())
            routes.put(m.id(), new Dispatcher.Route(m, provider(storage, m, http)));
        this.dispatcher = new Dispatcher(
                new Dispatcher.Stores(storage.tasks(), storage.submissions(), storage.ledger()),
                routes,
                storage.models()::disabledIds,
                config.dispatch(),
                storage.budget(),
                new HtmlExtractor(),
                new Dispatcher.Runtime(
                        storage.clock(),
                        environment.sleeper(),
                        storage.owner(),
                        environment.progress(),
                        storage.meters()));
        this.renderStage = renderStage(storage);
        this.dailyCycle = new DailyCycle(
                dailyTasks,
                dispatcher,
                config.render().enabled() ? renderStage : null,
                storage.tasks(),
                new RatingHistory(storage.snapshots(), RatingSettings.DEFAULTS, storage.clock()),
                storage.storedVotes(),
                config.zone());
        this.stageRunner = new StageRunner(
                dailyCycle,
                storage.stageRuns(),
                storage.clock(),
                storage.owner(),
                config.schedule().stageLease());
        this.workQueue = new WorkQueue(
                stageRunner,
                sendsResends ? id -> dispatcher.resend(id).toString() : null,
                storage.workRequests(),
                stages,
                storage.clock(),
                storage.owner());
        this.scheduler =
                new Scheduler(stageRunner, workQueue, config.schedule(), config.zone(), storage.clock(), stages);
    }

    public DailyTasks dailyTasks() {
        return dailyTasks;
    }
    /** The process's one dispatcher: every dispatch and re-send goes through it, under one set of limits. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }
    /** The render stage; it opens Chromium only when it has something to render. */
    public RenderStage renderStage() {
        return renderStage;
    }
    /** The whole day: generate, dispatch, render (unless switched off), snapshot yesterday's ratings. */
    public DailyCycle dailyCycle() {
        return dailyCycle;
    }
    /** Runs single stages at most once across all processes: for the scheduler and the cron endpoints. */
    public StageRunner stageRunner() {
        return stageRunner;
    }
    /** The work web-only processes handed on, taken on every scheduler tick. */
    public WorkQueue workQueue() {
        return workQueue;
    }
    /** The scheduler of this process's stages. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Graceful stop of this process's work: nothing new is claimed, calls in flight get the
     * configured grace period to finish; the ones still in flight after it are marked unknown.
     */
    public void stop() {
        scheduler.stop();
        List<String> abandoned = dailyCycle.stop(config.shutdownGrace());
        if (!abandoned.isEmpty()) {
            environment
                    .progress()
                    .accept("stopped with " + abandoned.size()
                            + " call(s) still in flight after the grace period: marked unknown");
        }
    }

    /**
     * A missing Chromium is not an error here: the stage reports it once when it has something to
     * render, and the rest of the cycle goes on.
     */
    private RenderStage renderStage(Storage storage) {
        Config.Render rc = storage.config().render();
        Supplier<Renderer> opener = () -> {
            Path chromium = rc.chromium() != null
                    ? Path.of(rc.chromium())
                    : Renderer.find().orElseThrow(() -> new IllegalStateException(Renderer.installHint()));
            return Renderer.open(RenderConfig.defaults(chromium)
                    .withViewport(rc.width(), rc.height())
                    .withTimeLimit(Duration.ofSeconds(rc.timeLimitSeconds()))
                    .withLanes(rc.lanes()));
        };
        return new RenderStage(
                new RenderStage.Stores(storage.tasks(), storage.submissions(), storage.renders(), storage.artifacts()),
                opener,
                Duration.ofSeconds(rc.timeLimitSeconds()),
                new RenderStage.Runtime(storage.clock(), storage.owner(), environment.progress(), storage.meters()));
    }

    /** The configured task generator: the built-in library, or a model asked for JSON with the library as fallback. */
    private TaskGenerator generator(Storage storage, HttpTransport http) {
        BuiltinLibrary library = new BuiltinLibrary();
        if (config.taskGenerator().equals("builtin")) return library;
        ModelConfig m = config.model(config.taskGenerator()).orElseThrow();
        int writerTokens = Math.max(4000, m.maxOutputTokens());
        // The writer's call goes through the ledger like an answer's: claimed first, priced, budgeted, once per day.
        var call = new TaskWriterCall(
                storage.ledger(),
                storage.budget(),
                m,
                provider(storage, m, http),
                writerTokens,
                config.dispatch(),
                new Dispatcher.Runtime(
                        storage.clock(),
                        environment.sleeper(),
                        storage.owner(),
                        environment.progress(),
                        storage.meters()));
        return new LlmTaskGenerator(call, m.id(), writerTokens, Duration.ofSeconds(m.timeoutSeconds()), library);
    }

    private Provider provider(Storage storage, ModelConfig m, HttpTransport http) {
        Provider override = environment.providerOverrides().get(m.id());
        Provider counted = new CountingProvider(
                override != null ? override : Adapters.forModel(m, environment.env(), http), storage.providerCalls());
        // A call made while this thread serves a visitor's request is counted apart: it must never happen.
        return prompt -> {
            if (Site.servingVisitor()) storage.visitorCalls().incrementAndGet();
            return counted.complete(prompt);
        };
    }
}
