package autobench.web;

import autobench.gallery.Answer;
import autobench.gallery.Gallery;
import autobench.gallery.ModelInfo;
import autobench.gallery.Standings;
import autobench.gallery.TaskView;
import autobench.gallery.Texts;
import autobench.rating.LeaderboardRow;
import autobench.rating.RatingSettings;
import autobench.rating.VoteFilter;
import autobench.time.ArenaDay;
import autobench.vote.Reveal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The read-only pages: each handler asks the gallery, fills one page record and renders its
 * template; the route table serves the result through the page cache. Nothing here writes or calls a model.
 */
final class PageHandlers {
    static final int DAYS_PER_ARCHIVE_PAGE = 10;
    private final Gallery gallery;
    private final Templates templates;
    private final Origins origins;
    private final Clock clock;
    private final ZoneId zone;
    private final LongSupplier modelCalls;
    private final LongSupplier otherCalls;

    PageHandlers(
            Gallery gallery,
            Templates templates,
            Origins origins,
            Clock clock,
            ZoneId zone,
            LongSupplier modelCalls,
            LongSupplier otherCalls) {
        this.gallery = gallery;
        this.templates = templates;
        this.origins = origins;
        this.clock = clock;
        this.zone = zone;
        this.modelCalls = modelCalls;
        this.otherCalls = otherCalls;
    }

    Response home(Context ctx) {
        LocalDate today = ArenaDay.today(clock, zone).date();
        List<LocalDate> days = gallery.publishedDays();
        if (days.isEmpty())
            return templates.page("home", new Pages.Home(today, true, List.of(), null, null, List.of(), false));
        LocalDate day = days.contains(today) ? today : days.get(0);
        Reveal reveal = gallery.reveal();
        boolean blind = !reveal.revealed(day);
        // Below the anonymous day, the newest day already named: what the reveal looks like, one scroll away.
        LocalDate namedDay =
                blind ? days.stream().filter(reveal::revealed).findFirst().orElse(null) : null;
        List<TaskView> tasks = gallery.day(day);
        // Battles are drawn from blind tasks (or from any, when nothing is blind): a start button that leads to
        // "nothing to battle" would be a lie.
        boolean battles = tasks.stream()
                .anyMatch(t -> t.blind() == !reveal.never()
                        && t.answers().stream().filter(a -> a.poster() != null).count() >= 2);
        return templates.page(
                "home",
                new Pages.Home(
                        day,
                        day.equals(today),
                        tasks,
                        blind ? reveal.revealAt(day) : null,
                        namedDay,
                        namedDay == null ? List.of() : gallery.day(namedDay),
                        battles));
    }

    Response task(Context ctx) {
        String id = ctx.pathParam("id");
        return gallery.task(id)
                .map(t -> {
                    String run = blankToNull(ctx.queryParam("run"));
                    // Only one of this task's answers can run: any other value is the one 400 (never kept in the
                    // page cache, so invented values cannot each take an entry), answered before any code is read.
                    if (run != null
                            && t.answers().stream()
                                    .noneMatch(a -> a.submissionId().equals(run))) {
                        return templates.page(
                                400,
                                "error",
                                new Pages.Error(400, "run names no answer of this task; leave it out to run none"));
                    }
                    // The code itself is not on the page (it is loaded when a visitor opens it): its length is.
                    Map<String, Long> lines = new LinkedHashMap<>();
                    for (Answer a : t.answers()) {
                        if (a.hasCode())
                            gallery.texts(a.submissionId())
                                    .map(Texts::code)
                                    .ifPresent(c -> lines.put(
                                            a.submissionId(), c.lines().count()));
                    }
                    return templates.page("task", new Pages.Task(t, run, lines, origins.sandbox(ctx)));
                })
                .orElseGet(() -> notFound("There is no published task with this id."));
    }

    Response raw(Context ctx) {
        String id = ctx.pathParam("id");
        return gallery.answer(id)
                .filter(a -> !a.blind())
                .flatMap(a -> gallery.texts(id)
                        .flatMap(tx -> gallery.task(a.taskId())
                                .map(t -> templates.page(
                                        "raw", new Pages.Raw(a, t.title(), tx.rawResponse(), tx.reasoning())))))
                .orElseGet(() -> notFound("There is no published answer with this id, or its task is still blind"
                        + " (a raw reply can name its model, so it is shown when the names are)."));
    }

