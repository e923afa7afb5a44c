package autobench.web;

import io.javalin.config.RoutesConfig;

/** Every URL of the main origin, in one place. Handlers are thin; the gallery does the reading. */
final class Routes {
    /** Set on a request once a handler has written its own answer. */
    static final String SENT = "autobench.sent";

    private Routes() {}

    static void register(RoutesConfig r, PageHandlers pages, BattleHandlers battles, ApiHandlers api, Assets assets, Feed feed) {
        r.get("/", pages::home);
        r.get("/task/{id}", pages::task);
        r.get("/answer/{id}/raw", pages::raw);
        r.get("/battle", battles::show);
        r.post("/battle/vote", battles::vote);
        r.get("/p/{ref}", battles::poster);
        r.get("/my/votes", battles::mine);
        r.get("/leaderboard", pages::leaderboard);
        r.get("/archive", pages::archive);
        r.get("/model/{id}", pages::model);
        r.get("/methodology", pages::methodology);
        r.get("/a/{sha}", assets::artifact);
        r.get("/static/{name}", assets::file);
        r.get("/feed.atom", feed::atom);

        r.get("/api/v1/days", api::days);
        r.get("/api/v1/days/{day}", api::day);
        r.get("/api/v1/tasks/{id}", api::task);
        r.get("/api/v1/submissions/{id}", api::submission);
        r.get("/api/v1/models", api::models);
        r.get("/api/v1/models/{id}", api::model);
        r.get("/api/v1/leaderboard", api::leaderboard);
        r.get("/api/v1/votes.jsonl", api::votes);
        r.get("/api/v1/stats", api::stats);
        r.get("/api/v1/openapi.json", api::openapi);
        r.exception(PageCache.Busy.class, (e, ctx) -> {
            ctx.attribute(SENT, true);
            ctx.header("Retry-After", "5").header("Cache-Control", "no-store");
            ctx.status(503).contentType("text/plain; charset=utf-8").result(e.getMessage() + "\n");
        });
        // Only when no route matched: handlers that answer 404 themselves have already sent their page.
        r.error(404, ctx -> {
            if (ctx.attribute(SENT) == null) {
                // Javalin has already put its own "Endpoint … not found" text in the result; the page is written
                // straight to the response, so that text would follow it (too much content, or a HEAD body).
                ctx.result("");
                pages.notFoundPage(ctx);
            }
        });
    }
}
