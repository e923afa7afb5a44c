package autobench.web;

import autobench.gallery.Answer;
import autobench.gallery.ExportedVote;
import autobench.gallery.Gallery;
import autobench.gallery.ModelInfo;
import autobench.gallery.Standings;
import autobench.gallery.TaskView;
import autobench.rating.LeaderboardRow;
import autobench.rating.VoteFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The JSON API under /api/v1 (field names in docs/api.md, schema at /api/v1/openapi.json). The
 * shapes are built here as maps so a renamed Java field can never rename a public one.
 */
final class ApiHandlers {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final Gallery gallery;
    private final PageCache cache;
    private final PageHandlers pages;
    private final LongSupplier modelCalls;
    private final LongSupplier otherCalls;

    ApiHandlers(Gallery gallery, PageCache cache, PageHandlers pages, LongSupplier modelCalls, LongSupplier otherCalls) {
        this.gallery = gallery;
        this.cache = cache;
        this.pages = pages;
        this.modelCalls = modelCalls;
        this.otherCalls = otherCalls;
    }

    void days(Context ctx) {
        json(ctx, () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (LocalDate d : gallery.publishedDays()) out.add(Map.of("day", d.toString(), "url", "/api/v1/days/" + d));
            return Map.of("days", out);
        });
    }

    void day(Context ctx) {
        json(ctx, () -> {
            LocalDate d;
            try {
                d = LocalDate.parse(ctx.pathParam("day"));
            } catch (DateTimeParseException e) {
                return error(400, "a day is written YYYY-MM-DD");
            }
            List<TaskView> tasks = gallery.day(d);
            if (tasks.isEmpty()) return error(404, "nothing published on " + d);
            return Map.of("day", d.toString(), "tasks", tasks.stream().map(ApiHandlers::task).toList());
        });
    }

    void task(Context ctx) {
        json(ctx, () -> gallery.task(ctx.pathParam("id")).<Object>map(ApiHandlers::task).orElseGet(() -> error(404, "no published task with this id")));
    }

    void submission(Context ctx) {
        String id = ctx.pathParam("id");
        json(ctx, () -> gallery.answer(id).<Object>map(a -> {
            Map<String, Object> m = answer(a);
            gallery.texts(id).ifPresent(t -> {
                m.put("code", t.code());
                m.put("raw_response", t.rawResponse());
                m.put("reasoning", t.reasoning());
            });
            return m;
        }).orElseGet(() -> error(404, "no published submission with this id")));
    }

    void models(Context ctx) {
        json(ctx, () -> Map.of("models", gallery.models().values().stream().map(ApiHandlers::model).toList()));
    }

    void model(Context ctx) {
        String id = ctx.pathParam("id");
        json(ctx, () -> {
            ModelInfo m = gallery.models().get(id);
            if (m == null) return error(404, "no model with this id");
            Map<String, Object> out = model(m);
            out.put("history", gallery.history(id));
            out.put("by_category", gallery.statsByCategory(id));
            out.put("submissions", gallery.answersOf(id).stream().map(a -> "/api/v1/submissions/" + a.answer().submissionId()).toList());
            return out;
        });
    }

    void leaderboard(Context ctx) {
        json(ctx, () -> {
            VoteFilter filter;
            try {
                String from = PageHandlers.blankToNull(ctx.queryParam("from")), to = PageHandlers.blankToNull(ctx.queryParam("to"));
                filter = new VoteFilter(PageHandlers.blankToNull(ctx.queryParam("category")),
                        from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
            } catch (DateTimeParseException e) {
                return error(400, "dates are written YYYY-MM-DD");
            } catch (IllegalArgumentException e) {
                return error(400, e.getMessage());
            }
            List<Map<String, Object>> boards = new ArrayList<>();
            for (Standings s : gallery.standings(filter)) boards.add(board(s));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("category", filter.category());
            out.put("from", filter.from());
            out.put("to", filter.to());
            out.put("boards", boards);
            return out;
        });
    }

    /** Every vote as JSON Lines: the shape `autobench ratings --votes FILE` reads, plus ids and labels. */
    void votes(Context ctx) {
        cache.serve(ctx, pages.key(ctx), () -> {
            String pool = ctx.queryParam("pool");
            if (pool != null && !List.of(Standings.REAL, Standings.DEMO, Standings.SIMULATED).contains(pool)) {
                return Response.of(400, Response.JSON, write(Map.of("error", "pool is real, demo or simulated (or absent for every vote)")));
            }
            StringBuilder b = new StringBuilder();
            for (ExportedVote v : gallery.votes()) {
                if (pool != null && !v.pool().equals(pool)) continue;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("left", v.left());
                m.put("right", v.right());
                m.put("winner", v.winner());
                m.put("category", v.category());
                m.put("date", v.date().toString());
                m.put("id", v.id());
                m.put("task_id", v.taskId());
                m.put("cast_at", v.castAt());
                m.put("pool", v.pool());
                b.append(write(m)).append('\n');
            }
            return Response.of(200, "application/x-ndjson; charset=utf-8", b.toString());
        });
    }

    /**
     * Live process numbers; never cached. model_calls_since_start (calls made while serving visitors) is always 0;
     * other_model_calls_since_start are the process's scheduler, worker and cron calls.
     */
    void stats(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_calls_since_start", modelCalls.getAsLong());
        m.put("other_model_calls_since_start", otherCalls.getAsLong());
        m.put("votes", gallery.voteCount());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(Response.JSON).result(write(m));
    }

    void openapi(Context ctx) {
        cache.serve(ctx, "openapi", () -> {
            try (InputStream in = ApiHandlers.class.getResourceAsStream("/autobench/web/openapi.json")) {
                return new Response(200, Response.JSON, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void json(Context ctx, Supplier<Object> body) {
        cache.serve(ctx, pages.key(ctx), () -> {
            Object o = body.get();
            int status = o instanceof Problem p ? p.status() : 200;
            return Response.of(status, Response.JSON, write(o instanceof Problem p ? Map.of("error", p.message()) : o));
        });
    }

    private record Problem(int status, String message) {}

    private static Object error(int status, String message) {
        return new Problem(status, message);
    }

    static Map<String, Object> task(TaskView t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("day", t.day().toString());
        m.put("slot", t.slot());
        m.put("title", t.title());
        m.put("category", t.category());
        m.put("theme", t.theme());
        m.put("prompt", t.prompt());
        m.put("url", "/task/" + t.id());
        m.put("submissions", t.answers().stream().map(ApiHandlers::answer).toList());
        return m;
    }

    static Map<String, Object> answer(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.submissionId());
        m.put("task_id", a.taskId());
        m.put("model_id", a.modelId());
        m.put("demo", a.demo());
        m.put("status", a.status());
        m.put("outcome", a.outcome());
        m.put("reason", a.reason());
        m.put("finish_reason", a.finishReason());
        m.put("model_version", a.modelVersion());
        m.put("input_tokens", a.inputTokens());
        m.put("output_tokens", a.outputTokens());
        m.put("reasoning_tokens", a.reasoningTokens());
        m.put("cost_usd", a.costUsd());
        m.put("latency_ms", a.latencyMs());
        m.put("assists", a.assists());
        if (a.render() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("result", a.render().result());
            r.put("reason", a.render().reason());
            r.put("runs", a.render().runs());
            r.put("not_blank", a.render().notBlank());
            r.put("animates", a.render().animates());
            r.put("interactive", a.render().interactive());
            r.put("errors", a.render().errors());
            r.put("console", a.render().console());
            m.put("render", r);
        } else {
            m.put("render", null);
        }
        Map<String, String> artifacts = new LinkedHashMap<>();
        a.artifacts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> artifacts.put(e.getKey(), "/a/" + e.getValue()));
        m.put("artifacts", artifacts);
        m.put("url", "/api/v1/submissions/" + a.submissionId());
        return m;
    }

    static Map<String, Object> model(ModelInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("provider", i.provider());
        m.put("model", i.modelName());
        m.put("demo", i.demo());
        m.put("enabled", i.enabled());
        m.put("url", "/model/" + i.id());
        return m;
    }

    static Map<String, Object> board(Standings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", s.pool());
        m.put("votes", s.board().votes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LeaderboardRow r : s.board().rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", r.model());
            row.put("rank", r.rank());
            row.put("rating", r.rating());
            row.put("ci_low", Double.isFinite(r.ciLow()) ? r.ciLow() : null);
            row.put("ci_high", Double.isFinite(r.ciHigh()) ? r.ciHigh() : null);
            row.put("elo", r.elo());
            row.put("votes", r.votes());
            row.put("wins", r.wins());
            row.put("losses", r.losses());
            row.put("ties", r.ties());
            row.put("both_bad", r.bothBad());
            row.put("win_rate", r.winRate());
            row.put("provisional", r.provisional());
            Standings.AnswerStats a = s.answers().get(r.model());
            row.put("answers", a == null ? 0 : a.finished());
            row.put("success_rate", a == null ? null : a.successRate());
            row.put("avg_cost_usd", a == null ? null : a.avgCostUsd());
            row.put("avg_latency_ms", a == null ? null : a.avgLatencyMs());
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
