package autobench.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.AppAccess;
import autobench.config.Config;
import autobench.cycle.DailyCycle;
import autobench.dispatch.Submission;
import autobench.rating.Outcome;
import autobench.rating.VoteFilter;
import autobench.task.TaskStatus;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stored votes become the leaderboard, the daily snapshot and the `ratings` command's output. */
class RatingsFromDatabaseTest {
    static final LocalDate DAY = LocalDate.of(2026, 8, 10);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void votes_cast_during_a_day_become_that_days_snapshot_and_the_ratings_command_output(Store store) {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            String yaml = TestConfigs.base(store.freshUrl(tmp), 2) + TestConfigs.stubModel("strong", stub.port(), 30)
                    + TestConfigs.stubModel("weak", stub.port(), 30)
                    + "  - {id: demo-grid, provider: demo, model: demo-grid}\n";
            Path cfg = TestConfigs.write(tmp, yaml);
            Config c = TestConfigs.load(tmp, yaml, Map.of());
            long noon = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            try (Assembly a = TestAssembly.of(c)
                    .clock(Clock.fixed(Instant.ofEpochMilli(noon), ZoneOffset.UTC))
                    .build()) {
                DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY);
                Random rnd = new Random(7);
                for (var task : r.tasks()) {
                    Map<String, Submission> byModel = new HashMap<>();
                    a.storage().submissions().forTask(task.id()).forEach(s -> byModel.put(s.modelId(), s));
                    for (int i = 0; i < 20; i++) {
                        boolean strongLeft = rnd.nextBoolean();
                        Submission l = byModel.get(strongLeft ? "strong" : "weak"),
                                rr = byModel.get(strongLeft ? "weak" : "strong");
                        String battle = a.storage().votes().issueBattle(task.id(), l.id(), rr.id(), "v" + i, noon + i);
                        Outcome outcome = i % 5 == 0
                                ? Outcome.TIE
                                : (strongLeft ? Outcome.LEFT : Outcome.RIGHT); // strong wins or ties
                        assertThat(a.storage().votes().vote(battle, "v" + i, outcome, null, noon + i))
                                .isTrue();
                    }
                    // a demo battle: must never reach the real leaderboard
                    String demoBattle = a.storage()
                            .votes()
                            .issueBattle(
                                    task.id(),
                                    byModel.get("demo-grid").id(),
                                    byModel.get("weak").id(),
                                    "d",
                                    noon);
                    a.storage().votes().vote(demoBattle, "d", Outcome.LEFT, null, noon);
                }
            }
            long nextNoon = noon + 86_400_000L;
            try (Assembly a = TestAssembly.of(c)
                    .clock(Clock.fixed(Instant.ofEpochMilli(nextNoon), ZoneOffset.UTC))
                    .build()) {
                a.pipeline().dailyCycle().run(DAY.plusDays(1));
                SnapshotStore snapshots = new SnapshotStore(a.storage().database());
                List<SnapshotStore.Point> strong = snapshots.history("strong", "all", "bradley_terry");
                List<SnapshotStore.Point> weak = snapshots.history("weak", "all", "bradley_terry");
                assertThat(strong).singleElement().satisfies(p -> {
                    assertThat(p.day()).isEqualTo(DAY);
                    assertThat(p.votes()).isEqualTo(40);
                    assertThat(p.ciLow()).isLessThan(p.rating());
                });
                assertThat(strong.get(0).rating()).isGreaterThan(weak.get(0).rating());
                assertThat(snapshots.history("demo-grid", "all", "bradley_terry"))
                        .isEmpty();
                assertThat(snapshots.history("strong", "all", "elo")).hasSize(1);
            }
            StringWriter out = new StringWriter();
            var cl = AppAccess.commandLine();
            cl.setOut(new PrintWriter(out, true));
            assertThat(cl.execute("ratings", "--config", cfg.toString(), "--json", "--rounds", "50"))
                    .isZero();
            assertThat(out.toString())
                    .contains("\"strong\"")
                    .contains("\"weak\"")
                    .doesNotContain("demo-grid");
        }
    }

    /**
     * With names shown two days later, votes cast on a task count from its reveal: not in the
     * snapshot of the day they were cast, in the snapshot of the day the reveal ends, and that
     * snapshot equals the public board at that moment.
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void votes_on_a_blind_task_enter_the_snapshot_and_the_public_board_together_at_its_reveal(Store store) {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            String yaml = TestConfigs.base(store.freshUrl(tmp), 1) + TestConfigs.stubModel("strong", stub.port(), 30)
                    + TestConfigs.stubModel("weak", stub.port(), 30) + "voting:\n  reveal_after_days: 2\n";
            Config c = TestConfigs.load(tmp, yaml, Map.of());
            long noon = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli(), dayMs = 86_400_000L;
            try (Assembly a = TestAssembly.of(c)
                    .clock(Clock.fixed(Instant.ofEpochMilli(noon), ZoneOffset.UTC))
                    .build()) {
                DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY);
                var task = r.tasks().get(0);
                Map<String, Submission> byModel = new HashMap<>();
                a.storage().submissions().forTask(task.id()).forEach(s -> byModel.put(s.modelId(), s));
                for (int i = 0; i < 12; i++) {
                    String battle = a.storage()
                            .votes()
                            .issueBattle(
                                    task.id(),
                                    byModel.get("strong").id(),
                                    byModel.get("weak").id(),
                                    "v" + i,
                                    noon + i);
                    assertThat(a.storage()
                                    .votes()
                                    .vote(battle, "v" + i, i % 4 == 0 ? Outcome.RIGHT : Outcome.LEFT, null, noon + i))
                            .isTrue();
                }
                a.storage().tasks().advance(task.id(), TaskStatus.DISPATCHED, TaskStatus.PUBLISHED, noon);
                assertThat(a.storage().storedVotes().read(false))
                        .as("blind on its own day")
                        .isEmpty();
            }
            for (int d = 1; d <= 2; d++) {
                try (Assembly a = TestAssembly.of(c)
                        .clock(Clock.fixed(Instant.ofEpochMilli(noon + d * dayMs), ZoneOffset.UTC))
                        .build()) {
                    a.pipeline().dailyCycle().run(DAY.plusDays(d));
                    var board = a.website().gallery().standings(VoteFilter.ALL);
                    List<SnapshotStore.Point> strong =
                            new SnapshotStore(a.storage().database()).history("strong", "all", "bradley_terry");
                    if (d == 1) {
                        assertThat(board).as("still blind a day later").isEmpty();
                        assertThat(strong)
                                .as("the snapshot of the voting day leaves blind votes out")
                                .isEmpty();
                    } else {
                        assertThat(strong).singleElement().satisfies(p -> {
                            assertThat(p.day()).isEqualTo(DAY.plusDays(1));
                            assertThat(p.votes()).isEqualTo(12);
                        });
                        var row = board.get(0).board().rows().stream()
                                .filter(x -> x.model().equals("strong"))
                                .findFirst()
                                .orElseThrow();
                        assertThat(row.rating())
                                .as("the snapshot at the reveal equals the public board")
                                .isEqualTo(strong.get(0).rating());
                    }
                }
            }
        }
    }
}
