package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.WireName;
import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.DailyCycle;
import autobench.dispatch.Submission;
import autobench.rating.Outcome;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VoteStoreTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_battle_is_voted_on_once_and_only_by_its_visitor(Store store) {
        Config c = new ConfigLoader(Map.of("AUTOBENCH_RENDER_ENABLED", "false"))
                .load(null, true)
                .withDatabase(store.freshUrl(tmp));
        try (Assembly a = TestAssembly.build(c)) {
            LocalDate day = LocalDate.of(2026, 6, 1);
            DailyCycle.Result r = a.pipeline().dailyCycle().run(day);
            List<Submission> subs =
                    a.storage().submissions().forTask(r.tasks().get(0).id());
            VoteStore votes = new VoteStore(a.storage().database());
            String battle = votes.issueBattle(
                    r.tasks().get(0).id(), subs.get(0).id(), subs.get(1).id(), "visitor-1", 1);

            assertThat(votes.vote(battle, "visitor-2", Outcome.LEFT, null, 2))
                    .as("someone else's battle")
                    .isFalse();
            assertThat(votes.vote("forged-battle-id", "visitor-1", Outcome.LEFT, null, 2))
                    .as("forged battle")
                    .isFalse();
            assertThat(votes.vote(battle, "visitor-1", Outcome.RIGHT, "h", 3)).isTrue();
            assertThat(votes.vote(battle, "visitor-1", Outcome.LEFT, "h", 4))
                    .as("second vote on one battle")
                    .isFalse();

            assertThat(votes.all()).singleElement().satisfies(v -> {
                assertThat(v.leftModel()).isEqualTo(subs.get(0).modelId());
                assertThat(v.rightModel()).isEqualTo(subs.get(1).modelId());
                assertThat(v.outcome()).isEqualTo(Outcome.RIGHT);
                assertThat(v.demo()).isTrue();
                assertThat(v.day()).isEqualTo(day);
                assertThat(v.category()).isEqualTo(r.tasks().get(0).category().wireName());
            });
            String other = votes.issueBattle(
                    r.tasks().get(0).id(), subs.get(0).id(), subs.get(1).id(), "visitor-1", 5);
            assertThatThrownBy(() -> votes.vote(other, "visitor-1", WireName.parse(Outcome.class, "maybe"), null, 6))
                    .as("not in the vocabulary")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown outcome 'maybe'");
            assertThat(votes.all()).hasSize(1);
        }
    }
}
