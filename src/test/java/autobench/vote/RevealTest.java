package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.testing.Fuzz;
import autobench.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reveal rule: a task of arena day D is named from the start of arena day D + N in the arena's zone. */
class RevealTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_task_is_blind_until_the_next_arena_day_begins_in_the_arenas_zone_and_named_from_then_on() {
        LocalDate day = LocalDate.of(2026, 3, 10);
        // 23:59 in Berlin on the task's day is 22:59 UTC; midnight in Berlin is 23:00 UTC
        ManualClock clock = new ManualClock(day.atTime(23, 59).atZone(BERLIN).toInstant());
        Reveal reveal = new Reveal(1, BERLIN, clock);
        assertThat(reveal.revealed(day)).isFalse();
        assertThat(reveal.revealAt(day)).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(reveal.revealed(day)).isTrue();
        assertThat(reveal.revealed(day.plusDays(1))).isFalse();
        assertThat(reveal.revealedThrough()).isEqualTo(day);
    }

    @Test
    void zero_days_names_every_task_at_once_and_is_the_only_setting_that_is_not_blind() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
        Reveal now = new Reveal(0, ZoneId.of("UTC"), clock);
        assertThat(now.never()).isTrue();
        assertThat(now.revealed(LocalDate.of(2026, 3, 10))).isTrue();
        assertThat(new Reveal(1, ZoneId.of("UTC"), clock).never()).isFalse();
        assertThatThrownBy(() -> new Reveal(-1, ZoneId.of("UTC"), clock)).hasMessageContaining("0 or more");
    }

    static LongStream seeds() {
        return Fuzz.seeds(200);
    }

    /** Over random zones, days, times and delays: revealed exactly when the clock has reached revealAt, and revealAt is a local midnight. */
    @ParameterizedTest
    @MethodSource("seeds")
    void revealed_is_exactly_the_clock_having_reached_the_reveal_time_which_is_a_local_midnight(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] zones = {
            "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "America/St_Johns"
        };
        ZoneId zone = ZoneId.of(zones[r.nextInt(zones.length)]);
        int after = r.nextInt(4);
        LocalDate taskDay = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365));
        LocalDateTime local = taskDay.plusDays(r.nextInt(-2, 6)).atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60));
        ManualClock clock = new ManualClock(local.atZone(zone).toInstant());
        Reveal reveal = new Reveal(after, zone, clock);
        Instant at = reveal.revealAt(taskDay);
        assertThat(reveal.revealed(taskDay)).isEqualTo(!clock.instant().isBefore(at));
        assertThat(at.atZone(zone).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(at.atZone(zone).toLocalDate()).isEqualTo(taskDay.plusDays(after));
        // all tasks of a day reveal together, and an earlier day never later than a later one
        assertThat(reveal.revealed(taskDay.minusDays(1)) || !reveal.revealed(taskDay))
                .isTrue();
    }
}
