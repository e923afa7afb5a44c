package autobench.cli;

import autobench.cycle.DailyCycle;
import autobench.wiring.Assembly;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run-day",
        description =
                "Run one idempotent daily cycle (generate, dispatch) for a date. Safe to repeat: nothing is sent twice.")
public final class RunDayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Arena day (default: today in the configured zone).")
    LocalDate date;

    @Override
    public Integer call() {
        try (Assembly arena = Assembly.assemble(Assembly.PIPELINE, config.load(true));
                GracefulStop stop = GracefulStop.install(arena::stop)) {
            LocalDate day = date == null ? arena.today().date() : date;
            System.err.println("autobench: running the cycle for " + day + " with "
                    + arena.config().enabledModels().size() + " models");
            DailyCycle.Result r = arena.pipeline().dailyCycle().run(day);
            Summary.print(arena, r, System.out);
            if (stop.requested()) {
                System.out.println(
                        "  Stopped early: what was not started is still pending; run the same command again to finish the day.");
                return stop.exitCode();
            }
            return 0;
        }
    }
}
