package autobench.web;

import autobench.gallery.Gallery;
import autobench.gallery.ModelInfo;
import autobench.gallery.TaskView;
import autobench.gallery.Texts;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The JSON API under /api/v1 (field names in docs/api.md, schema at /api/v1/openapi.json). Each
 * answer is one of the records in {@link Api}; parameter values were checked by the route table
 * before a handler runs, so a handler sees only values it can use.
 */
final class ApiHandlers {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    static final String NDJSON = "application/x-ndjson; charset=utf-8";
    private final Gallery gallery;
    private final LongSupplier modelCalls;
    private final LongSupplier otherCalls;

    ApiHandlers(Gallery gallery, LongSupplier modelCalls, LongSupplier otherCalls) {
        this.gallery = gallery;
        this.modelCalls = modelCalls;
        this.otherCalls = otherCalls;
    }

    Response days(Context ctx) {
        return ok(new Api.Days(
                gallery.publishedDays().stream().map(Api.DayLink::of).toList()));
    }

    Response day(Context ctx) {
        LocalDate d = LocalDate.parse(ctx.pathParam("day").trim());
        List<TaskView> tasks = gallery.day(d);
        if (tasks.isEmpty()) return error(404, "nothing published on " + d);
        return ok(new Api.Day(d, tasks.stream().map(Api.Task::of).toList()));
    }

    Response task(Context ctx) {
        return gallery.task(ctx.pathParam("id"))
                .map(t -> ok(Api.Task.of(t)))
                .orElseGet(() -> error(404, "no published task with this id"));
    }

    Response submission(Context ctx) {
        String id = ctx.pathParam("id");
        return gallery.answer(id)
                .map(a -> {
                    var texts = gallery.texts(id);
                    return ok(new Api.SubmissionDetail(
                            Api.Submission.of(a),
                            texts.map(Texts::code).orElse(null),
                            texts.map(Texts::rawResponse).orElse(null),
                            texts.map(Texts::reasoning).orElse(null)));
                })
                .orElseGet(() -> error(404, "no published submission with this id"));
    }

    Response models(Context ctx) {
        return ok(new Api.Models(
                gallery.models().values().stream().map(Api.Model::of).toList()));
    }

    Response model(Context ctx) {
        String id = ctx.pathParam("id");
        ModelInfo m = gallery.models().get(id);
        if (m == null) return error(404, "no model with this id");
        Map<String, Api.CategoryStats> byCategory = new LinkedHashMap<>();
        gallery.statsByCategory(id).forEach((c, s) -> byCategory.put(c, Api.CategoryStats.of(s)));
        return ok(new Api.ModelDetail(
                Api.Model.of(m),
                gallery.history(id).stream().map(Api.RatingPoint::of).toList(),
                byCategory,
                gallery.answersOf(id).stream()
                        .map(a -> "/api/v1/submissions/" + a.answer().submissionId())
                        .toList()));
    }

    Response leaderboard(Context ctx) {
        VoteFilter filter = filter(ctx);
        return ok(new Api.Leaderboard(
                filter.category(),
                filter.from(),
                filter.to(),
                gallery.standings(filter).stream().map(Api.Board::of).toList()));
    }

    /** The leaderboard's filter from checked parameters (see {@link Param}): blank means no restriction. */
    static VoteFilter filter(Context ctx) {
        String from = PageHandlers.blankToNull(ctx.queryParam("from")),
                to = PageHandlers.blankToNull(ctx.queryParam("to"));
        return new VoteFilter(
                PageHandlers.blankToNull(ctx.queryParam("category")),
                from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to));
    }

    /** Every vote as JSON Lines: the shape `autobench ratings --votes FILE` reads, plus ids and labels. */
    Response votes(Context ctx) {
        String pool = PageHandlers.blankToNull(ctx.queryParam("pool"));
        StringBuilder b = new StringBuilder();
        gallery.votes().stream()
                .filter(v -> pool == null || v.pool().equals(pool))
                .map(Api.Vote::of)
                .forEach(v -> b.append(write(v)).append('\n'));
        return Response.of(200, NDJSON, b.toString());
    }

    /**
     * Live process numbers; never cached. model_calls_since_start (calls made while serving visitors) is always 0;
     * other_model_calls_since_start are the process's scheduler, worker and cron calls.
     */
    void stats(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(Response.JSON)
                .result(write(new Api.Stats(modelCalls.getAsLong(), otherCalls.getAsLong(), gallery.voteCount())));
    }

    Response openapi(Context ctx) {
        try (InputStream in = ApiHandlers.class.getResourceAsStream("/autobench/web/openapi.json")) {
            return new Response(200, Response.JSON, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response ok(Object body) {
        return Response.of(200, Response.JSON, write(body));
    }

    static Response error(int status, String message) {
        return Response.of(status, Response.JSON, write(new Api.Error(message)));
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
