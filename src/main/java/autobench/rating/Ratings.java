package autobench.rating;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entry point: from votes to leaderboards. Pure: no I/O, no clock, randomness only from the
 * seed in the settings. Votes must be given in the order they were cast (only Elo cares).
 */
public final class Ratings {
    private Ratings() {}

    /** The leaderboard for the votes accepted by the filter. */
    public static Leaderboard leaderboard(List<Vote> votes, VoteFilter filter, RatingSettings settings) {
        Tally tally = new Tally(settings);
        for (Vote v : votes) if (filter.accepts(v)) tally.add(v);
        return leaderboard(tally);
    }

    /** One leaderboard per category (sorted by name) inside a date window; votes without a category are skipped. */
    public static Map<String, Leaderboard> byCategory(List<Vote> votes, VoteFilter window, RatingSettings settings) {
        TreeSet<String> categories = new TreeSet<>();
        for (Vote v : votes) if (v.category() != null) categories.add(v.category());
        Map<String, Leaderboard> out = new TreeMap<>();
        for (String c : categories) {
            Leaderboard board = leaderboard(votes, new VoteFilter(c, window.from(), window.to()), settings);
            if (!board.isEmpty()) out.put(c, board);
        }
        return out;
    }

    /**
     * The leaderboard as of the end of each day that has votes (ascending), for history charts.
     * The snapshot for day D is exactly the table for the window [filter.from, D]: the same as
     * {@code ratings --to D}, so a stored snapshot can always be checked by recomputing it.
     * Costs one full leaderboard per day; the daily job only needs today's
     * ({@code leaderboard(votes, new VoteFilter(null, null, today), s)}), and a long backfill may
     * want fewer bootstrap rounds.
     */
    public static List<DailySnapshot> dailySnapshots(List<Vote> votes, VoteFilter filter, RatingSettings settings) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Vote v : votes) if (v.date() != null && filter.accepts(v)) days.add(v.date());
        List<DailySnapshot> out = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            VoteFilter upTo = new VoteFilter(filter.category(), filter.from(), day);
            out.add(new DailySnapshot(day, leaderboard(votes, upTo, settings)));
        }
        return out;
    }

    /**
     * Every model's Bradley–Terry point rating at the end of each day that has votes (ascending):
     * the point for day D is the rating of {@code ratings --to D} within the filter, so the last
     * point is the board's own rating. Votes are added day by day to one tally and the model is
     * refitted once per day, without bootstrap intervals: one fit per day, not one pass over all
     * votes per day. Votes without a date cannot be placed on a day and are left out; with an
     * anchor, days before the anchor's first vote are too.
     */
    public static List<DayRatings> overTime(List<Vote> votes, VoteFilter filter, RatingSettings settings) {
        return overTime(votes, filter, settings, Integer.MAX_VALUE);
    }

    /**
     * The same with at most {@code maxPoints} days (at least 2): past that, evenly spaced days with votes,
     * the last always among them. A fit costs the same whatever the votes, so this bounds the cost of a
     * long history at what a chart can show.
     */
    public static List<DayRatings> overTime(
            List<Vote> votes, VoteFilter filter, RatingSettings settings, int maxPoints) {
        if (maxPoints < 2) throw new IllegalArgumentException("at least 2 points, got " + maxPoints);
        List<Vote> dated = votes.stream()
                .filter(v -> v.date() != null && filter.accepts(v))
                .sorted(Comparator.comparing(Vote::date)) // stable: the order cast within a day stays
                .toList();
        TreeSet<LocalDate> all = new TreeSet<>();
        for (Vote v : dated) all.add(v.date());
        List<LocalDate> days = new ArrayList<>(all);
        Set<LocalDate> wanted = new HashSet<>();
        if (days.size() <= maxPoints) wanted.addAll(days);
        else
            for (int k = 0; k < maxPoints; k++)
                wanted.add(days.get((int) Math.round(k * (days.size() - 1) / (double) (maxPoints - 1))));
        Tally tally = new Tally(settings.withRounds(0));
        List<DayRatings> out = new ArrayList<>();
        Map<String, Double> strength = new HashMap<>(); // the last day's θ: the next day's fit starts there
        for (int i = 0; i < dated.size(); i++) {
            tally.add(dated.get(i));
            LocalDate day = dated.get(i).date();
            if (i + 1 < dated.size() && dated.get(i + 1).date().equals(day)) continue;
            if (!wanted.contains(day)) continue;
            // Ratings pinned to an anchor mean nothing before the anchor's first vote.
            if (settings.anchor() != null && !tally.ids().contains(settings.anchor())) continue;
            PairCounts pc = PairCounts.of(tally);
            double[] theta = new double[pc.size()];
            for (int m = 0; m < theta.length; m++)
                theta[m] = strength.getOrDefault(pc.models().get(m), 0.0);
            fit(pc, settings, theta);
            double[] rating = Scale.toElo(
                    theta, settings.anchor() == null ? -1 : pc.models().indexOf(settings.anchor()));
            Map<String, Double> ratings = new TreeMap<>();
            for (int m = 0; m < theta.length; m++) {
                ratings.put(pc.models().get(m), rating[m]);
                strength.put(pc.models().get(m), theta[m]);
            }
            out.add(new DayRatings(day, ratings));
        }
        return out;
    }

    /** The leaderboard for everything in the tally, computed with the tally's settings. */
    public static Leaderboard leaderboard(Tally tally) {
        RatingSettings s = tally.settings();
        PairCounts pc = PairCounts.of(tally);
        int n = pc.size();
        if (n == 0) return new Leaderboard(List.of(), List.of(), 0, s, List.of());
        int anchor = -1;
        if (s.anchor() != null) {
            anchor = pc.models().indexOf(s.anchor());
            if (anchor < 0) throw new IllegalArgumentException("anchor model '" + s.anchor() + "' has no votes here");
        }
        double[] theta = fit(pc, s);
        double[] rating = Scale.toElo(theta, anchor);
        double[][] ci = s.rounds() > 0 ? Bootstrap.intervals(pc, s, theta, anchor) : new double[][] {rating, rating};
        return assemble(pc, s, tally.votes(), rating, ci[0], ci[1]);
    }

    static double[] fit(PairCounts pc, RatingSettings s) {
        return fit(pc, s, new double[pc.size()]);
    }

    /** Fits in place from the starting point in {@code theta} (the answer does not depend on it). */
    private static double[] fit(PairCounts pc, RatingSettings s, double[] theta) {
        int p = pc.pairs();
        double[] wa = new double[p], wb = new double[p];
        for (int i = 0; i < p; i++) {
            double shared = 0.5 * (s.tieWeight() * pc.ties()[i] + s.bothBadWeight() * pc.bothBad()[i]);
            wa[i] = pc.aWins()[i] + shared;
            wb[i] = pc.bWins()[i] + shared;
        }
        if (new BradleyTerry(pc.size()).fit(pc.a(), pc.b(), wa, wb, s.prior(), theta) < 0) {
            throw new IllegalStateException("no finite Bradley–Terry estimate: with prior 0, a model that won or lost "
                    + "every vote, or groups of models that never met, have no maximum; use a positive prior");
        }
        return theta;
    }

    private static Leaderboard assemble(
            PairCounts pc, RatingSettings s, long votes, double[] rating, double[] low, double[] high) {
        int n = pc.size();
        int[][] results = pc.perModel();
        List<LeaderboardRow> rows = new ArrayList<>(n);
        List<SideBalance> sides = new ArrayList<>(n);
        int[] ranks = ranks(low, high);
        for (int i = 0; i < n; i++) {
            int rank = ranks[i];
            int[] r = results[i];
            int played = r[0] + r[1] + r[2] + r[3];
            rows.add(new LeaderboardRow(
                    pc.models().get(i),
                    rating[i],
                    low[i],
                    high[i],
                    rank,
                    played,
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    played == 0 ? 0 : r[0] / (double) played,
                    played < s.provisionalBelow(),
                    pc.elo()[i]));
            sides.add(SideBalance.of(pc.models().get(i), pc.leftSide()[i], pc.rightSide()[i]));
        }
        rows.sort(Comparator.comparingDouble(LeaderboardRow::rating).reversed().thenComparing(LeaderboardRow::model));
        List<HeadToHead> pairs = new ArrayList<>(pc.pairs());
        for (int p = 0; p < pc.pairs(); p++) {
            pairs.add(new HeadToHead(
                    pc.models().get(pc.a()[p]),
                    pc.models().get(pc.b()[p]),
                    pc.aWins()[p],
                    pc.bWins()[p],
                    pc.ties()[p],
                    pc.bothBad()[p]));
        }
        return new Leaderboard(rows, sides, votes, s, pairs);
    }

    /**
     * Rank by interval overlap: 1 + the number of models whose whole interval lies above this one's.
     * Models that cannot be told apart share a rank, and ranks may skip, as in sports tables.
     */
    static int[] ranks(double[] low, double[] high) {
        int[] ranks = new int[low.length];
        for (int i = 0; i < low.length; i++) {
            ranks[i] = 1;
            for (int j = 0; j < low.length; j++) if (low[j] > high[i]) ranks[i]++;
        }
        return ranks;
    }
}
