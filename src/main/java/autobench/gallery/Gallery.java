package autobench.gallery;

import autobench.dispatch.ModelStore;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.dispatch.SubmissionStore;
import autobench.leaderboard.SnapshotStore;
import autobench.rating.Leaderboard;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import autobench.render.ArtifactStore;
import autobench.render.RenderStore;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import autobench.vote.Reveal;
import autobench.vote.VoteStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The read model the website is given: published tasks, their answers, the leaderboards, the
 * models and the vote export, assembled from the table owners. It writes nothing and can never
 * reach a provider. Only published tasks are visible: a task becomes public once every answer
 * is rendered.
 *
 * <p>Blind until revealed (docs/voting.md): until a task's reveal time every answer to it comes out
 * of here anonymous, under a label in a secret order, with nothing that could name its model; a
 * model's answers, numbers and votes include the task only from then on. Whatever shape a page or
 * the API gives the data, it is anonymous before it gets there.
 */
public final class Gallery {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Days drawn in a board's ratings-over-time chart at most: more than a 720-unit chart can tell apart. */
    static final int OVER_TIME_POINTS = 120;

    /** The table owners it reads. */
    public record Sources(
            TaskStore tasks,
            SubmissionStore submissions,
            RenderStore renders,
            ArtifactStore artifacts,
            ModelStore models,
            VoteStore votes,
            SnapshotStore snapshots) {}

    private final Sources src;
    private final RatingSettings settings;
    private final Reveal reveal;
    private volatile Labels labels;

    /** A gallery that names every model at once (not blind): tools and tests that need no reveal. */
    public Gallery(Sources sources, RatingSettings settings) {
        this(sources, settings, new Reveal(0, ZoneOffset.UTC, Clock.systemUTC()));
    }

    /** @param reveal when each task's answers are named and its votes counted */
    public Gallery(Sources sources, RatingSettings settings, Reveal reveal) {
        this.src = sources;
        this.settings = settings;
        this.reveal = reveal;
    }

    /**
     * A number that changes whenever anything the site shows changes: a task, an answer, a render,
     * a rating snapshot, a voided vote or the reveal of a day. A vote on a blind task changes
     * nothing public, so it is not part of it: a vote then invalidates no cached page. (With
     * nothing blind, every vote counts at once and is.) A handful of indexed aggregate queries.
     */
    public long dataVersion() {
        long[] parts = {
            src.tasks().lastChange(),
            src.submissions().lastChange(),
            src.renders().lastChange(),
            src.artifacts().count(),
            reveal.never() ? src.votes().voteCount() : 0,
            src.snapshots().lastChange(),
            src.votes().voidedCount(),
            reveal.revealedThrough().toEpochDay()
        };
        return Arrays.hashCode(parts) * 31L + parts[4];
    }

    /** How the boards are computed (the provisional threshold among them). */
    public RatingSettings settings() {
        return settings;
    }

    /** When tasks are revealed. */
    public Reveal reveal() {
        return reveal;
    }

    /** Days with published tasks, newest first. */
    public List<LocalDate> publishedDays() {
        return src.tasks().publishedDays();
    }

    /** The published tasks of one day with all their answers (empty when nothing is published that day). */
    public List<TaskView> day(LocalDate day) {
        Map<String, ModelInfo> models = models();
        return src.tasks().forDay(day).stream()
                .filter(t -> t.status() == TaskStatus.PUBLISHED)
                .map(t -> view(t, models))
                .toList();
    }

    /** A published task with all its answers. */
    public Optional<TaskView> task(String id) {
        return src.tasks()
                .byId(id)
                .filter(t -> t.status() == TaskStatus.PUBLISHED)
                .map(t -> view(t, models()));
    }

    /** The title, prompt and blindness of a published task, without its answers: one query. */
    public Optional<TaskHeading> heading(String id) {
        return src.tasks()
                .byId(id)
                .filter(t -> t.status() == TaskStatus.PUBLISHED)
                .map(t -> new TaskHeading(
                        t.id(), t.title(), t.prompt(), reveal.revealed(t.day()) ? null : reveal.revealAt(t.day())));
    }

