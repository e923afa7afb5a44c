package autobench.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cycle.StageRuns.Status;
import autobench.cycle.StageRuns.Trigger;
import autobench.ops.Verifier;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify reports what the schedule failed to do: failed runs, stages due and not run, work no worker took. */
class StageHealthTest {
    static final LocalDate DAY = LocalDate.of(2026, 7, 1);
    static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Assembly tool() {
        String yaml = TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("d", 9, 30);
        return TestAssembly.of(TestConfigs.load(tmp, yaml, Map.of()))
                .roles(Assembly.TOOL)
                .clock(Clock.fixed(NOON, ZoneOffset.UTC))
                .build();
    }

    static void record(Assembly a, Stage stage, Status status, String detail) {
        long now = NOON.toEpochMilli();
        assertThat(a.storage().stageRuns().claim(stage, DAY, Trigger.SCHEDULE, "p", now + 60_000, now))
                .isTrue();
        a.storage().stageRuns().finish(stage, DAY, "p", status, detail, now);
    }

    @Test
    void verify_reports_a_failed_stage_run_as_a_problem() {
        try (Assembly a = tool()) {
            record(a, Stage.GENERATE, Status.DONE, "2 tasks");
            record(a, Stage.SNAPSHOT, Status.DONE, "0 models");
            record(a, Stage.DISPATCH, Status.FAILED, "SQLException: FOREIGN KEY constraint failed");
            Verifier.Report r = a.storage().verifier().run();
            assertThat(r.ok()).isFalse();
            assertThat(r.problems())
                    .anyMatch(p -> p.contains("stage dispatch of " + DAY + " failed") && p.contains("FOREIGN KEY"));
        }
    }

    @Test
    void verify_reports_stages_that_were_due_and_have_not_run_once_the_schedule_is_in_use() {
        try (Assembly a = tool()) {
            record(a, Stage.GENERATE, Status.DONE, "2 tasks");
            Verifier.Report r = a.storage().verifier().run();
            assertThat(r.problems())
                    .anyMatch(p -> p.startsWith("stage dispatch of " + DAY + " was due") && p.contains("worker"));
            assertThat(r.problems())
                    .anyMatch(p -> p.startsWith("stage snapshot of " + DAY + " was due") && p.contains("scheduler"));
            assertThat(r.problems()).as("render is off in this config").noneMatch(p -> p.contains("stage render"));
        }
    }

    @Test
    void an_arena_run_by_hand_without_a_schedule_has_no_stage_to_miss() {
        try (Assembly a = tool()) {
            assertThat(a.storage().verifier().run().problems()).noneMatch(p -> p.contains("stage "));
        }
    }

    @Test
    void verify_reports_work_handed_on_that_no_worker_took() {
        try (Assembly a = tool()) {
            String fresh =
                    a.storage().workRequests().addStage(Stage.DISPATCH, DAY, "cron", NOON.toEpochMilli() - 60_000);
            String old =
                    a.storage().workRequests().addStage(Stage.GENERATE, DAY, "cron", NOON.toEpochMilli() - 3_600_000);
            Verifier.Report r = a.storage().verifier().run();
            assertThat(r.problems())
                    .anyMatch(p -> p.contains(old) && p.contains("no process took it") && p.contains("scheduler"));
            assertThat(r.problems()).as("a minute is within the grace").noneMatch(p -> p.contains(fresh));
        }
    }
}
