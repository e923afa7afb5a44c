package autobench.rating;

import java.time.LocalDate;
import java.util.Map;

/**
 * The Bradley–Terry point ratings from every vote on tasks of days up to {@code day}: one point of
 * the rating-over-time chart. A model is absent until its first vote.
 */
public record DayRatings(LocalDate day, Map<String, Double> ratings) {
    public DayRatings {
        ratings = Map.copyOf(ratings);
    }
}