    /** One answer of a published task. */
    public Optional<Answer> answer(String submissionId) {
        return src.submissions()
                .byId(submissionId)
                .flatMap(s -> task(s.taskId())
                        .flatMap(t -> t.answers().stream()
                                .filter(a -> a.submissionId().equals(submissionId))
                                .findFirst()));
    }

    /**
     * The code and raw reply of an answer to a published task. While the task is blind, the code only:
     * it is what runs in the preview anyway, while a raw reply's wording and reasoning can name a model.
     */
    public Optional<Texts> texts(String submissionId) {
        return answer(submissionId)
                .flatMap(a -> src.submissions()
                        .texts(submissionId)
                        .map(m -> a.blind()
                                ? new Texts(m.get("code"), null, null, null)
                                : new Texts(
                                        m.get("code"), m.get("raw_response"), m.get("answer"), m.get("reasoning"))));
    }

    /** Artifact bytes by content hash. */
    public Optional<ArtifactStore.Blob> blob(String sha256) {
        return src.artifacts().blob(sha256);
    }

    /** Every model ever configured, by id. */
    public Map<String, ModelInfo> models() {
        Map<String, ModelInfo> out = new LinkedHashMap<>();
        for (ModelStore.Row r : src.models().all())
            out.put(
                    r.id(),
                    new ModelInfo(
                            r.id(),
                            r.provider(),
                            r.modelName(),
                            r.demo(),
                            r.enabled(),
                            r.priceInput(),
                            r.priceOutput(),
                            r.contextWindow(),
                            r.openWeights(),
                            r.servedFrom()));
        return out;
    }

    /** A model's answers to published tasks that are revealed, newest first. */
    public List<ModelAnswer> answersOf(String modelId) {
        Map<String, ModelInfo> models = models();
        Map<String, Optional<StoredTask>> tasks = new HashMap<>();
        List<ModelAnswer> out = new ArrayList<>();
        Set<String> hidden = src.submissions().hiddenIds();
        LocalDate through = reveal.revealedThrough();
        for (Submission s : src.submissions().forModel(modelId)) {
            if (hidden.contains(s.id())) continue;
            Optional<StoredTask> t = tasks.computeIfAbsent(
                    s.taskId(),
                    id -> src.tasks()
                            .byId(id)
                            .filter(x -> x.status() == TaskStatus.PUBLISHED
                                    && !x.day().isAfter(through)));
            t.ifPresent(task -> out.add(new ModelAnswer(
                    task.id(), task.title(), task.day(), task.category().wireName(), answer(s, models))));
        }
        return out;
    }

    /** A model's overall Bradley–Terry history from the daily snapshots, oldest first. */
    public List<HistoryPoint> history(String modelId) {
        return src.snapshots().history(modelId, "all", "bradley_terry").stream()
                .map(p -> new HistoryPoint(p.day(), p.rating(), p.ciLow(), p.ciHigh(), p.rank(), p.votes()))
                .toList();
    }

    /**
     * The leaderboards for a category and date window, one per pool of votes (people on real
     * models, people on demo models, simulated visitors), each computed from its own votes only.
     * Pools without votes are left out. Only revealed tasks count, their votes and their answers alike,
     * so the head-to-head cells and the ratings over time, computed from the same votes, are as blind.
     */
    public List<Standings> standings(VoteFilter filter) {
        List<VoteStore.Exported> all = countedVotes();
        List<SubmissionStore.Finished> finished = revealedFinished();
        Map<String, ModelInfo> models = models();
        List<Standings> out = new ArrayList<>();
        for (String pool : List.of(Standings.REAL, Standings.DEMO, Standings.SIMULATED)) {
            List<Vote> votes = all.stream()
                    .filter(v -> Standings.poolOf(v.demo(), v.simulated()).equals(pool))
                    .map(v -> new Vote(v.leftModel(), v.rightModel(), v.outcome(), v.category(), v.day()))
                    .toList();
            Leaderboard board = Ratings.leaderboard(votes, filter, settings);
            if (board.isEmpty()) continue;
            boolean demo = !pool.equals(Standings.REAL);
            Map<String, Standings.AnswerStats> stats = answerStats(finished.stream()
                    .filter(f -> models.containsKey(f.modelId())
                            && models.get(f.modelId()).demo() == demo)
                    .filter(f -> filter.accepts(f.category(), f.day()))
                    .toList());
            out.add(new Standings(pool, board, stats, Ratings.overTime(votes, filter, settings, OVER_TIME_POINTS)));
        }
        return out;
    }

