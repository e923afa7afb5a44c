package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.testing.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Visitors' battles come only from tasks that are still blind, and never outlive the next reveal. */
class BlindBattlesOnlyTest {
    @TempDir
    Path tmp;

    private static Battles blind(Voting v, int afterDays) {
        return new Battles(
                new VoteStore(v.arena.storage().database()),
                VoteSettings.DEFAULTS,
                new Reveal(afterDays, ZoneOffset.UTC, v.clock),
                new SplittableRandom(3));
    }

    private static Set<String> tasksOf(Voting v, LocalDate day) {
        return new HashSet<>(
                v.arena.storage().tasks().forDay(day).stream().map(t -> t.id()).toList());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void battles_draw_only_from_tasks_that_are_still_blind_and_from_every_task_when_nothing_is(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publishDays(List.of(Voting.DAY.minusDays(1), Voting.DAY))) {
            Set<String> today = tasksOf(v, Voting.DAY), yesterday = tasksOf(v, Voting.DAY.minusDays(1));
            Set<String> blindDrawn = new HashSet<>(), allDrawn = new HashSet<>();
            Battles blind = blind(v, 1), open = blind(v, 0);
            for (int i = 0; i < 60; i++) {
                blindDrawn.add(blind.issue("visitor", "address").orElseThrow().taskId());
                allDrawn.add(open.issue("visitor", "address").orElseThrow().taskId());
            }
            assertThat(blindDrawn).isSubsetOf(today).isNotEmpty();
            assertThat(allDrawn).containsAnyElementsOf(yesterday).containsAnyElementsOf(today);
            // the next day: yesterday's tasks are revealed too, and nothing blind is left to battle
            v.clock.advance(Duration.ofDays(1));
            assertThat(blind.issue("visitor", "address")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_battle_issued_before_midnight_expires_when_its_task_is_revealed(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            v.clock.advance(Duration.ofMillis(Voting.DAY
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .toEpochMilli()
                    - v.clock.millis()
                    - 10 * 60_000)); // 23:50
            Battles blind = blind(v, 1);
            Battle b = blind.issue("visitor", "address").orElseThrow();
            assertThat(b.expiresAt())
                    .isEqualTo(Voting.DAY
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .toEpochMilli());
            Voting.Counts before = v.counts();
            v.clock.advance(Duration.ofMinutes(15)); // 00:05: the task is named now
            CastResult late = blind.cast(b.token(), "visitor", Outcome.LEFT, "address");
            assertThat(late)
                    .isInstanceOfSatisfying(
                            CastResult.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(Refusal.EXPIRED));
            assertThat(v.counts()).isEqualTo(before);
        }
    }
}
