package autobench.rating;

import java.time.LocalDate;

/**
 * Which votes a leaderboard slice counts. Null fields mean "no restriction". A vote without a
 * category or date is left out of any slice that restricts that field: it cannot be shown to
 * belong there.
 *
 * @param category exact category wire name, or null for all
 * @param from     first day included, or null
 * @param to       last day included, or null
 */
public record VoteFilter(String category, LocalDate from, LocalDate to) {

    public static final VoteFilter ALL = new VoteFilter(null, null, null);

    public VoteFilter {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("date window is empty: from " + from + " is after to " + to);
        }
    }

    public boolean accepts(String voteCategory, LocalDate voteDate) {
        if (category != null && !category.equals(voteCategory)) return false;
        if (from == null && to == null) return true;
        if (voteDate == null) return false;
        return (from == null || !voteDate.isBefore(from)) && (to == null || !voteDate.isAfter(to));
    }

    public boolean accepts(Vote v) {
        return accepts(v.category(), v.date());
    }
}
