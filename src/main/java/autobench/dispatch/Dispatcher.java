package autobench.dispatch;

import autobench.config.Config;
import autobench.extract.Extractor;
import autobench.provider.ModelConfig;
import autobench.provider.Provider;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private final Map<String, ModelConfig> models;
    private final Map<String, Provider> providers;
    private final Config.Dispatch settings;
    private final Budget budget;
    private final Clock clock;
    private final String owner;
    private final Consumer<String> progress;
    private final SubmissionCall call;
    private final Map<String, Semaphore> limits = new ConcurrentHashMap<>();

    /**
     * @param models    enabled models by id
     * @param providers adapter per model id
     * @param owner     this process's identity, written into leases and the ledger
     */
    public Dispatcher(TaskStore tasks, SubmissionStore submissions, CallLedger ledger, Map<String, ModelConfig> models,
                      Map<String, Provider> providers, Config.Dispatch settings, Budget budget, Extractor extractor,
                      Clock clock, Sleeper sleeper, String owner, Consumer<String> progress) {
        this.tasks = tasks;
        this.submissions = submissions;
        this.ledger = ledger;
        this.models = Map.copyOf(models);
        this.providers = Map.copyOf(providers);
        this.settings = settings;
        this.budget = budget;
        this.clock = clock;
        this.owner = owner;
        this.progress = progress;
        this.call = new SubmissionCall(submissions, ledger, extractor, settings, clock, sleeper, owner);
    }

    /**
     * Dispatches every approved task of a day, and of earlier days still waiting (left pending by
     * the budget cap, say), oldest first; idempotent.
     */
    public DispatchReport dispatchDay(LocalDate day) {
        reapExpiredLeases();
        List<StoredTask> dayTasks = tasks.approvedUpTo(day);
        List<Job> jobs = new ArrayList<>();
        for (StoredTask t : dayTasks) {
            for (ModelConfig m : models.values()) {
                submissions.createPending(t.id(), m.id(), clock.millis());
                submissions.find(t.id(), m.id())
                        .filter(s -> s.status() == SubmissionStatus.PENDING)
                        .ifPresent(s -> jobs.add(new Job(s.id(), t, m, "first")));
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

    /** Operator action: sends an unknown or failed submission again, as a new ledger attempt. */
    public DispatchReport resend(String submissionId) {
        reapExpiredLeases();
        Submission s = submissions.byId(submissionId)
                .orElseThrow(() -> new IllegalArgumentException("no submission with id " + submissionId));
        ModelConfig m = models.get(s.modelId());
        if (m == null) throw new IllegalArgumentException("model " + s.modelId() + " is not configured and enabled");
        if (!submissions.reopen(submissionId, clock.millis())) {
            throw new IllegalStateException("submission " + submissionId + " is " + s.status().wireName()
                    + "; only unknown or failed submissions can be re-sent");
        }
        StoredTask t = tasks.byId(s.taskId()).orElseThrow();
        log.warn("operator re-send of submission {} ({} / {})", submissionId, t.title(), m.id());
        return run(List.of(new Job(submissionId, t, m, "operator_resend")));
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

    private record Job(String submissionId, StoredTask task, ModelConfig model, String reason) {}

    private DispatchReport run(List<Job> jobs) {
        DispatchReport report = new DispatchReport();
        if (jobs.isEmpty()) return report;
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "lease-heartbeat");
            th.setDaemon(true);
            return th;
        });
        Map<String, Long> live = new ConcurrentHashMap<>();
        long beat = Math.max(1, settings.leaseMarginSeconds() / 3);
        heartbeat.scheduleAtFixedRate(() -> live.forEach((id, timeoutMs) -> {
            try {
                submissions.renew(id, owner, clock.millis() + timeoutMs + settings.leaseMarginSeconds() * 1000L);
            } catch (RuntimeException e) {
                log.warn("could not renew lease of {}: {}", id, e.getMessage());
            }
        }), beat, beat, TimeUnit.SECONDS);
        int total = jobs.size();
        var done = new java.util.concurrent.atomic.AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> {
                    Semaphore limit = limits.computeIfAbsent(j.model().provider(), p -> new Semaphore(settings.concurrencyFor(p), true));
                    limit.acquireUninterruptibly();
                    try {
                        String line = runOne(j, live, report);
                        progress.accept("[" + done.incrementAndGet() + "/" + total + "] " + j.model().id() + " · " + j.task().title() + " → " + line);
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

    private String runOne(Job j, Map<String, Long> live, DispatchReport report) {
        double reservation = budget.reserve(j.model(), clock);
        if (reservation < 0) {
            report.overBudget.incrementAndGet();
            return "left pending: the daily budget would be passed";
        }
        long timeoutMs = j.model().timeoutSeconds() * 1000L;
        if (!submissions.claim(j.submissionId(), owner, clock.millis() + timeoutMs + settings.leaseMarginSeconds() * 1000L, clock.millis())) {
            budget.release(reservation);
            report.claimedElsewhere.incrementAndGet();
            return "already claimed by another process";
        }
        live.put(j.submissionId(), timeoutMs);
        try {
            SubmissionResult r = call.run(j.submissionId(), j.task(), j.model(), providers.get(j.model().id()), j.reason(), report);
            (r.status() == SubmissionStatus.SUCCEEDED ? report.succeeded : report.failed).incrementAndGet();
            log.info("submission {} ({} / {}): {} {}{}", j.submissionId(), j.task().day(), j.model().id(), r.status().wireName(),
                    r.outcome().wireName(), r.reason() == null ? "" : " — " + r.reason());
            return r.status().wireName() + " (" + r.outcome().wireName() + (r.reason() == null ? "" : ": " + r.reason()) + ")";
        } finally {
            live.remove(j.submissionId());
            budget.release(reservation);
        }
    }

    /** Which zone's day the budget counts in. */
    public static long dayStart(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
