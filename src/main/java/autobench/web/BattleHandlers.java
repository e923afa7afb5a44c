package autobench.web;

import autobench.WireName;
import autobench.gallery.Answer;
import autobench.gallery.Gallery;
import autobench.gallery.TaskHeading;
import autobench.rating.Outcome;
import autobench.render.ArtifactStore;
import autobench.vote.Battle;
import autobench.vote.Battles;
import autobench.vote.CastResult;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The blind battle: issue a pair, take a vote, reveal. Per-visitor pages, never cached. The
 * browser sees only sealed references to the two answers; which side is which lives in the
 * sealed ticket, and a battle is stored only when its vote is.
 */
final class BattleHandlers {
    private static final String NO_STORE = "private, no-store";
    private final Gallery gallery;
    private final Battles voting;
    private final Visitors visitors;
    private final Keys keys;
    private final Templates templates;
    private final Origins origins;
    private final DataVersion version;

    private final MeterRegistry meters;
    private final Timer battleTimer;
    private final Timer voteTimer;
    private final CurrentRatings ratings;
    private final Function<String, Optional<TaskHeading>> headings;
    // Submission id -> its poster's sha-256 (empty: no such answer to show, or it has no picture).
    private final Function<String, Optional<String>> posters;
    // Poster bytes by sha-256 (content-addressed, so never stale); null when nothing is remembered.
    private final Cache<String, ArtifactStore.Blob> posterBytes;
    /** Which poster each answer has, per data version; null with the page cache off. */
    private final VersionedMemo<String, String> posterMemo;

    /** The poster bytes a process keeps: a day's battles show a few dozen posters of tens of kilobytes. */
    static final long POSTER_BYTES = 8L * 1024 * 1024;

    BattleHandlers(
            Gallery gallery,
            Battles voting,
            Visitors visitors,
            Keys keys,
            Templates templates,
            Origins origins,
            DataVersion version,
            MeterRegistry meters) {
        this.meters = meters;
        this.battleTimer = timer("battle");
        this.voteTimer = timer("vote");
        this.gallery = gallery;
        this.ratings = new CurrentRatings(gallery);
        // With the page cache on, a battle page and a vote read what does not change per vote (the answers a
        // battle can show, the task's heading) once per data version: a battle then costs no database round trip.
        boolean remember = version.remembers();
        this.voting = remember ? voting.answersCachedBy(version::current) : voting;
        this.headings =
                remember ? new VersionedMemo<>(version::current, gallery::heading, 4_096)::get : gallery::heading;
        // The posters too: each battle page asks for two, and finding one without the memo reads the whole task.
        Function<String, Optional<String>> poster = id -> gallery.answer(id).map(Answer::poster);
        this.posterMemo = remember ? new VersionedMemo<>(version::current, poster, 4_096) : null;
        this.posters = remember ? posterMemo::get : poster;
        this.posterBytes = remember
                ? Caffeine.newBuilder()
                        .maximumWeight(POSTER_BYTES)
                        .weigher((String sha, ArtifactStore.Blob b) -> b.content().length)
                        .build()
                : null;
        this.visitors = visitors;
        this.keys = keys;
        this.templates = templates;
        this.origins = origins;
        this.version = version;
    }