    /** Success rate per category for one model, over all published tasks that are revealed. */
    public Map<String, Standings.AnswerStats> statsByCategory(String modelId) {
        Map<String, List<SubmissionStore.Finished>> byCategory = revealedFinished().stream()
                .filter(f -> f.modelId().equals(modelId))
                .collect(Collectors.groupingBy(SubmissionStore.Finished::category, TreeMap::new, Collectors.toList()));
        Map<String, Standings.AnswerStats> out = new LinkedHashMap<>();
        byCategory.forEach((c, list) -> out.put(c, stats(list)));
        return out;
    }

    /** Every vote on a revealed task, oldest first, for the public export: the votes the boards count. */
    public List<ExportedVote> votes() {
        return countedVotes().stream()
                .map(v -> new ExportedVote(
                        v.id(),
                        v.taskId(),
                        v.leftModel(),
                        v.rightModel(),
                        v.outcome().wireName(),
                        v.category(),
                        v.day(),
                        v.castAt(),
                        Standings.poolOf(v.demo(), v.simulated())))
                .toList();
    }

    /**
     * Votes that count (voided ones are stored but not counted), blind tasks' votes included: a
     * total ties no vote to a model, so it may move at once.
     */
    public long voteCount() {
        return src.votes().voteCount() - src.votes().voidedCount();
    }

    /** One of a visitor's own votes: the models once the task is revealed, the reveal time until then. */
    public record MyVote(
            String taskId,
            String taskTitle,
            LocalDate day,
            String choice,
            String leftModel,
            String rightModel,
            Instant revealAt,
            long castAt,
            boolean voided) {
        public boolean named() {
            return revealAt == null;
        }
    }

    /** A visitor's own votes, newest first: for their page only, never for a shared one. */
    public List<MyVote> votesOf(String visitor, int limit) {
        Map<String, String> titles = new HashMap<>();
        List<MyVote> out = new ArrayList<>();
        for (VoteStore.VisitorVote v : src.votes().ofVisitor(visitor, limit)) {
            String title = titles.computeIfAbsent(
                    v.taskId(),
                    id -> src.tasks().byId(id).map(StoredTask::title).orElse(id));
            boolean named = reveal.revealed(v.day());
            out.add(new MyVote(
                    v.taskId(),
                    title,
                    v.day(),
                    v.outcome().wireName(),
                    named ? v.leftModel() : null,
                    named ? v.rightModel() : null,
                    named ? null : reveal.revealAt(v.day()),
                    v.castAt(),
                    v.voided()));
        }
        return out;
    }

    /** Votes on revealed tasks: the only ones any public number includes. */
    private List<VoteStore.Exported> countedVotes() {
        LocalDate through = reveal.revealedThrough();
        return src.votes().export().stream()
                .filter(v -> !v.day().isAfter(through))
                .toList();
    }

    private List<SubmissionStore.Finished> revealedFinished() {
        LocalDate through = reveal.revealedThrough();
        return src.submissions().finishedOfPublishedTasks().stream()
                .filter(f -> !f.day().isAfter(through))
                .toList();
    }

    private static Map<String, Standings.AnswerStats> answerStats(List<SubmissionStore.Finished> rows) {
        Map<String, Standings.AnswerStats> out = new LinkedHashMap<>();
        rows.stream()
                .collect(Collectors.groupingBy(SubmissionStore.Finished::modelId))
                .forEach((m, list) -> out.put(m, stats(list)));
        return out;
    }

    /** An answer succeeds when the call returned code and the page rendered without error and drew something. */
    private static Standings.AnswerStats stats(List<SubmissionStore.Finished> rows) {
        int ok = 0;
        double cost = 0, latency = 0;
        for (SubmissionStore.Finished f : rows) {
            if (f.status() == SubmissionStatus.SUCCEEDED && "ok".equals(f.renderResult())) ok++;
            cost += f.costUsd();
            latency += f.latencyMs();
        }
        int n = rows.size();
        return new Standings.AnswerStats(n, ok, n == 0 ? 0 : cost / n, n == 0 ? 0 : latency / n);
    }

