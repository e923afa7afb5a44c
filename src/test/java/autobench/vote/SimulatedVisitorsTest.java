package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.leaderboard.StoredVotes;
import autobench.rating.Leaderboard;
import autobench.rating.LeaderboardRow;
import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.VoteFilter;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo's made-up visitors: flagged, kept apart from real votes, reproducible, and believable. */
class SimulatedVisitorsTest {
    static final List<LocalDate> DAYS = List.of(Voting.DAY.minusDays(2), Voting.DAY.minusDays(1), Voting.DAY);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void simulated_votes_are_flagged_only_touch_demo_models_and_stay_out_of_real_ratings(Store store) {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            try (Voting v = Voting.mixed(store, tmp, stub.port()).publish()) {
                Battles battles = v.battles();
                Battle real = battles.issue("person", "addr").orElseThrow();
                assertThat(battles.cast(real.token(), "person", Outcome.LEFT, "addr"))
                        .isInstanceOf(CastResult.Accepted.class);

                SimulatedVisitors.Report report = new SimulatedVisitors(battles, 5).run(List.of(Voting.DAY), 30);

                assertThat(report.cast()).isEqualTo(30);
                assertThat(report.refused()).isEmpty();
                List<VoteStore.StoredVote> all = v.arena.storage().votes().all();
                assertThat(all).hasSize(31);
                assertThat(all)
                        .filteredOn(VoteStore.StoredVote::simulated)
                        .hasSize(30)
                        .allSatisfy(s -> assertThat(s.demo()).isTrue())
                        .allSatisfy(s -> assertThat(List.of(s.leftModel(), s.rightModel()))
                                .allMatch(m -> m.startsWith("demo-")));
                StoredVotes stored = new StoredVotes(v.arena.storage().votes());
                assertThat(stored.read(false))
                        .as("real ratings see the one real vote")
                        .singleElement()
                        .satisfies(r -> assertThat(r.left()).doesNotStartWith("demo-"));
                assertThat(stored.read(true)).hasSize(31);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_same_seed_on_the_same_days_casts_the_same_votes(Store store) {
        List<String> first = simulate(store, 11);
        List<String> again = simulate(store, 11);
        List<String> other = simulate(store, 12);

        assertThat(first).hasSize(3 * 80).isEqualTo(again);
        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void simulated_votes_are_timed_within_their_day_cast_once_per_day_and_rank_models_by_hidden_strength(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publishDays(DAYS)) {
            SimulatedVisitors sim = new SimulatedVisitors(v.battles(), 7);
            assertThat(sim.run(DAYS, 150).cast()).isEqualTo(450);
            assertThat(sim.run(DAYS, 150))
                    .as("a second run leaves simulated days alone")
                    .isEqualTo(new SimulatedVisitors.Report(0, Map.of(), 3));

            for (VoteStore.StoredVote s : v.arena.storage().votes().all()) {
                assertThat(Instant.ofEpochMilli(s.castAt())
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate())
                        .isEqualTo(s.day());
            }
            Leaderboard board = Ratings.leaderboard(
                    new StoredVotes(v.arena.storage().votes()).read(true), VoteFilter.ALL, RatingSettings.DEFAULTS);
            List<LeaderboardRow> byStrength = board.rows().stream()
                    .sorted(Comparator.comparingDouble(r -> -sim.strength(r.model())))
                    .toList();
            assertThat(byStrength).hasSize(4);
            assertThat(byStrength.getFirst().rating())
                    .as("the hidden strongest is rated above the hidden weakest, clearly")
                    .isGreaterThan(byStrength.getLast().ciHigh());
        }
    }

    /** The votes as (day, task slot, left, right, outcome), which are the same across databases. */
    private List<String> simulate(Store store, long seed) {
        try (Voting v = Voting.demoOnly(store, tmp).publishDays(DAYS)) {
            new SimulatedVisitors(v.battles(), seed).run(DAYS, 80);
            return v.arena
                    .storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("""
                    SELECT t.day, t.slot, v.left_model, v.right_model, v.outcome, v.simulated
                    FROM votes v JOIN tasks t ON t.id = v.task_id ORDER BY v.cast_at""")
                            .map((rs, c) ->
                                    rs.getString(1) + "#" + rs.getInt(2) + " " + rs.getString(3) + "/" + rs.getString(4)
                                            + " " + rs.getString(5) + (rs.getInt(6) == 1 ? " simulated" : " REAL"))
                            .list());
        }
    }
}
