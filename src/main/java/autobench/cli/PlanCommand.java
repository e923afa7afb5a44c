package autobench.cli;

import autobench.cycle.StageRuns;
import autobench.ops.CostPlan;
import autobench.ops.SchedulePreview;
import autobench.wiring.Arena;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", description = "Before spending anything: the expected daily and monthly cost of the config (each model's "
        + "price and token limit, and its average tokens where the call ledger has history), beside the seed's estimate, "
        + "and what the first `schedule` run would do now (catch-up days included). Calls no model, writes nothing.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() {
        // Opened like a web-only process: nothing is written at start-up (not even the models).
        try (Arena arena = Arena.openForWeb(config.load(false))) {
            var c = arena.config();
            CostPlan.Plan plan = CostPlan.of(c, arena.ledger()::averageTokens);
            System.out.println("Cost plan: " + c.tasksPerDay() + " tasks a day x " + c.enabledModels().size() + " enabled models"
                    + (c.taskGenerator().equals("builtin") ? ", tasks from the built-in library (no call)"
                            : ", tasks written by " + c.taskGenerator() + " (one call a day)"));
            plan.text().forEach(System.out::println);
            System.out.println();
            System.out.println("What `schedule` would do now (" + arena.clock().instant() + ", zone " + c.zone() + ", catch_up_days "
                    + c.schedule().catchUpDays() + "):");
            preview(arena).text(plan.callsPerDay()).forEach(System.out::println);
            return 0;
        }
    }

    static SchedulePreview preview(Arena arena) {
        var scheduler = arena.scheduler();
        StageRuns runs = arena.stageRuns();
        return SchedulePreview.of(arena.clock().instant(), arena.config().zone(), arena.config().schedule().catchUpDays(),
                scheduler::dueAt, (stage, day) -> runs.find(stage, day).map(StageRuns.Run::status));
    }
}
