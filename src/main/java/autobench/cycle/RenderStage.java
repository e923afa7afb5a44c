package autobench.cycle;

import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.dispatch.SubmissionStore;
import autobench.render.Artifact;
import autobench.render.ArtifactStore;
import autobench.render.Checks;
import autobench.render.RenderOutput;
import autobench.render.RenderStore;
import autobench.render.Renderer;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every succeeded submission of a day once, stores its artifacts and checks, and
 * publishes a task once all its answers are rendered (or failed to render: that is a result too).
 * The renderer is opened only when there is something to render.
 */
public final class RenderStage {
    private static final Logger log = LoggerFactory.getLogger(RenderStage.class);
    static final int MAX_ATTEMPTS = 2;

    private final TaskStore tasks;
    private final SubmissionStore submissions;
    private final RenderStore results;
    private final ArtifactStore artifacts;
    private final Supplier<Renderer> opener;
    private final Duration lease;
    private final Clock clock;
    private final String owner;
    private final Consumer<String> progress;
    private final MeterRegistry meters;
    private volatile boolean stopping;

    /** The tables the stage reads and writes. */
    public record Stores(TaskStore tasks, SubmissionStore submissions, RenderStore results, ArtifactStore artifacts) {}

    /**
     * What the stage runs on.
     *
     * @param owner    this process's identity, written into render leases
     * @param progress one line per render, for the console
     * @param meters   the process's metrics (renders by result, render time)
     */
    public record Runtime(Clock clock, String owner, Consumer<String> progress, MeterRegistry meters) {}

    /** @param opener opens the renderer; throws with a readable message when Chromium is missing or broken */
    public RenderStage(Stores stores, Supplier<Renderer> opener, Duration timeLimit, Runtime runtime) {
        this.tasks = stores.tasks();
        this.submissions = stores.submissions();
        this.results = stores.results();
        this.artifacts = stores.artifacts();
        this.opener = opener;
        this.lease = timeLimit.plusSeconds(120);
        this.clock = runtime.clock();
        this.owner = runtime.owner();
        this.progress = runtime.progress();
        this.meters = runtime.meters();
    }

    /** What one run of the stage did. {@code skipped} carries the reason when nothing could be rendered. */
    public record Report(int rendered, int failed, int published, String skipped) {}

    public Report renderDay(LocalDate day) {
        results.expireLeases(clock.millis(), MAX_ATTEMPTS);
        List<StoredTask> dayTasks = tasks.forDay(day).stream()
                .filter(t -> t.status() == TaskStatus.DISPATCHED)
                .toList();
        List<String> todo = new ArrayList<>();
        for (StoredTask t : dayTasks) {
            for (Submission s : submissions.forTask(t.id())) {
                if (s.status() != SubmissionStatus.SUCCEEDED) continue;
                results.createPending(s.id(), seedOf(s.id()), clock.millis());
                results.find(s.id())
                        .filter(r -> r.status() == RenderStore.State.PENDING)
                        .ifPresent(r -> todo.add(s.id()));
            }
        }
        Report r = render(todo);
        int published = r.skipped() == null ? publish(dayTasks) : 0;
        return new Report(r.rendered(), r.failed(), published, r.skipped());
    }

    /** Operator action: renders one submission again (for instance after a renderer fix). */
    public Report rerender(String submissionId) {
        Submission s = submissions
                .byId(submissionId)
                .orElseThrow(() -> new IllegalArgumentException("no submission with id " + submissionId));
        if (s.status() != SubmissionStatus.SUCCEEDED)
            throw new IllegalArgumentException("submission " + submissionId + " has no runnable code to render");
        results.createPending(s.id(), seedOf(s.id()), clock.millis());
        if (!results.reopen(s.id(), clock.millis()))
            throw new IllegalStateException("submission " + submissionId + " is being rendered right now");
        artifacts.removeFor(s.id());
        return render(List.of(s.id()));
    }

    private Report render(List<String> ids) {
        if (ids.isEmpty()) return new Report(0, 0, 0, null);
        Renderer renderer;
        try {
            renderer = opener.get();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("render stage skipped: {}", why);
            return new Report(0, 0, 0, why);
        }
        int done = 0, failed = 0;
        try (renderer) {
            for (String id : ids) {
                if (stopping) break; // unclaimed renders stay pending; rendering costs nothing, the next run does them
                if (!results.claim(id, owner, clock.millis() + lease.toMillis(), clock.millis())) continue;
                Submission s = submissions.byId(id).orElseThrow();
                RenderStore.Row row = results.find(id).orElseThrow();
                try {
                    long t0 = System.nanoTime();
                    RenderOutput out = renderer.render(s.code(), row.seed());
                    meters.timer("autobench.render.duration").record(Duration.ofNanos(System.nanoTime() - t0));
                    meters.counter("autobench.renders", "result", out.status().wireName())
                            .increment();
                    for (Artifact a : out.artifacts()) artifacts.put(id, a, clock.millis());
                    results.complete(id, owner, out, clock.millis());
                    done++;
                    progress.accept(
                            "rendered " + s.modelId() + " · " + out.status().wireName() + checks(out.checks())
                                    + (out.reason() == null || out.reason().isEmpty() ? "" : " — " + out.reason()));
                } catch (RuntimeException e) {
                    log.error("renderer failed on submission {}", id, e);
                    results.fail(
                            id, owner, "the renderer failed: " + e.getClass().getSimpleName(), clock.millis());
                    meters.counter("autobench.renders", "result", "render_failed")
                            .increment();
                    failed++;
                }
            }
        }
        return new Report(done, failed, 0, null);
    }

    /** Graceful stop: the render in progress finishes; nothing new is claimed. */
    public void stop() {
        stopping = true;
    }

    private int publish(List<StoredTask> dayTasks) {
        int n = 0;
        for (StoredTask t : dayTasks) {
            boolean allDone = submissions.forTask(t.id()).stream()
                    .filter(s -> s.status() == SubmissionStatus.SUCCEEDED)
                    .allMatch(s -> results.find(s.id())
                            .map(r -> r.status() == RenderStore.State.DONE)
                            .orElse(false));
            if (allDone && tasks.advance(t.id(), TaskStatus.DISPATCHED, TaskStatus.PUBLISHED, clock.millis())) n++;
        }
        return n;
    }

    private static String checks(Checks c) {
        return " [" + (c.runs() ? "runs " : "") + (c.notBlank() ? "not_blank " : "") + (c.animates() ? "animates " : "")
                + (c.interactive() ? "interactive" : "") + "]";
    }

    /** The page's Math.random seed: fixed per submission, so its poster is reproducible. */
    static long seedOf(String submissionId) {
        long h = 1125899906842597L;
        for (int i = 0; i < submissionId.length(); i++) h = 31 * h + submissionId.charAt(i);
        return h;
    }
}
