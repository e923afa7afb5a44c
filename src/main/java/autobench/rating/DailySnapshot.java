package autobench.rating;

import java.time.LocalDate;

/** The leaderboard as it stood at the end of one arena day, for history charts. */
public record DailySnapshot(LocalDate day, Leaderboard leaderboard) {}
