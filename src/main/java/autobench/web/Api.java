package autobench.web;

import autobench.gallery.Answer;
import autobench.gallery.ExportedVote;
import autobench.gallery.HistoryPoint;
import autobench.gallery.ModelInfo;
import autobench.gallery.Render;
import autobench.gallery.Standings;
import autobench.gallery.TaskView;
import autobench.rating.LeaderboardRow;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every JSON body of /api/v1, one record each. Jackson writes a component {@code fooBar} as the
 * field {@code foo_bar}, in declaration order; the public names are those of docs/api.md and
 * openapi.json, and {@code ApiContractTest} fails when a record and the document disagree. The
 * records are built from the gallery's read model here, so the domain's records can change shape
 * without changing the API.
 */
final class Api {
    private Api() {}

    /** Every error of the API: 400 (a parameter value it cannot use) or 404 (nothing published there). */
    record Error(String error) {}

    record Days(List<DayLink> days) {}

    record DayLink(LocalDate day, String url) {
        static DayLink of(LocalDate d) {
            return new DayLink(d, "/api/v1/days/" + d);
        }
    }

    record Day(LocalDate day, List<Task> tasks) {}

    record Task(
            String id,
            LocalDate day,
            int slot,
            String title,
            String category,
            String theme,
            String prompt,
            String url,
            String revealAt,
            List<Submission> submissions) {
        static Task of(TaskView t) {
            return new Task(
                    t.id(),
                    t.day(),
                    t.slot(),
                    t.title(),
                    t.category(),
                    t.theme(),
                    t.prompt(),
                    "/task/" + t.id(),
                    t.revealAt() == null ? null : t.revealAt().toString(),
                    t.answers().stream().map(Submission::of).toList());
        }
    }

