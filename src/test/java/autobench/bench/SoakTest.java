package autobench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.testing.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The soak of bench/soak.sh, short and without Chromium: ten simulated days with provider faults and votes. */
@Tag("slow")
class SoakTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void ten_days_with_provider_faults_publish_every_day_and_keep_the_rating_history_continuous(Store store) {
        Soak.Settings s = new Soak.Settings(store.freshUrl(tmp), 10, false, 3, 30, 6, 7L, false);
        try (Soak soak = new Soak(s, tmp)) {
            List<Soak.Day> seen = new ArrayList<>();
            List<Soak.Day> days = soak.run(seen::add);

            assertThat(days).hasSize(10).isEqualTo(seen);
            assertThat(days)
                    .extracting(d -> d.day().toString())
                    .containsExactly(
                            "2026-01-01",
                            "2026-01-02",
                            "2026-01-03",
                            "2026-01-04",
                            "2026-01-05",
                            "2026-01-06",
                            "2026-01-07",
                            "2026-01-08",
                            "2026-01-09",
                            "2026-01-10");
            assertThat(days).allSatisfy(d -> {
                assertThat(d.published()).as("published %s", d.day()).isTrue();
                assertThat(d.tasks()).isEqualTo(3);
                assertThat(d.submissions()).isEqualTo(12);
                assertThat(d.snapshot()).as("snapshot of %s", d.day()).isTrue();
                assertThat(d.votesCast()).as("votes on %s", d.day()).isPositive();
                assertThat(d.databaseBytes()).isPositive();
                assertThat(d.heapBytes()).isPositive();
            });
            assertThat(soak.snapshotDays()).hasSize(10);
            assertThat(soak.historyGaps()).isEmpty();
            assertThat(soak.faults())
                    .as("faults were injected and retried or recorded")
                    .containsKeys(FailureKind.RATE_LIMITED, FailureKind.OVERLOADED);
            assertThat(days.getLast().databaseBytes())
                    .as("the database grew")
                    .isGreaterThan(days.getFirst().databaseBytes());
        }
    }

    @Test
    void a_missing_snapshot_day_is_reported_as_a_gap_in_the_rating_history() {
        Soak.Settings s = new Soak.Settings(Store.SQLITE.freshUrl(tmp), 4, false, 1, 12, 4, 3L, false);
        try (Soak soak = new Soak(s, tmp)) {
            soak.run(d -> {});
            assertThat(soak.historyGaps()).isEmpty();
            soak.arena
                    .storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("DELETE FROM rating_snapshots WHERE day = '2026-01-03'"));

            assertThat(soak.historyGaps()).isNotEmpty().allMatch(g -> g.endsWith(" 2026-01-03"));
            assertThat(soak.snapshotDays()).doesNotContain("2026-01-03").hasSize(3);
        }
    }

    @Test
    void the_fitted_line_of_points_on_a_line_has_its_slope_and_an_r2_of_one() {
        Soak.Fit f = Soak.Fit.of(new double[] {1, 2, 3, 4}, new double[] {3, 5, 7, 9});
        assertThat(f.slope()).isCloseTo(2.0, Offset.offset(1e-12));
        assertThat(f.intercept()).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(f.r2()).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(Soak.Fit.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 1, 3})
                        .r2())
                .isLessThan(0.5);
    }

    @Test
    void injected_faults_are_the_same_for_the_same_seed_whatever_the_order_of_calls() {
        var a = new ConcurrentHashMap<FailureKind, AtomicLong>();
        var b = new ConcurrentHashMap<FailureKind, AtomicLong>();
        Provider ok = p -> Completion.Failed.of(FailureKind.MALFORMED, "answered");
        FaultyProvider first = new FaultyProvider(ok, "m", 5, a), second = new FaultyProvider(ok, "m", 5, b);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 300; i++) prompts.add("prompt " + i);
        List<String> forward = new ArrayList<>(), backward = new ArrayList<>();
        for (String p : prompts) forward.add(p + " " + kind(first.complete(prompt(p))));
        for (String p : prompts.reversed()) backward.add(p + " " + kind(second.complete(prompt(p))));

        assertThat(backward.reversed()).isEqualTo(forward);
        long faults = forward.stream().filter(l -> !l.endsWith("MALFORMED")).count();
        assertThat(faults).as("about 16 % of 300 calls").isBetween(25L, 75L);
    }

    private static Prompt prompt(String user) {
        return new Prompt("", user, 100, null, Duration.ofSeconds(1));
    }

    private static String kind(Completion c) {
        return c instanceof Completion.Failed f ? f.kind().name() : "answered";
    }
}