    /**
     * One answer's code, shown as the task page shows it (blind answers by their label): the page a task page's
     * "Code" loads into itself when opened, and where its link leads without JavaScript.
     */
    Response code(Context ctx) {
        String id = ctx.pathParam("id");
        return gallery.answer(id)
                .filter(Answer::hasCode)
                .flatMap(a -> gallery.texts(id)
                        .map(Texts::code)
                        .flatMap(c -> gallery.task(a.taskId())
                                .map(t -> templates.page("code", new Pages.Code(a, t.title(), c)))))
                .orElseGet(() -> notFound("There is no published answer with this id, or it has no code."));
    }

    /** The page number was checked by the route ({@link Param#PAGE}); one past the last page is a 404. */
    Response archive(Context ctx) {
        List<LocalDate> days = gallery.publishedDays();
        int pages = Math.max(1, (days.size() + DAYS_PER_ARCHIVE_PAGE - 1) / DAYS_PER_ARCHIVE_PAGE);
        String asked = blankToNull(ctx.queryParam("page"));
        int page = asked == null ? 1 : Integer.parseInt(asked);
        if (page > pages) return notFound("The archive has " + pages + " page" + (pages == 1 ? "" : "s") + ".");
        List<Pages.ArchiveDay> out = new ArrayList<>();
        for (LocalDate d :
                days.subList((page - 1) * DAYS_PER_ARCHIVE_PAGE, Math.min(days.size(), page * DAYS_PER_ARCHIVE_PAGE))) {
            out.add(new Pages.ArchiveDay(d, gallery.day(d)));
        }
        return templates.page("archive", new Pages.Archive(out, page, pages));
    }

    /** The filter values were checked by the route ({@link Param}): an unknown category or bad date never gets here. */
    Response leaderboard(Context ctx) {
        VoteFilter filter = ApiHandlers.filter(ctx);
        List<Pages.Board> boards =
                gallery.standings(filter).stream().map(PageHandlers::board).toList();
        String from = blankToNull(ctx.queryParam("from")), to = blankToNull(ctx.queryParam("to"));
        return templates.page(
                "leaderboard",
                new Pages.Leaderboard(
                        filter.category(),
                        from,
                        to,
                        Param.CATEGORIES,
                        boards.stream().filter(b -> !b.provisional()).toList(),
                        boards.stream().filter(Pages.Board::provisional).toList(),
                        gallery.settings().provisionalBelow()));
    }

    static Pages.Board board(Standings s) {
        List<Pages.Row> rows = new ArrayList<>();
        for (LeaderboardRow r : s.board().rows()) {
            rows.add(new Pages.Row(
                    r.rank(),
                    r.model(),
                    r.rating(),
                    r.ciLow(),
                    r.ciHigh(),
                    r.elo(),
                    r.votes(),
                    r.winRate(),
                    s.answers().get(r.model()),
                    r.provisional(),
                    s.demoModels()));
        }
        return new Pages.Board(
                s.pool(),
                s.board().votes(),
                s.provisional(),
                rows,
                Svg.ratings(s.board().rows(), s.pool()),
                Svg.matrix(s.board(), s.pool()),
                Svg.overTime(s.overTime(), s.board().rows(), s.pool()));
    }

    Response model(Context ctx) {
        String id = ctx.pathParam("id");
        ModelInfo m = gallery.models().get(id);
        if (m == null) return notFound("There is no model with this id.");
        var history = gallery.history(id);
        return templates.page(
                "model",
                new Pages.Model(m, Svg.history(history), history, gallery.statsByCategory(id), gallery.answersOf(id)));
    }

    void methodology(Context ctx) {
        // Not cached on the data version alone: it shows this process's live model-call counter.
        Map<String, ModelInfo> models = gallery.models();
        int demo = (int) models.values().stream().filter(ModelInfo::demo).count();
        RatingSettings s = RatingSettings.DEFAULTS;
        Response r = templates.page(
                "methodology",
                new Pages.Methodology(
                        models.size() - demo,
                        demo,
                        gallery.publishedDays().size(),
                        gallery.voteCount(),
                        modelCalls.getAsLong(),
                        otherCalls.getAsLong(),
                        s.rounds(),
                        s.prior(),
                        s.eloK(),
                        s.provisionalBelow(),
                        gallery.reveal().afterDays()));
        PageCache.send(ctx, PageCache.once(r), "no-cache");
    }

    Response notFound(String message) {
        return templates.page(404, "error", new Pages.Error(404, message));
    }

    void notFoundPage(Context ctx) {
        PageCache.send(ctx, PageCache.once(notFound("There is no page at this address.")), "no-cache");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