    /** @param artifacts artifact kind (poster, preview, frame-N, after-input) to its URL, by kind */
    record Submission(
            String id,
            String taskId,
            String modelId,
            boolean demo,
            String status,
            String outcome,
            String reason,
            String finishReason,
            String modelVersion,
            Long inputTokens,
            Long outputTokens,
            Long reasoningTokens,
            Double costUsd,
            Long latencyMs,
            List<String> assists,
            RenderResult render,
            Map<String, String> artifacts,
            String url,
            String label,
            String revealAt) {
        static Submission of(Answer a) {
            Map<String, String> artifacts = new LinkedHashMap<>();
            a.artifacts().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> artifacts.put(e.getKey(), "/a/" + e.getValue()));
            // While blind the read model leaves out what could name the model: null says so, a zero would not.
            boolean blind = a.blind();
            return new Submission(
                    a.submissionId(),
                    a.taskId(),
                    a.modelId(),
                    a.demo(),
                    a.status(),
                    a.outcome(),
                    a.reason(),
                    a.finishReason(),
                    a.modelVersion(),
                    blind ? null : (Long) a.inputTokens(),
                    blind ? null : (Long) a.outputTokens(),
                    blind ? null : (Long) a.reasoningTokens(),
                    blind ? null : (Double) a.costUsd(),
                    blind ? null : (Long) a.latencyMs(),
                    blind ? null : a.assists(),
                    a.render() == null ? null : RenderResult.of(a.render()),
                    artifacts,
                    "/api/v1/submissions/" + a.submissionId(),
                    a.label(),
                    a.revealAt() == null ? null : a.revealAt().toString());
        }
    }

    record RenderResult(
            String result,
            String reason,
            Boolean runs,
            Boolean notBlank,
            Boolean animates,
            Boolean interactive,
            Boolean slow,
            List<String> errors,
            List<ConsoleLine> console) {
        static RenderResult of(Render r) {
            return new RenderResult(
                    r.result(),
                    r.reason(),
                    r.runs(),
                    r.notBlank(),
                    r.animates(),
                    r.interactive(),
                    r.slow(),
                    r.errors(),
                    r.console().stream()
                            .map(l -> new ConsoleLine(l.type(), l.text()))
                            .toList());
        }
    }

    record ConsoleLine(String type, String text) {}

    /** A submission with its texts; they are null when the answer has none stored. */
    record SubmissionDetail(@JsonUnwrapped Submission submission, String code, String rawResponse, String reasoning) {}

    record Models(List<Model> models) {}

    /**
     * @param usdPerMillionInputTokens what the arena pays per million input tokens (0: free, or a demo program)
     * @param contextWindow            tokens per request as the operator states it; null: not stated
     * @param openWeights              whether the weights are published; null: not stated
     * @param servedFrom               where the arena calls the model, in the operator's words; null: not stated
     */
    record Model(
            String id,
            String provider,
            String model,
            boolean demo,
            boolean enabled,
            String url,
            double usdPerMillionInputTokens,
            double usdPerMillionOutputTokens,
            Integer contextWindow,
            Boolean openWeights,
            String servedFrom) {
        static Model of(ModelInfo i) {
            return new Model(
                    i.id(),
                    i.provider(),
                    i.modelName(),
                    i.demo(),
                    i.enabled(),
                    "/model/" + i.id(),
                    i.priceInput(),
                    i.priceOutput(),
                    i.contextWindow(),
                    i.openWeights(),
                    i.servedFrom());
        }
    }

    /** @param submissions the URLs of the model's answers */
    record ModelDetail(
            @JsonUnwrapped Model model,
            List<RatingPoint> history,
            Map<String, CategoryStats> byCategory,
            List<String> submissions) {}

    /** One daily Bradley–Terry snapshot; the interval and rank are null before there are enough votes. */
    record RatingPoint(LocalDate day, double rating, Double ciLow, Double ciHigh, Integer rank, int votes) {
        static RatingPoint of(HistoryPoint h) {
            return new RatingPoint(h.day(), h.rating(), h.ciLow(), h.ciHigh(), h.rank(), h.votes());
        }
    }

    record CategoryStats(int finished, int succeeded, double avgCostUsd, double avgLatencyMs) {
        static CategoryStats of(Standings.AnswerStats s) {
            return new CategoryStats(s.finished(), s.succeeded(), s.avgCostUsd(), s.avgLatencyMs());
        }
    }

    record Leaderboard(String category, LocalDate from, LocalDate to, List<Board> boards) {}

    /** @param provisional too few votes to read as a ranking: at least half its models are provisional */
    record Board(String pool, long votes, boolean provisional, List<Row> rows) {
        static Board of(Standings s) {
            return new Board(
                    s.pool(),
                    s.board().votes(),
                    s.provisional(),
                    s.board().rows().stream()
                            .map(r -> Row.of(r, s.answers().get(r.model())))
                            .toList());
        }
    }

    /** @param answers finished answers in the same window; the three averages are null when there are none */
    record Row(
            String model,
            int rank,
            double rating,
            Double ciLow,
            Double ciHigh,
            double elo,
            int votes,
            int wins,
            int losses,
            int ties,
            int bothBad,
            double winRate,
            boolean provisional,
            int answers,
            Double successRate,
            Double avgCostUsd,
            Double avgLatencyMs) {
        static Row of(LeaderboardRow r, Standings.AnswerStats a) {
            return new Row(
                    r.model(),
                    r.rank(),
                    r.rating(),
                    finite(r.ciLow()),
                    finite(r.ciHigh()),
                    r.elo(),
                    r.votes(),
                    r.wins(),
                    r.losses(),
                    r.ties(),
                    r.bothBad(),
                    r.winRate(),
                    r.provisional(),
                    a == null ? 0 : a.finished(),
                    a == null ? null : a.successRate(),
                    a == null ? null : a.avgCostUsd(),
                    a == null ? null : a.avgLatencyMs());
        }

        private static Double finite(double d) {
            return Double.isFinite(d) ? d : null;
        }
    }

    /** One line of votes.jsonl: the first five fields are what {@code autobench ratings --votes} reads. */
    record Vote(
            String left,
            String right,
            String winner,
            String category,
            LocalDate date,
            String id,
            String taskId,
            long castAt,
            String pool) {
        static Vote of(ExportedVote v) {
            return new Vote(
                    v.left(), v.right(), v.winner(), v.category(), v.date(), v.id(), v.taskId(), v.castAt(), v.pool());
        }
    }

    /** @param modelCallsSinceStart 0 while the process only serves visitors */
    /**
     * @param modelCallsSinceStart      calls made while serving visitors: always 0
     * @param otherModelCallsSinceStart the process's other calls (its scheduler and worker roles, cron, operator)
     */
    record Stats(long modelCallsSinceStart, long otherModelCallsSinceStart, long votes) {}
}
