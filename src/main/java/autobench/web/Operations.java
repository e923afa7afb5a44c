package autobench.web;

import autobench.cycle.Stage;
import autobench.cycle.StageRunner;
import autobench.cycle.StageRuns;
import autobench.ops.CronGate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine-facing endpoints of the main origin: the seed's cron triggers, health and metrics.
 * A trigger runs a stage of today through the same run history the scheduler uses, so a stage runs
 * once however often (and from however many schedulers) it is called; a second call says what was done.
 *
 * @param gate    who may trigger (x-cron-secret) and scrape metrics
 * @param today   the arena day in the configured zone
 * @param ready   whether the database answers
 * @param metrics the process's metrics in Prometheus's text format
 */
public record Operations(CronGate gate, StageRunner runner, StageRuns runs, Supplier<LocalDate> today, BooleanSupplier ready,
                         Supplier<String> metrics) {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Dispatch and render can take as long as the slowest model: they run here, the caller gets 202 at once.
    private static final ExecutorService BACKGROUND = Executors.newVirtualThreadPerTaskExecutor();

    // The paths are in Routes: POST /api/cron/{stage}, GET /healthz, /readyz and /metrics.

    void health(Context ctx) {
        ctx.contentType("text/plain").result("ok\n");
    }

    void readiness(Context ctx) {
        boolean ok = ready.getAsBoolean();
        ctx.status(ok ? 200 : 503).contentType("text/plain").result(ok ? "ready\n" : "database not reachable\n");
    }

    void metrics(Context ctx, Origins origins) {
        // Without a configured secret metrics are open (keep /metrics internal at the proxy); with one, they need it.
        CronGate.Decision d = gate.enabled() ? gate.check(bearer(ctx), origins.clientAddress(ctx)) : CronGate.Decision.ALLOWED;
        if (d == CronGate.Decision.ALLOWED) {
            ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
        } else {
            answer(ctx, d == CronGate.Decision.SLOW_DOWN ? 429 : 401, error("metrics need the cron secret (Authorization: Bearer …)"));
        }
    }

    void trigger(Context ctx, Origins origins) {
        ctx.header("Cache-Control", "no-store");
        String address = origins.clientAddress(ctx);
        Stage stage;
        try {
            stage = Stage.fromWire(ctx.pathParam("stage"));
        } catch (IllegalArgumentException e) {
            answer(ctx, 404, error("no such stage; POST /api/cron/generate, /api/cron/dispatch or /api/cron/render"));
            return;
        }
        switch (gate.check(ctx.header("x-cron-secret"), address)) {
            case OFF -> {
                answer(ctx, 404, error("cron triggers are off: set cron_secret_env in the config to the name of a variable holding a secret"));
                return;
            }
            case REFUSED -> {
                log.warn("cron {} refused: missing or wrong x-cron-secret from {}", stage.wireName(), address);
                answer(ctx, 401, error("missing or wrong x-cron-secret"));
                return;
            }
            case SLOW_DOWN -> {
                ctx.header("Retry-After", "60");
                answer(ctx, 429, error("too many calls; wait a minute"));
                return;
            }
            case ALLOWED -> { }
        }
        LocalDate day = today.get();
        log.info("cron {} for {} from {}", stage.wireName(), day, address);
        if (stage == Stage.GENERATE || stage == Stage.SNAPSHOT) {
            StageRunner.Outcome o = runner.run(stage, day, StageRuns.Trigger.CRON);
            answer(ctx, o instanceof StageRunner.NotYet || o instanceof StageRunner.Off ? 409 : 200, outcome(o));
            return;
        }
        var existing = runs.find(stage, day);
        if (existing.isPresent() && existing.get().status() == StageRuns.Status.DONE) {
            answer(ctx, 200, outcome(new StageRunner.AlreadyRun(stage, day, existing.get())));
            return;
        }
        StageRunner.Outcome blocked = runner.precondition(stage, day);
        if (blocked != null) {
            answer(ctx, 409, outcome(blocked));
            return;
        }
        BACKGROUND.submit(() -> {
            try {
                StageRunner.Outcome o = runner.run(stage, day, StageRuns.Trigger.CRON);
                log.info("cron {} for {}: {}", stage.wireName(), day, outcome(o));
            } catch (RuntimeException e) {
                log.error("cron {} for {} failed", stage.wireName(), day, e);
            }
        });
        ObjectNode started = JSON.createObjectNode().put("stage", stage.wireName()).put("day", day.toString())
                .put("status", "started").put("detail", "running in the background; call again to see what was done, or run ./autobench runs");
        answer(ctx, 202, started);
    }

    static ObjectNode outcome(StageRunner.Outcome o) {
        ObjectNode n = JSON.createObjectNode().put("stage", o.stage().wireName()).put("day", o.day().toString());
        switch (o) {
            case StageRunner.Ran r -> n.put("status", r.status().name().toLowerCase(Locale.ROOT)).put("detail", r.detail());
            case StageRunner.AlreadyRun a -> n.put("status", a.run().status() == StageRuns.Status.RUNNING ? "already_running" : "already_done")
                    .put("by", a.run().owner()).put("trigger", a.run().triggerBy())
                    .put("started_at", Instant.ofEpochMilli(a.run().startedAt()).toString())
                    .put("finished_at", a.run().finishedAt() == null ? null : Instant.ofEpochMilli(a.run().finishedAt()).toString())
                    .put("detail", a.run().detail());
            case StageRunner.NotYet w -> n.put("status", "not_yet").put("detail", w.waitingFor().wireName()
                    + " has not finished for " + w.day() + " (POST /api/cron/" + w.waitingFor().wireName() + " first)");
            case StageRunner.Off f -> n.put("status", "off").put("detail", f.stage().wireName() + " is switched off in the config");
        }
        return n;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void answer(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
        return ctx.header("x-cron-secret");
    }
}
