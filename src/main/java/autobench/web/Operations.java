package autobench.web;

import autobench.WireName;
import autobench.cycle.CronTrigger;
import autobench.cycle.Stage;
import autobench.cycle.StageRuns;
import autobench.cycle.WorkRequestStore;
import autobench.ops.CronGate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine-facing endpoints of the main origin: the seed's cron triggers, health and metrics.
 * A trigger asks for a stage of today through {@link CronTrigger}: a process with the pipeline
 * runs it through the same run history the scheduler uses (so a stage runs once however often it
 * is called), a web-only process records it for the workers; either way the answer carries the
 * request's id, and {@code GET /api/cron/runs/{id}} tells how it ended. Whatever cannot run says
 * why with a 4xx at once, never a 202 followed by a failure seen only in the log.
 *
 * @param gate    who may trigger (x-cron-secret) and scrape metrics
 * @param cron    runs or queues the stage asked for
 * @param today   the arena day in the configured zone
 * @param ready   whether the database answers
 * @param metrics the process's metrics in Prometheus's text format
 */
public record Operations(
        CronGate gate, CronTrigger cron, Supplier<LocalDate> today, BooleanSupplier ready, Supplier<String> metrics) {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        CronGate.Decision d =
                gate.enabled() ? gate.check(bearer(ctx), origins.clientAddress(ctx)) : CronGate.Decision.ALLOWED;
        if (d == CronGate.Decision.ALLOWED) {
            ctx.header("Cache-Control", "no-store")
                    .contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.get());
        } else {
            answer(
                    ctx,
                    d == CronGate.Decision.SLOW_DOWN ? 429 : 401,
                    error("metrics need the cron secret (Authorization: Bearer …)"));
        }
    }

    void trigger(Context ctx, Origins origins) {
        ctx.header("Cache-Control", "no-store");
        String address = origins.clientAddress(ctx);
        Stage stage;
        try {
            stage = WireName.parse(Stage.class, ctx.pathParam("stage"));
        } catch (IllegalArgumentException e) {
            answer(
                    ctx,
                    404,
                    error(
                            "no such stage; POST /api/cron/generate, /api/cron/snapshot, /api/cron/dispatch or /api/cron/render"));
            return;
        }
        if (!allowed(ctx, ctx.header("x-cron-secret"), address, "cron " + stage.wireName())) return;
        LocalDate day = today.get();
        log.info("cron {} for {} from {}", stage.wireName(), day, address);
        CronTrigger.Answer a;
        try {
            a = cron.request(stage, day);
        } catch (RuntimeException e) {
            // A database that refuses the request (a missing grant, say) is named here, not left to the log.
            log.error("cron {} for {} could not be recorded", stage.wireName(), day, e);
            answer(ctx, 503, error("could not record the " + stage.wireName() + " request: " + e.getMessage()));
            return;
        }
        switch (a) {
            case CronTrigger.Ran r ->
                answer(
                        ctx,
                        200,
                        base(r).put("request_id", r.requestId())
                                .put("status", r.status().name().toLowerCase(Locale.ROOT))
                                .put("detail", r.detail()));
            case CronTrigger.Started s ->
                answer(
                        ctx,
                        202,
                        base(s).put("request_id", s.requestId())
                                .put("status", "started")
                                .put(
                                        "detail",
                                        "running in this process; GET /api/cron/runs/" + s.requestId()
                                                + " tells how it ended"));
            case CronTrigger.Queued q ->
                answer(
                        ctx,
                        202,
                        base(q).put("request_id", q.requestId())
                                .put("status", "queued")
                                .put(
                                        "detail",
                                        (q.alreadyQueued() ? "already queued" : "queued")
                                                + " for a worker: this process serves the web only"
                                                + " and runs no stage; a scheduler or worker process takes it on its next tick (within a minute)."
                                                + " GET /api/cron/runs/" + q.requestId() + " tells how it ended"));
            case CronTrigger.AlreadyDone d -> answer(ctx, 200, alreadyDone(d));
            case CronTrigger.Refused f ->
                answer(ctx, 409, base(f).put("status", f.reason()).put("detail", f.detail()));
        }
    }

    /** GET /api/cron/runs/{id}: how a request ended, behind the same secret as the triggers. */
    void request(Context ctx, Origins origins) {
        ctx.header("Cache-Control", "no-store");
        if (!allowed(ctx, bearer(ctx), origins.clientAddress(ctx), "cron run lookup")) return;
        var found = cron.find(ctx.pathParam("id"));
        if (found.isEmpty()) {
            answer(ctx, 404, error("no cron request with this id"));
            return;
        }
        WorkRequestStore.Request r = found.get().request();
        ObjectNode n = JSON.createObjectNode()
                .put("request_id", r.id())
                .put("kind", r.kind().wireName())
                .put("day", r.day() == null ? null : r.day().toString())
                .put("status", r.status().wireName())
                .put("requested_by", r.requestedBy())
                .put("requested_at", Instant.ofEpochMilli(r.requestedAt()).toString())
                .put("claimed_by", r.claimedBy())
                .put(
                        "finished_at",
                        r.finishedAt() == null
                                ? null
                                : Instant.ofEpochMilli(r.finishedAt()).toString())
                .put("outcome", r.outcome());
        found.get()
                .stageRun()
                .ifPresent(run -> n.set(
                        "stage_run",
                        JSON.createObjectNode()
                                .put("status", run.status().name().toLowerCase(Locale.ROOT))
                                .put("attempts", run.attempts())
                                .put("by", run.owner())
                                .put("trigger", run.triggerBy())
                                .put("detail", run.detail())));
        answer(ctx, 200, n);
    }

    /** Checks the secret; answers the refusal itself and returns false when the caller may not go on. */
    private boolean allowed(Context ctx, String secret, String address, String what) {
        switch (gate.check(secret, address)) {
            case OFF -> {
                answer(
                        ctx,
                        404,
                        error(
                                "cron triggers are off: set cron_secret_env in the config to the name of a variable holding a secret"));
                return false;
            }
            case REFUSED -> {
                log.warn("{} refused: missing or wrong x-cron-secret from {}", what, address);
                answer(ctx, 401, error("missing or wrong x-cron-secret"));
                return false;
            }
            case SLOW_DOWN -> {
                ctx.header("Retry-After", "60");
                answer(ctx, 429, error("too many calls; wait a minute"));
                return false;
            }
            case ALLOWED -> {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode base(CronTrigger.Answer a) {
        return JSON.createObjectNode()
                .put("stage", a.stage().wireName())
                .put("day", a.day().toString());
    }

    static ObjectNode alreadyDone(CronTrigger.AlreadyDone a) {
        StageRuns.Run run = a.run();
        return base(a).put("status", run.status() == StageRuns.Status.RUNNING ? "already_running" : "already_done")
                .put("by", run.owner())
                .put("trigger", run.triggerBy())
                .put("started_at", Instant.ofEpochMilli(run.startedAt()).toString())
                .put(
                        "finished_at",
                        run.finishedAt() == null
                                ? null
                                : Instant.ofEpochMilli(run.finishedAt()).toString())
                .put("detail", run.detail());
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void answer(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7))
            return h.substring(7).trim();
        return ctx.header("x-cron-secret");
    }
}
