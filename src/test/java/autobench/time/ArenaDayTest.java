package autobench.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArenaDayTest {
    private static final List<ZoneId> ZONES = List.of(
            ZoneOffset.UTC,
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/Sao_Paulo"),
            ZoneId.of("Pacific/Apia"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/Havana"));

    @Test
    void a_utc_day_runs_from_midnight_to_midnight() {
        ArenaDay d = ArenaDay.of(LocalDate.of(2026, 3, 1), ZoneOffset.UTC);
        assertThat(d.start()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(d.end()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(d.startMillis())
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void the_day_a_zone_springs_forward_has_23_hours_and_the_day_it_falls_back_25() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(ArenaDay.of(LocalDate.of(2026, 3, 29), berlin).length()).isEqualTo(Duration.ofHours(23));
        assertThat(ArenaDay.of(LocalDate.of(2026, 10, 25), berlin).length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void a_day_whose_midnight_does_not_exist_starts_at_its_first_instant() {
        // Havana moved its clocks from 00:00 to 01:00 on 2026-03-08.
        ArenaDay d = ArenaDay.of(LocalDate.of(2026, 3, 8), ZoneId.of("America/Havana"));
        assertThat(d.start()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(d.length()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void today_is_the_day_the_clock_is_in_in_the_arena_zone_not_in_utc() {
        Clock lateEvening = Clock.fixed(Instant.parse("2026-06-01T23:30:00Z"), ZoneOffset.UTC);
        assertThat(ArenaDay.today(lateEvening, ZoneOffset.UTC).date()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(ArenaDay.today(lateEvening, ZoneId.of("Europe/Berlin")).date())
                .isEqualTo(LocalDate.of(2026, 6, 2));
    }

    @Test
    void bounds_that_do_not_belong_to_the_date_are_refused() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() ->
                        new ArenaDay(ZoneOffset.UTC, LocalDate.of(2026, 1, 1), start, start.plus(Duration.ofHours(12))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-01-02T00:00:00Z");
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 7L, 20_260_101L, 424_242L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void every_instant_falls_in_exactly_one_day_and_consecutive_days_meet(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Instant t = Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 2_000_000_000L));
            ArenaDay d = ArenaDay.containing(t, zone);
            assertThat(d.contains(t)).as("%s in %s", t, d).isTrue();
            assertThat(d.previous().contains(t)).isFalse();
            assertThat(d.next().contains(t)).isFalse();
            assertThat(d.previous().end()).isEqualTo(d.start());
            assertThat(d.next().start()).isEqualTo(d.end());
            assertThat(ArenaDay.containing(d.start(), zone)).isEqualTo(d);
            assertThat(ArenaDay.containing(d.endMillis() - 1, zone)).isEqualTo(d);
        }
    }
}
