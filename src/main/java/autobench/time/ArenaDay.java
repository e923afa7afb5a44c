package autobench.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One arena day: a date in the arena's zone and the instants it starts (inclusive) and ends
 * (exclusive). Budgets, snapshots, costs and simulated votes all count in these bounds, so they
 * are computed here once. A day is not always 24 hours long: where the zone changes its clocks it
 * has 23 or 25, and a day that skips midnight starts at the first instant that exists.
 */
public record ArenaDay(ZoneId zone, LocalDate date, Instant start, Instant end) {

    public ArenaDay {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(date, "date");
        if (!start.equals(startOf(date, zone)) || !end.equals(startOf(date.plusDays(1), zone))) {
            throw new IllegalArgumentException("the bounds of " + date + " in " + zone + " are " + startOf(date, zone)
                    + " to " + startOf(date.plusDays(1), zone) + ", not " + start + " to " + end);
        }
    }

    /** The arena day of this date in this zone. */
    public static ArenaDay of(LocalDate date, ZoneId zone) {
        return new ArenaDay(zone, date, startOf(date, zone), startOf(date.plusDays(1), zone));
    }

    /** The arena day an instant falls in. */
    public static ArenaDay containing(Instant instant, ZoneId zone) {
        return of(LocalDate.ofInstant(instant, zone), zone);
    }

    /** The arena day an epoch-millisecond instant (the database's timestamps) falls in. */
    public static ArenaDay containing(long epochMillis, ZoneId zone) {
        return containing(Instant.ofEpochMilli(epochMillis), zone);
    }

    /** The arena day it is now. */
    public static ArenaDay today(Clock clock, ZoneId zone) {
        return containing(clock.instant(), zone);
    }

    public long startMillis() {
        return start.toEpochMilli();
    }

    public long endMillis() {
        return end.toEpochMilli();
    }

    public ArenaDay next() {
        return of(date.plusDays(1), zone);
    }

    public ArenaDay previous() {
        return of(date.minusDays(1), zone);
    }

    /** Whether the instant falls in this day: from its start, up to but not including its end. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return date + " (" + zone + ")";
    }

    private static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }
}
