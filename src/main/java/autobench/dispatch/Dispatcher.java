package autobench.dispatch;

import autobench.extract.Extractor;
import autobench.provider.ModelConfig;
import autobench.provider.Provider;
import autobench.provider.ProviderKind;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each approved task once to each enabled model. The order is what makes it exactly-once:
 * create the row (UNIQUE), claim it (conditional UPDATE), write the ledger row (UNIQUE attempt),
 * and only then send. A claim that dies mid-call becomes {@code unknown}, never pending again.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final TaskStore tasks;
    private final SubmissionStore submissions;
    private final CallLedger ledger;
    private final Map<String, Route> routes;
    private final Supplier<Set<String>> switchedOff;
    private final DispatchSettings settings;
    private final Budget budget;
    private final Clock clock;
    private final String owner;
    private final Consumer<String> progress;
    private final SubmissionCall call;
    // One semaphore per provider for the life of this dispatcher: build one dispatcher per process.
    private final Map<ProviderKind, Semaphore> limits = new ConcurrentHashMap<>();
    // Calls in flight in this process (submission id → call timeout), for the lease heartbeat and a graceful stop.
    private final Map<String, Long> live = new ConcurrentHashMap<>();
    // Threads waiting to retry: a stop wakes them so that they give their claim back.
    private final Set<Thread> waitingToRetry = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** The tables dispatch writes. */
    public record Stores(TaskStore tasks, SubmissionStore submissions, CallLedger ledger) {}

    /** An enabled model and the adapter that calls it. */
    public record Route(ModelConfig model, Provider provider) {}

    /**
     * What the dispatcher runs on.
     *
     * @param owner    this process's identity, written into leases and the ledger
     * @param progress one line per finished call, for the console
     * @param meters   the process's metrics (calls, latency, tokens, cost per provider and model)
     */
    public record Runtime(
            Clock clock, Sleeper sleeper, String owner, Consumer<String> progress, MeterRegistry meters) {}

    /** @param routes enabled models by id */
    public Dispatcher(
            Stores stores,
            Map<String, Route> routes,
            DispatchSettings settings,
            Budget budget,
            Extractor extractor,
            Runtime runtime) {
        this(stores, routes, Set::of, settings, budget, extractor, runtime);
    }

    /**
     * @param routes      enabled models by id
     * @param switchedOff the models an operator has disabled (read at each dispatch): they get no new submissions
     */
    public Dispatcher(
            Stores stores,
            Map<String, Route> routes,
            Supplier<Set<String>> switchedOff,
            DispatchSettings settings,
            Budget budget,
            Extractor extractor,
            Runtime runtime) {
        this.switchedOff = switchedOff;
        this.tasks = stores.tasks();
        this.submissions = stores.submissions();
        this.ledger = stores.ledger();
        this.routes = Map.copyOf(routes);
        this.settings = settings;
        this.budget = budget;
        this.clock = runtime.clock();
        this.owner = runtime.owner();
        this.progress = runtime.progress();
        this.call = new SubmissionCall(
                submissions,
                ledger,
                extractor,
                settings,
                clock,
                stoppable(runtime.sleeper()),
                owner,
                new CallMetrics(runtime.meters()));
    }

    /**
     * Dispatches every approved task of a day, and of earlier days still waiting (left pending by
     * the budget cap, say), oldest first; idempotent.
     */
    public DispatchReport dispatchDay(LocalDate day) {
        reapExpiredLeases();
        List<StoredTask> dayTasks = tasks.approvedUpTo(day);
        List<Job> jobs = new ArrayList<>();
        Set<String> off = switchedOff.get();
        for (StoredTask t : dayTasks) {
            for (Route r : routes.values()) {
                if (off.contains(r.model().id())) continue; // an operator disabled it: no new submissions
                submissions.createPending(t.id(), r.model().id(), clock.millis());
                submissions
                        .find(t.id(), r.model().id())
                        .filter(s -> s.status() == SubmissionStatus.PENDING)
                        .ifPresent(s -> jobs.add(new Job(s.id(), t, r, CallReason.FIRST)));
            }
        }
        DispatchReport report = run(jobs);
        for (StoredTask t : dayTasks) {
            if (submissions.forTask(t.id()).stream().allMatch(s -> s.status().terminal())) {
                tasks.advance(t.id(), TaskStatus.APPROVED, TaskStatus.DISPATCHED, clock.millis());
            }
        }
        return report;
    }

    /**
     * Calls of this day's tasks (and of earlier days still waiting) that some process holds right
     * now: in flight elsewhere, or left by a process that died and whose lease has not run out.
     */
    public long callsInFlight(LocalDate day) {
        return tasks.approvedUpTo(day).stream()
                .flatMap(t -> submissions.forTask(t.id()).stream())
                .filter(s -> s.status() == SubmissionStatus.CALLING)
                .count();
    }

    /** Operator action: sends an unknown or failed submission again, as a new ledger attempt. */
    public DispatchReport resend(String submissionId) {
        reapExpiredLeases();
        Submission s = submissions
                .byId(submissionId)
                .orElseThrow(() -> new IllegalArgumentException("no submission with id " + submissionId));
        Route r = routes.get(s.modelId());
        if (r == null) throw new IllegalArgumentException("model " + s.modelId() + " is not configured and enabled");
        if (switchedOff.get().contains(s.modelId())) {
            throw new IllegalArgumentException("model " + s.modelId()
                    + " is disabled by an operator; enable it first (autobench admin enable-model)");
        }
        if (!submissions.reopen(submissionId, clock.millis())) {
            throw new IllegalStateException("submission " + submissionId + " is "
                    + s.status().wireName() + "; only unknown or failed submissions can be re-sent");
        }
        StoredTask t = tasks.byId(s.taskId()).orElseThrow();
        log.warn(
                "operator re-send of submission {} ({} / {})",
                submissionId,
                t.title(),
                r.model().id());
        return run(List.of(new Job(submissionId, t, r, CallReason.OPERATOR_RESEND)));
    }

    /** Calls waiting for a free slot of this provider's limit (tests watch it; an operator page may show it). */
    int waiting(ProviderKind provider) {
        Semaphore s = limits.get(provider);
        return s == null ? 0 : s.getQueueLength();
    }

    /** Claims whose process died become unknown, and their in-flight ledger rows too. */
    public List<String> reapExpiredLeases() {
        List<String> expired = submissions.expireLeases(clock.millis());
        for (String id : expired) {
            ledger.markInFlightUnknown(id, clock.millis());
            log.warn("submission {} was in flight when its process stopped; marked unknown, not re-sent", id);
        }
        return expired;
    }

    private record Job(String submissionId, StoredTask task, Route route, CallReason reason) {
        ModelConfig model() {
            return route.model();
        }
    }

    private DispatchReport run(List<Job> jobs) {
        DispatchReport report = new DispatchReport();
        if (jobs.isEmpty()) return report;
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "lease-heartbeat");
            th.setDaemon(true);
            return th;
        });
        long beat = Math.max(1, settings.leaseMarginSeconds() / 3);
        heartbeat.scheduleAtFixedRate(
                () -> live.forEach((id, timeoutMs) -> {
                    try {
                        submissions.renew(
                                id, owner, clock.millis() + timeoutMs + settings.leaseMarginSeconds() * 1000L);
                    } catch (RuntimeException e) {
                        log.warn("could not renew lease of {}: {}", id, e.getMessage());
                    }
                }),
                beat,
                beat,
                TimeUnit.SECONDS);
        int total = jobs.size();
        var done = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> {
                    Semaphore limit = limits.computeIfAbsent(
                            j.model().provider(), p -> new Semaphore(settings.concurrencyFor(p), true));
                    limit.acquireUninterruptibly();
                    try {
                        String line = stopping ? stoppedBeforeClaim(report) : runOne(j, report);
                        progress.accept("[" + done.incrementAndGet() + "/" + total + "] "
                                + j.model().id() + " · " + j.task().title() + " → " + line);
                    } finally {
                        limit.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    log.error("dispatch job failed unexpectedly", e);
                    report.errors.incrementAndGet();
                }
            }
        } finally {
            heartbeat.shutdownNow();
        }
        return report;
    }

    private static String stoppedBeforeClaim(DispatchReport report) {
        report.stopped.incrementAndGet();
        return "left pending: the process is stopping";
    }

    private String runOne(Job j, DispatchReport report) {
        OptionalDouble reserved = budget.reserve(j.model(), clock);
        if (reserved.isEmpty()) {
            report.overBudget.incrementAndGet();
            return "left pending: the daily budget would be passed";
        }
        double reservation = reserved.getAsDouble();
        long timeoutMs = j.model().timeoutSeconds() * 1000L;
        if (!submissions.claim(
                j.submissionId(),
                owner,
                clock.millis() + timeoutMs + settings.leaseMarginSeconds() * 1000L,
                clock.millis())) {
            budget.release(reservation);
            report.claimedElsewhere.incrementAndGet();
            return "already claimed by another process";
        }
        live.put(j.submissionId(), timeoutMs);
        try {
            var stored =
                    call.run(j.submissionId(), j.task(), j.model(), j.route().provider(), j.reason(), report);
            if (stored.isEmpty()) return stoppedBeforeClaim(report);
            SubmissionResult r = stored.get();
            (r.status() == SubmissionStatus.SUCCEEDED ? report.succeeded : report.failed).incrementAndGet();
            log.info(
                    "submission {} ({} / {}): {} {}{}",
                    j.submissionId(),
                    j.task().day(),
                    j.model().id(),
                    r.status().wireName(),
                    r.outcome().wireName(),
                    r.reason() == null ? "" : " — " + r.reason());
            return r.status().wireName() + " (" + r.outcome().wireName() + (r.reason() == null ? "" : ": " + r.reason())
                    + ")";
        } finally {
            live.remove(j.submissionId());
            budget.release(reservation);
        }
    }

    /**
     * Graceful stop: claim nothing more, wake calls waiting to retry (they give their claims back),
     * and wait up to {@code grace} for the calls in flight to finish and store their results. Calls
     * still in flight after that are marked unknown at once: the provider may bill them.
     *
     * @return the submissions abandoned in flight (empty after a clean stop)
     */
    public List<String> stop(Duration grace) {
        stopping = true;
        waitingToRetry.forEach(Thread::interrupt);
        long until = System.nanoTime() + grace.toNanos();
        while (!live.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> abandoned = new ArrayList<>();
        for (String id : List.copyOf(live.keySet())) {
            if (submissions.abandon(id, owner, clock.millis())) {
                ledger.markInFlightUnknown(id, clock.millis());
                abandoned.add(id);
                log.warn(
                        "submission {} was still in flight when the grace period ended; marked unknown, not re-sent",
                        id);
            }
        }
        return abandoned;
    }

    public boolean stopping() {
        return stopping;
    }

    /** The retry wait, woken by a stop. */
    private Sleeper stoppable(Sleeper sleeper) {
        return d -> {
            waitingToRetry.add(Thread.currentThread());
            try {
                if (stopping) throw new InterruptedException("stopping");
                sleeper.sleep(d);
            } finally {
                waitingToRetry.remove(Thread.currentThread());
            }
            if (stopping) throw new InterruptedException("stopping");
        };
    }
}
