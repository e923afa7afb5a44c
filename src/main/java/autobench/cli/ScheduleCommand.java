package autobench.cli;

import autobench.cycle.Scheduler;
import autobench.ops.CostPlan;
import autobench.wiring.Assembly;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "schedule",
        description = "Run the daily schedule until stopped (no website): each stage of each day once, when due, "
                + "catching up missed days. Safe to run on several machines at once. SIGTERM/Ctrl-C stops gracefully.")
public final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try (Assembly arena = Assembly.assemble(Assembly.PIPELINE, config.load(true))) {
            Scheduler scheduler = arena.pipeline().scheduler();
            // Say up front what the first tick is about to do, catch-up days above all (on a fresh database:
            // yesterday).
            int calls = CostPlan.of(arena.config(), (m, w) -> Optional.empty()).callsPerDay();
            PlanCommand.preview(
                            arena.storage().clock().instant(),
                            arena.config(),
                            arena.storage().stageRuns())
                    .text(calls)
                    .forEach(l -> System.err.println("schedule: " + l));
            try (GracefulStop stop = GracefulStop.install(() -> {
                scheduler.stop();
                arena.stop();
            })) {
                scheduler.runUntilStopped();
                return stop.requested() ? stop.exitCode() : 0;
            }
        }
    }
}