    private TaskView view(StoredTask t, Map<String, ModelInfo> models) {
        Set<String> hidden = src.submissions().hiddenIds();
        List<Submission> all = src.submissions().forTask(t.id());
        if (reveal.revealed(t.day())) {
            return new TaskView(
                    t.id(),
                    t.day(),
                    t.slot(),
                    t.title(),
                    t.category().wireName(),
                    t.theme(),
                    t.prompt(),
                    t.status().wireName(),
                    all.stream()
                            .filter(s -> !hidden.contains(s.id()))
                            .map(s -> answer(s, models))
                            .toList(),
                    null);
        }
        Instant revealAt = reveal.revealAt(t.day());
        // Every answer gets a label, hidden ones included: hiding one leaves the others' labels as they were.
        List<Submission> shuffled = labelOrder(t.id(), all);
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            Submission s = shuffled.get(i);
            if (!hidden.contains(s.id())) answers.add(anonymous(answer(s, models), Labels.label(i), revealAt));
        }
        return new TaskView(
                t.id(),
                t.day(),
                t.slot(),
                t.title(),
                t.category().wireName(),
                t.theme(),
                t.prompt(),
                t.status().wireName(),
                answers,
                revealAt);
    }

    /** The same answer with everything that could name its model left out: only what the preview shows anyway stays. */
    private static Answer anonymous(Answer a, String label, Instant revealAt) {
        return new Answer(
                a.submissionId(),
                a.taskId(),
                null,
                a.demo(),
                a.status(),
                a.outcome(),
                null,
                null,
                null,
                0,
                0,
                0,
                0,
                0,
                List.of(),
                a.hasCode(),
                a.render(),
                a.artifacts(),
                label,
                revealAt);
    }

    /** The label order of a blind task's answers; the key is read (or created) on first use. */
    private List<Submission> labelOrder(String taskId, List<Submission> subs) {
        Labels l = labels;
        if (l == null)
            labels = l = new Labels(src.votes().labelKey(reveal.clock().millis()));
        Map<String, Submission> byId = new HashMap<>();
        subs.forEach(s -> byId.put(s.id(), s));
        return l.order(taskId, subs.stream().map(Submission::id).toList()).stream()
                .map(byId::get)
                .toList();
    }

    private Answer answer(Submission s, Map<String, ModelInfo> models) {
        Map<String, String> artifacts = src.artifacts().forSubmission(s.id()).stream()
                .collect(Collectors.toMap(ArtifactStore.Stored::kind, ArtifactStore.Stored::sha256, (a, b) -> a));
        Render render = src.renders()
                .find(s.id())
                .map(r -> render(r, src.renders().details(s.id()).orElse(null)))
                .orElse(null);
        List<String> assists = s.assists() == null || s.assists().isBlank()
                ? List.of()
                : Arrays.stream(s.assists().split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList();
        ModelInfo m = models.get(s.modelId());
        return new Answer(
                s.id(),
                s.taskId(),
                s.modelId(),
                m != null && m.demo(),
                s.status().wireName(),
                s.outcome() == null ? null : s.outcome().wireName(),
                s.reason(),
                s.finishReason(),
                s.modelVersion(),
                s.inputTokens(),
                s.outputTokens(),
                s.reasoningTokens(),
                s.costUsd(),
                s.latencyMs(),
                assists,
                s.code() != null && !s.code().isBlank(),
                render,
                artifacts,
                null,
                null);
    }

    private static Render render(RenderStore.Row r, RenderStore.Details d) {
        List<Render.Line> console =
                d == null ? List.of() : parse(d.consoleJson(), new TypeReference<List<Render.Line>>() {}, List.of());
        List<String> errors =
                d == null ? List.of() : parse(d.errorsJson(), new TypeReference<List<String>>() {}, List.of());
        return new Render(
                r.status().name().toLowerCase(Locale.ROOT),
                r.result(),
                r.reason(),
                r.runs(),
                r.notBlank(),
                r.animates(),
                r.interactive(),
                r.slow(),
                console,
                errors,
                d == null ? null : d.loadMs());
    }

    private static <T> T parse(String json, TypeReference<T> type, T fallback) {
        if (json == null || json.isBlank()) return fallback;
        try {
            T v = JSON.readValue(json, type);
            return v == null ? fallback : v;
        } catch (IOException e) {
            return fallback;
        }
    }
}
