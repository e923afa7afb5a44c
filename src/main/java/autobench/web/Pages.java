package autobench.web;

import autobench.gallery.Answer;
import autobench.gallery.Gallery;
import autobench.gallery.HistoryPoint;
import autobench.gallery.ModelAnswer;
import autobench.gallery.ModelInfo;
import autobench.gallery.Standings;
import autobench.gallery.TaskView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The page records, one per template (src/main/jte/NAME.jte takes {@code @param NAME page}). */
public final class Pages {
    private Pages() {}

    /**
     * The arena's front door: today's tasks (or the latest published day while today's are not out
     * yet), a way into a battle, and the blind policy as it stands.
     *
     * @param revealAt  when the shown day's answers are named, or null when they already are (or never blind)
     * @param namedDay  the newest day whose answers are named, shown below, or null (none, or the shown day itself)
     * @param named     that day's tasks, with model names
     * @param battles   whether a battle can be opened now
     */
    public record Home(
            LocalDate day,
            boolean isToday,
            List<TaskView> tasks,
            Instant revealAt,
            LocalDate namedDay,
            List<TaskView> named,
            boolean battles) {}

    /**
     * @param run       the submission to show running live in place of its poster, or null
     * @param codeLines the number of lines of each answer's code, by submission id (answers without code are
     *                  absent); the code itself is on {@code /answer/{id}/code}, loaded when a visitor opens it
     * @param sandbox   the preview origin
     */
    public record Task(TaskView task, String run, Map<String, Long> codeLines, String sandbox) {}

    /** The code of one answer, on a page of its own: loaded into the task page when a visitor opens it. */
    public record Code(Answer answer, String taskTitle, String code) {}

    /** The raw reply of one answer, shown on demand. */
    public record Raw(Answer answer, String taskTitle, String raw, String reasoning) {}

    /**
     * A blind pair, or what the vote chose after it, or a message (nothing to battle, a refused vote).
     *
     * @param choice   the vote just cast (left, right, tie, both_bad), or null before the vote
     * @param revealAt after a vote on a blind task: when the names will be shown (they are not on this page)
     * @param refusal  why the vote just sent was not counted ({@code too_fast}, {@code replayed}, …), or null;
     *                 the page then offers a fresh battle under the message
     */
    public record Battle(
            String token,
            String taskId,
            String title,
            String prompt,
            Side left,
            Side right,
            String choice,
            String message,
            String sandbox,
            Instant revealAt,
            String refusal) {
        /** The vote has been cast: the page shows what was chosen, no form. */
        public boolean voted() {
            return choice != null;
        }

        /** Voted and the models are named: the task was already revealed. */
        public boolean revealed() {
            return voted() && revealAt == null;
        }

        /** The vote in the words of its button. */
        public String choiceText() {
            return switch (choice == null ? "" : choice) {
                case "left" -> "Left is better";
                case "right" -> "Right is better";
                case "tie" -> "Tie";
                case "both_bad" -> "Both are bad";
                default -> "";
            };
        }

        /** {@code data-revealed}: no (before the vote), later (voted on a blind task) or yes (names shown). */
        public String revealState() {
            return !voted() ? "no" : revealAt != null ? "later" : "yes";
        }
    }

    /**
     * A visitor's own votes, newest first; per visitor, so never a shared cache entry.
     *
     * @param ratings the current public rating of each model named on the page (models without one are absent)
     */
    public record MyVotes(List<Gallery.MyVote> votes, boolean hasCookie, Map<String, Rating> ratings) {}

    /**
     * One side of a battle: opaque references until the reveal names the model.
     *
     * @param rating the named model's current public rating, or null (not named, or no votes counted yet)
     * @param pictured whether the answer has a poster: one whose page ended with no picture at all (it
     *     crashed, or hung before drawing) says so instead of showing a broken image
     */
    public record Side(String ref, String model, Rating rating, boolean pictured) {
        Side(String ref, String model, Rating rating) {
            this(ref, model, rating, true);
        }

        Side(String ref, String model) {
            this(ref, model, null, true);
        }
    }

    /**
     * A model's rating as its leaderboard shows it now: Bradley–Terry on the pool of people's votes
     * its kind belongs to (real or demo models), with the 95% interval.
     */
    public record Rating(double rating, double low, double high, int rank, int votes, boolean provisional) {}

    /**
     * The filters are values the route checked; an unusable one got the 400 page instead.
     *
     * @param boards      the boards with enough votes to read as a ranking, shown first
     * @param provisional the boards with too few ({@code Leaderboard.provisional()}), shown below
     * @param provisionalBelow the votes a model needs before it is no longer provisional
     */
    public record Leaderboard(
            String category,
            String from,
            String to,
            List<String> categories,
            List<Board> boards,
            List<Board> provisional,
            int provisionalBelow) {
        public boolean isEmpty() {
            return boards.isEmpty() && provisional.isEmpty();
        }
    }

    /**
     * One pool's table: people on real models, people on demo models, or simulated visitors (never mixed).
     *
     * @param svg         the ratings with their intervals
     * @param matrixSvg   the head-to-head matrix ("" with fewer than two models)
     * @param overTimeSvg every model's rating day by day
     */
    public record Board(
            String pool,
            long votes,
            boolean provisional,
            List<Row> rows,
            String svg,
            String matrixSvg,
            String overTimeSvg) {}

    public record Row(
            int rank,
            String model,
            double rating,
            double ciLow,
            double ciHigh,
            double elo,
            int votes,
            double winRate,
            Standings.AnswerStats answers,
            boolean provisional,
            boolean demo) {}

    public record Archive(List<ArchiveDay> days, int page, int pages) {}

    public record ArchiveDay(LocalDate day, List<TaskView> tasks) {}

    public record Model(
            ModelInfo model,
            String historySvg,
            List<HistoryPoint> history,
            Map<String, Standings.AnswerStats> byCategory,
            List<ModelAnswer> answers) {}

    /** How the arena works, with the numbers as they are now. */
    /** @param revealAfterDays voting.reveal_after_days: 0 is not blind, and the page says so */
    public record Methodology(
            int realModels,
            int demoModels,
            int days,
            long votes,
            long modelCallsSinceStart,
            long otherCallsSinceStart,
            int bootstrapRounds,
            double prior,
            double eloK,
            int provisionalBelow,
            int revealAfterDays) {}

    public record Error(int status, String message) {}
}
