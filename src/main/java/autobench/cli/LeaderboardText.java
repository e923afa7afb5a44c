package autobench.cli;

import autobench.rating.Leaderboard;
import autobench.rating.LeaderboardRow;
import autobench.rating.RatingSettings;
import autobench.rating.SideBalance;
import autobench.rating.VoteFilter;
import java.io.PrintWriter;
import java.util.Locale;

/** The leaderboard as an aligned plain-text table (ASCII only), with what it was computed from on top. */
final class LeaderboardText {
    /** Side skew this unlikely under random sides is worth a warning line. */
    private static final double SKEW_P = 0.001;

    private LeaderboardText() {}

    static void write(Leaderboard board, VoteFilter filter, PrintWriter out) {
        RatingSettings s = board.settings();
        out.println(f("%,d votes, %d models%s", board.votes(), board.rows().size(), describe(filter)));
        out.println(f(
                "Bradley-Terry on the Elo scale (%s at 1000), %s; online Elo K=%s",
                s.anchor() == null ? "mean" : s.anchor(),
                s.rounds() == 0
                        ? "no intervals"
                        : f(
                                "%.0f%% bootstrap intervals from %d rounds, seed %d",
                                100 * s.confidence(), s.rounds(), s.seed()),
                trim(s.eloK())));
        if (board.isEmpty()) {
            out.println("no votes match");
            return;
        }
        int width = Math.max(
                5, board.rows().stream().mapToInt(r -> r.model().length()).max().orElse(5));
        String ciHeader = s.rounds() == 0 ? "Interval" : f("%.0f%% CI", 100 * s.confidence());
        out.println(f(
                "%4s  %-" + width + "s  %7s  %-17s  %9s  %8s  %7s",
                "Rank",
                "Model",
                "Rating",
                ciHeader,
                "Votes",
                "Win rate",
                "Elo"));
        boolean anyProvisional = false;
        for (LeaderboardRow r : board.rows()) {
            String ci = s.rounds() == 0 ? "-" : f("[%6.1f, %6.1f]", r.ciLow(), r.ciHigh());
            out.println(f(
                    "%4d  %-" + width + "s  %7.1f  %-17s  %,9d  %7.1f%%  %7.1f%s",
                    r.rank(),
                    r.model(),
                    r.rating(),
                    ci,
                    r.votes(),
                    100 * r.winRate(),
                    r.elo(),
                    r.provisional() ? "  provisional" : ""));
            anyProvisional |= r.provisional();
        }
        if (anyProvisional) out.println(f("provisional: fewer than %d votes", s.provisionalBelow()));
        for (SideBalance b : board.sides()) {
            if (b.p() < SKEW_P) {
                out.println(f(
                        "warning: %s was shown on the left in %.1f%% of %,d battles (z = %.1f); sides should be random",
                        b.model(), 100 * b.leftShare(), b.left() + b.right(), b.z()));
            }
        }
    }

    private static String describe(VoteFilter filter) {
        StringBuilder sb = new StringBuilder();
        if (filter.category() != null) sb.append(", category ").append(filter.category());
        if (filter.from() != null) sb.append(", from ").append(filter.from());
        if (filter.to() != null) sb.append(", to ").append(filter.to());
        return sb.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
