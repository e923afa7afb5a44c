package autobench.cli;

import autobench.cycle.StageRuns;
import autobench.wiring.Assembly;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "runs", description = "The run history of the schedule and the cron triggers: stage, day, status, who, when, what it did.")
public final class RunsCommand implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--limit", description = "How many runs to show, newest first (default: ${DEFAULT-VALUE}).", defaultValue = "40")
    int limit;

    @Override
    public Integer call() {
        try (Assembly arena = Assembly.assemble(Assembly.TOOL, config.load(false))) {
            var runs = arena.storage().stageRuns().recent(limit);
            if (runs.isEmpty()) System.out.println("No scheduled runs yet (run-day and demo do not record here; schedule, serve and the cron endpoints do).");
            for (StageRuns.Run r : runs) {
                System.out.printf("%s  %-8s  %-7s  %-8s  attempt %d  %s → %s  %s%n  %s%n", r.day(), r.stage().wireName(),
                        r.status().name().toLowerCase(java.util.Locale.ROOT), r.triggerBy(), r.attempts(),
                        Instant.ofEpochMilli(r.startedAt()), r.finishedAt() == null ? "…" : Instant.ofEpochMilli(r.finishedAt()),
                        r.owner(), r.detail() == null ? "" : r.detail());
            }
            return 0;
        }
    }
}
