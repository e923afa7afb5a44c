package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.testing.ChatStub;
import autobench.testing.StatementCounter;
import autobench.testing.Store;
import autobench.vote.PairPicker.Pool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which two answers a visitor is shown. */
class BattleSelectionTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void pair_selection_gives_every_pair_of_models_its_share_of_battles(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles(VoteSettings.DEFAULTS, 42);
            Map<String, Integer> perPair = new HashMap<>();
            Map<String, Integer> leftSide = new HashMap<>();
            Set<String> tasks = new TreeSet<>();
            for (int i = 0; i < 120; i++) {
                Battle b = battles.issue("visitor-" + (i % 7), "addr").orElseThrow();
                String l = v.modelOf(b.leftSubmissionId()), r = v.modelOf(b.rightSubmissionId());
                assertThat(l).isNotEqualTo(r);
                perPair.merge(l.compareTo(r) < 0 ? l + "|" + r : r + "|" + l, 1, Integer::sum);
                leftSide.merge(l, 1, Integer::sum);
                tasks.add(b.taskId());
            }

            assertThat(perPair)
                    .as("four demo models make six pairs, each with 120 / 6 battles")
                    .hasSize(6)
                    .allSatisfy((pair, n) -> assertThat(n).isEqualTo(20));
            assertThat(tasks)
                    .as("the pair's task is drawn from all the tasks both answered")
                    .hasSizeGreaterThan(1);
            assertThat(leftSide)
                    .as("every model is shown on the left sometimes")
                    .hasSize(4)
                    .allSatisfy((m, n) -> assertThat(n).isBetween(15, 45));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void real_and_demo_models_never_meet_in_one_battle(Store store) {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            try (Voting v = Voting.mixed(store, tmp, stub.port()).publish()) {
                Set<String> demo = Set.of("demo-grid", "demo-orbit");
                Battles battles = v.battles(VoteSettings.DEFAULTS, 3);
                Set<String> seen = new TreeSet<>();
                for (int i = 0; i < 30; i++) {
                    Battle b = battles.issue("visitor", "addr").orElseThrow();
                    seen.add(v.modelOf(b.leftSubmissionId()));
                    seen.add(v.modelOf(b.rightSubmissionId()));
                }
                assertThat(seen)
                        .as("with real pairs to compare, people get real battles only")
                        .containsExactly("alpha", "beta", "gamma");

                for (int i = 0; i < 10; i++) {
                    Battles.Issued d = battles.issue("simulated", Pool.DEMO, null, v.clock.millis())
                            .orElseThrow();
                    assertThat(Set.of(d.leftModelId(), d.rightModelId())).isEqualTo(demo);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void only_published_answers_that_succeeded_and_rendered_are_battled(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp)) {
            v.arena.pipeline().dailyCycle().run(Voting.DAY);
            Battles battles = v.battles();
            assertThat(battles.issue("visitor", "addr"))
                    .as("nothing published yet")
                    .isEmpty();

            v.publish();
            String failedRender = v.arena
                    .storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT submission_id FROM render_results ORDER BY submission_id")
                            .mapTo(String.class)
                            .list())
                    .get(0);
            v.arena
                    .storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.createUpdate(
                                    "UPDATE render_results SET result = 'render_failed' WHERE submission_id = :s")
                            .bind("s", failedRender)
                            .execute());
            for (int i = 0; i < 40; i++) {
                Battle b = battles.issue("visitor", "addr").orElseThrow();
                assertThat(List.of(b.leftSubmissionId(), b.rightSubmissionId())).doesNotContain(failedRender);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void battles_read_their_answers_once_per_data_version_and_a_hidden_answer_leaves_at_the_next(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish();
                StatementCounter reads = new StatementCounter(
                        v.arena.storage().database().jdbi(),
                        sql -> sql.contains("JOIN render_results r ON r.submission_id = s.id"))) {
            Battles uncached = v.battles();
            for (int i = 0; i < 3; i++) uncached.issue("visitor", "addr").orElseThrow();
            assertThat(reads.count())
                    .as("without a version, every battle reads")
                    .isEqualTo(3);

            AtomicLong version = new AtomicLong(1);
            Battles battles = v.battles().answersCachedBy(version::get);
            reads.reset();
            for (int i = 0; i < 20; i++) battles.issue("visitor", "addr").orElseThrow();
            assertThat(reads.count())
                    .as("one read for twenty battles at one version")
                    .isEqualTo(1);

            Battle shown = battles.issue("visitor", "addr").orElseThrow();
            String hidden = shown.leftSubmissionId();
            v.arena.storage().submissions().setHidden(hidden, true, v.clock.millis());
            version.incrementAndGet(); // what hiding does to the site's data version
            for (int i = 0; i < 40; i++) {
                Battle b = battles.issue("visitor", "addr").orElseThrow();
                assertThat(List.of(b.leftSubmissionId(), b.rightSubmissionId())).doesNotContain(hidden);
            }
            assertThat(reads.count()).as("read again once, at the new version").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_vote_reads_each_submission_it_names_once_and_then_only_writes(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish();
                StatementCounter sideReads = new StatementCounter(
                        v.arena.storage().database().jdbi(), sql -> sql.contains("WHERE s.id IN (:l, :r)"))) {
            Battles battles = v.battles();
            Set<String> submissions = new TreeSet<>();
            for (int i = 0; i < 40; i++) {
                String visitor = "visitor-" + i;
                Battle b = battles.issue(visitor, "addr").orElseThrow();
                submissions.add(b.leftSubmissionId());
                submissions.add(b.rightSubmissionId());
                assertThat(battles.cast(b.token(), visitor, Outcome.LEFT, "198.51." + i + ".7"))
                        .isInstanceOf(CastResult.Accepted.class);
            }
            assertThat(sideReads.count())
                    .as("a read brings at least one submission not seen before; %d were seen", submissions.size())
                    .isBetween(1, submissions.size())
                    .isLessThan(40);
        }
    }
}
