package autobench.gallery;

import java.time.LocalDate;

/** A model's Bradley–Terry rating at the end of one day, with its interval. */
public record HistoryPoint(LocalDate day, double rating, Double ciLow, Double ciHigh, Integer rank, int votes) {}