    /**
     * How long the server took over a battle page or a vote, from the handler's start to the answer
     * handed to Jetty: {@code autobench_battle_request_seconds{request="battle"|"vote"}}, with its
     * median and 99th percentile over the last minutes. Beside a client's own figures it says how
     * much of a slow answer was the server's work and how much was waiting outside it.
     */
    private Timer timer(String request) {
        return Timer.builder("autobench.battle.request")
                .tag("request", request)
                .description("time the server spent on a battle page or a vote")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    void show(Context ctx) {
        long t0 = System.nanoTime();
        try {
            send(ctx, fresh(ctx, null));
        } finally {
            battleTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    void vote(Context ctx) {
        long t0 = System.nanoTime();
        try {
            castVote(ctx);
        } finally {
            voteTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    /** A vote that was not counted, by why: {@code autobench_votes_total{result="refused",reason=…}}. */
    private void refused(String reason) {
        meters.counter("autobench.votes", "result", "refused", "reason", reason).increment();
    }

    private void castVote(Context ctx) {
        if (!visitors.sameOrigin(ctx)) {
            refused("cross_origin");
            send(
                    ctx,
                    templates.page(
                            403,
                            "battle",
                            message(ctx, "This vote did not come from a page of this site, so it was not counted.")));
            return;
        }
        String visitor = visitors.existing(ctx);
        if (visitor == null) {
            refused("no_cookie");
            send(
                    ctx,
                    fresh(
                            ctx,
                            "Your browser did not send the cookie this battle was issued to, so the vote was not counted."));
            return;
        }
        try {
            ctx.formParamMap(); // parsed once here: a body that is no form (a multipart without a boundary) is refused
        } catch (Exception unreadable) { // the servlet's ServletException arrives undeclared, through Kotlin
            refused("unreadable_form");
            send(ctx, templates.page(400, "battle", message(ctx, "That is not a vote: the form could not be read.")));
            return;
        }
        Outcome choice;
        try {
            choice = WireName.parse(Outcome.class, ctx.formParam("choice"));
        } catch (IllegalArgumentException e) {
            refused("bad_choice");
            send(
                    ctx,
                    templates.page(
                            400, "battle", message(ctx, "That is not a vote: choose left, right, tie or both bad.")));
            return;
        }
        String token = ctx.formParam("token");
        switch (voting.cast(token == null ? "" : token, visitor, choice, visitors.address(ctx))) {
            case CastResult.Accepted a -> {
                meters.counter("autobench.votes", "result", "accepted", "reason", "")
                        .increment();
                TaskHeading t = headings.apply(a.taskId()).orElse(null);
                // A vote on a blind task changes nothing public until the reveal: no page is invalidated, no name
                // shown.
                boolean named = t == null || !t.blind();
                if (named) version.changed();
                send(
                        ctx,
                        templates.page(
                                "battle",
                                new Pages.Battle(
                                        null,
                                        a.taskId(),
                                        t == null ? "" : t.title(),
                                        t == null ? "" : t.prompt(),
                                        revealSide(ctx, "left", named ? a.leftModelId() : null),
                                        revealSide(ctx, "right", named ? a.rightModelId() : null),
                                        a.outcome().wireName(),
                                        null,
                                        origins.sandbox(ctx),
                                        named ? null : t.revealAt(),
                                        null)));
            }
            case CastResult.Refused r -> {
                String reason = r.reason().name().toLowerCase(Locale.ROOT);
                refused(reason);
                // The reason in place, and a fresh battle under it: a refusal never leaves the visitor at a dead end.
                // A plain form post gets 409 (nothing was counted). The page's own script (htmx) gets 200 with the
                // refusal marked in the page (data-refusal): a 4xx would be logged by the browser as a console error
                // on every refused vote, and htmx swaps no 4xx by default.
                int status = "true".equals(ctx.header("HX-Request")) ? 200 : 409;
                send(ctx, templates.page(status, "battle", fresh(ctx, r.message(), reason)));
            }
        }
    }

    /**
     * After the vote the posters stay where they were: the form posted back the sealed references
     * it showed, and the reveal only adds names.
     */
    private Pages.Side revealSide(Context ctx, String side, String model) {
        String ref = ctx.formParam(side);
        Optional<String> id = ref == null ? Optional.empty() : keys.unseal(ref);
        return new Pages.Side(
                id.isPresent() ? ref : "",
                model,
                ratings.of(model),
                id.flatMap(posters).isPresent());
    }

    private Pages.Battle fresh(Context ctx, String message) {
        return fresh(ctx, message, null);
    }

    private Pages.Battle fresh(Context ctx, String message, String refusal) {
        String visitor = visitors.visitor(ctx);
        Optional<Battle> b =
                voting.issue(visitor, visitors.address(ctx)); // writes nothing: the ticket carries the battle
        if (b.isEmpty()) {
            return message(
                    ctx,
                    message != null
                            ? message
                            : "There is nothing to battle yet: battles need a published task with two rendered answers.");
        }
        Battle battle = b.get();
        TaskHeading t = headings.apply(battle.taskId()).orElseThrow();
        return new Pages.Battle(
                battle.token(),
                t.id(),
                t.title(),
                t.prompt(),
                side(battle.leftSubmissionId(), null),
                side(battle.rightSubmissionId(), null),
                null,
                message,
                origins.sandbox(ctx),
                null,
                refusal);
    }

    private Pages.Battle message(Context ctx, String message) {
        return new Pages.Battle(null, null, null, null, null, null, null, message, origins.sandbox(ctx), null, null);
    }

    /** The visitor's own votes, named once their tasks are revealed: per cookie, so private and never stored by a cache. */
    void mine(Context ctx) {
        String visitor = visitors.existing(ctx);
        send(
                ctx,
                templates.page(
                        "my_votes",
                        new Pages.MyVotes(
                                visitor == null ? List.of() : gallery.votesOf(visitor, MY_VOTES_SHOWN),
                                visitor != null,
                                ratings.all())));
    }

    /** The newest votes listed on a visitor's page. */
    private static final int MY_VOTES_SHOWN = 500;

    /** A battle poster by sealed reference: the URL does not say whose answer it is. */
    void poster(Context ctx) {
        var blob = keys.unseal(ctx.pathParam("ref")).flatMap(posters).flatMap(this::posterBlob);
        if (blob.isEmpty()) {
            ctx.status(404).result("no such poster");
            return;
        }
        ctx.header("Cache-Control", POSTER_CACHE_CONTROL);
        // its length up front, as the fast path sends it (else the servlet would send it in chunks)
        ctx.header("Content-Length", String.valueOf(blob.get().content().length));
        ctx.contentType(blob.get().mimeType()).result(blob.get().content());
    }

    /**
     * A poster's bytes when they can be sent without waiting for anything, else null: the data version is
     * current ({@link DataVersion#ifFresh}), and which poster the sealed reference's answer has and its bytes
     * were both remembered by an earlier request. The fast path sends those from Jetty's selector
     * ({@link FastPath}); everything else (a first request, a forged reference, an answer without a picture)
     * goes to {@link #poster}, which answers it and remembers what it read.
     */
    ArtifactStore.Blob posterIfKnown(String ref) {
        if (posterMemo == null) return null;
        long v = version.ifFresh();
        if (v == DataVersion.UNKNOWN) return null;
        Optional<String> id = keys.unseal(ref);
        if (id.isEmpty()) return null;
        Optional<String> sha = posterMemo.ifKnown(v, id.get());
        return sha == null || sha.isEmpty() ? null : posterBytes.getIfPresent(sha.get());
    }

    /** The poster's {@code Cache-Control}: private (a battle is one visitor's), and kept an hour. */
    static final String POSTER_CACHE_CONTROL = "private, max-age=3600";

    private Optional<ArtifactStore.Blob> posterBlob(String sha) {
        if (posterBytes == null) return gallery.blob(sha);
        ArtifactStore.Blob known = posterBytes.getIfPresent(sha);
        if (known != null) return Optional.of(known);
        Optional<ArtifactStore.Blob> read = gallery.blob(sha);
        read.ifPresent(b -> posterBytes.put(sha, b));
        return read;
    }

    /** One side of a battle as the page shows it: its sealed reference, and whether it has a picture to show. */
    private Pages.Side side(String submissionId, String model) {
        return new Pages.Side(
                keys.seal(submissionId),
                model,
                ratings.of(model),
                posters.apply(submissionId).isPresent());
    }

    /**
     * Crawlers stay off battles, their posters and the vote: a battle is a per-visitor page that
     * indexes nothing, and a crawler following the "Battle" link would only tilt the pair counters.
     * Everything else is public and may be indexed. Honest crawlers only; the caps handle the rest.
     */
    static final String ROBOTS = """
            User-agent: *
            Disallow: /battle
            Disallow: /p/
            Disallow: /admin
            Allow: /
            """;

    void robots(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType("text/plain; charset=utf-8").result(ROBOTS);
    }

    private void send(Context ctx, Pages.Battle page) {
        send(ctx, templates.page("battle", page));
    }

    private static void send(Context ctx, Response r) {
        ctx.header("Cache-Control", NO_STORE);
        ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    }
}
