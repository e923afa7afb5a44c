package autobench.cli;

import autobench.config.Config;
import autobench.cycle.StageRuns;
import autobench.db.Database;
import autobench.dispatch.CallLedger;
import autobench.ops.CostPlan;
import autobench.ops.SchedulePreview;
import autobench.wiring.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "plan",
        description =
                "Before spending anything: the expected daily and monthly cost of the config (each model's "
                        + "price and token limit, and its average tokens where the call ledger has history), beside the seed's estimate, "
                        + "and what the first `schedule` run would do now (catch-up days included). Calls no model, writes nothing.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        Config c = config.load(false);
        // Only the database, opened and migrated: nothing else is written (not even the models).
        try (Database db = Storage.openDatabase(c, System::getenv)) {
            CostPlan.Plan plan = CostPlan.of(c, new CallLedger(db)::averageTokens);
            Instant now = Clock.systemUTC().instant();
            System.out.println("Cost plan: " + c.tasksPerDay() + " tasks a day x "
                    + c.enabledModels().size() + " enabled models"
                    + (c.taskGenerator().equals("builtin")
                            ? ", tasks from the built-in library (no call)"
                            : ", tasks written by " + c.taskGenerator() + " (one call a day)"));
            plan.text().forEach(System.out::println);
            System.out.println();
            System.out.println("What `schedule` would do now (" + now + ", zone " + c.zone() + ", catch_up_days "
                    + c.schedule().catchUpDays() + "):");
            preview(now, c, new StageRuns(db)).text(plan.callsPerDay()).forEach(System.out::println);
            return 0;
        }
    }

    static SchedulePreview preview(Instant now, Config c, StageRuns runs) {
        return SchedulePreview.of(
                now,
                c.zone(),
                c.schedule().catchUpDays(),
                (stage, day) -> c.schedule().dueAt(stage, day, c.zone()),
                (stage, day) -> runs.find(stage, day).map(StageRuns.Run::status));
    }
}
