package autobench.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.cycle.StageRunner.AlreadyRun;
import autobench.cycle.StageRunner.Outcome;
import autobench.cycle.StageRunner.Ran;
import autobench.testing.ChatStub;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schedule: each stage of each day runs once, when due, whoever else is scheduling. */
class SchedulerTest {
    static final LocalDate DAY = LocalDate.of(2026, 8, 10);

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    Config config(Store store) {
        stub.answerAll(ChatStub.ok());
        return TestConfigs.load(
                tmp,
                TestConfigs.base(store.freshUrl(tmp), 2)
                        + TestConfigs.stubModel("a", stub.port(), 30)
                        + TestConfigs.stubModel("b", stub.port(), 30),
                Map.of());
    }

    static Assembly arena(Config c, ManualClock clock) {
        return TestAssembly.of(c).clock(clock).build();
    }

    static long ran(List<Outcome> outcomes, Stage stage) {
        return outcomes.stream()
                .filter(o -> o instanceof Ran && o.stage() == stage)
                .count();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void two_schedulers_at_the_same_instant_generate_one_set_of_tasks_and_call_each_model_once(Store store)
            throws Exception {
        Config c = config(store);
        ManualClock clock = new ManualClock(Instant.parse("2026-08-10T00:06:00Z"));
        try (Assembly a = arena(c, clock);
                Assembly b = arena(c, clock);
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CyclicBarrier go = new CyclicBarrier(2);
            Future<List<Outcome>> fa = pool.submit(() -> {
                go.await();
                return a.pipeline().scheduler().tick();
            });
            Future<List<Outcome>> fb = pool.submit(() -> {
                go.await();
                return b.pipeline().scheduler().tick();
            });
            List<Outcome> both = new ArrayList<>(fa.get());
            both.addAll(fb.get());
            for (LocalDate d : List.of(DAY.minusDays(1), DAY)) {
                assertThat(a.storage().tasks().forDay(d)).hasSize(2);
            }
            assertThat(both.stream()
                            .filter(o -> o instanceof Ran
                                    && o.stage() == Stage.GENERATE
                                    && o.day().equals(DAY))
                            .count())
                    .as("generate of the day ran in one process")
                    .isEqualTo(1);
            assertThat(a.storage()
                            .stageRuns()
                            .find(Stage.GENERATE, DAY)
                            .orElseThrow()
                            .attempts())
                    .isEqualTo(1);
            assertThat(stub.requests())
                    .as("2 days × 2 tasks × 2 models, each called once")
                    .isEqualTo(8);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void catch_up_after_downtime_runs_a_missed_day_exactly_once(Store store) {
        Config c = config(store); // catch_up_days: 1 (the seed default)
        // Down since before DAY; back at 10:00 the next day.
        ManualClock clock = new ManualClock(Instant.parse("2026-08-11T10:00:00Z"));
        try (Assembly a = arena(c, clock)) {
            List<Outcome> first = a.pipeline().scheduler().tick();
            assertThat(a.storage().tasks().forDay(DAY)).as("the missed day").hasSize(2);
            assertThat(a.storage().tasks().forDay(DAY.plusDays(1))).as("today").hasSize(2);
            assertThat(a.storage().tasks().forDay(DAY.minusDays(1)))
                    .as("beyond catch_up_days")
                    .isEmpty();
            assertThat(ran(first, Stage.DISPATCH)).isEqualTo(2);
            assertThat(first).filteredOn(o -> o.stage() == Stage.RENDER).allMatch(o -> o instanceof StageRunner.Off);
            int sent = stub.requests();
            assertThat(sent).isEqualTo(8);

            clock.advance(Duration.ofMinutes(30));
            List<Outcome> again = a.pipeline().scheduler().tick();
            assertThat(again).filteredOn(o -> o.stage() != Stage.RENDER).allMatch(o -> o instanceof AlreadyRun);
            assertThat(stub.requests()).isEqualTo(sent);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_stage_waits_for_its_time_and_for_the_stage_before_it(Store store) {
        Config c = config(store);
        ManualClock clock = new ManualClock(Instant.parse("2026-08-10T00:02:00Z"));
        try (Assembly a =
                TestAssembly.of(c.withDatabase(c.database())).clock(clock).build()) {
            Scheduler s = new Scheduler(
                    a.pipeline().stageRunner(),
                    new ScheduleSettings(LocalTime.MIDNIGHT, LocalTime.of(0, 5), LocalTime.of(0, 5), 0),
                    c.zone(),
                    clock);
            List<Outcome> early = s.tick();
            assertThat(ran(early, Stage.GENERATE)).isEqualTo(1);
            assertThat(early).noneMatch(o -> o.stage() == Stage.DISPATCH);
            assertThat(stub.requests()).isZero();
            assertThat(s.untilNextDue())
                    .as("naps at most a minute")
                    .isEqualTo(Duration.ofMinutes(1).plusMillis(50));
            clock.advance(Duration.ofSeconds(150));
            assertThat(s.untilNextDue())
                    .as("wakes at 00:05")
                    .isEqualTo(Duration.ofSeconds(30).plusMillis(50));

            // Dispatch cannot run before generate has finished, whoever asks.
            assertThat(a.pipeline().stageRunner().run(Stage.DISPATCH, DAY.plusDays(1), StageRuns.Trigger.CRON))
                    .isInstanceOf(StageRunner.NotYet.class);

            clock.advance(Duration.ofSeconds(30));
            assertThat(ran(s.tick(), Stage.DISPATCH)).isEqualTo(1);
            assertThat(stub.requests()).isEqualTo(4);
            assertThat(a.storage()
                            .stageRuns()
                            .find(Stage.DISPATCH, DAY)
                            .orElseThrow()
                            .detail())
                    .contains("4 succeeded");
        }
    }
}
