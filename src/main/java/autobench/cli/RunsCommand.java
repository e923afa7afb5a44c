package autobench.cli;

import autobench.cycle.StageRuns;
import autobench.cycle.WorkRequestStore;
import autobench.wiring.Assembly;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "runs",
        description =
                "The run history of the schedule and the cron triggers (stage, day, status, who, when, what it did), then the work web-only processes handed on.")
public final class RunsCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--limit",
            description = "How many runs to show, newest first (default: ${DEFAULT-VALUE}).",
            defaultValue = "40")
    int limit;

    @Override
    public Integer call() {
        try (Assembly arena = Assembly.assemble(Assembly.TOOL, config.load(false))) {
            var runs = arena.storage().stageRuns().recent(limit);
            if (runs.isEmpty())
                System.out.println(
                        "No scheduled runs yet (run-day and demo do not record here; schedule, serve and the cron endpoints do).");
            for (StageRuns.Run r : runs) {
                System.out.printf(
                        "%s  %-8s  %-7s  %-8s  attempt %d  %s → %s  %s%n  %s%n",
                        r.day(),
                        r.stage().wireName(),
                        r.status().name().toLowerCase(Locale.ROOT),
                        r.triggerBy(),
                        r.attempts(),
                        Instant.ofEpochMilli(r.startedAt()),
                        r.finishedAt() == null ? "…" : Instant.ofEpochMilli(r.finishedAt()),
                        r.owner(),
                        r.detail() == null ? "" : r.detail());
            }
            long weekAgo = arena.storage().clock().millis() - Duration.ofDays(7).toMillis();
            var requests = arena.storage().workRequests().since(weekAgo);
            if (!requests.isEmpty()) System.out.println("\nWork handed on by web-only processes (last 7 days):");
            for (WorkRequestStore.Request q : requests.subList(0, Math.min(limit, requests.size()))) {
                System.out.printf(
                        "%s  %-8s  %-8s  %-7s  asked by %s at %s%s%n  %s%n",
                        q.id(),
                        q.kind().wireName(),
                        q.day() != null ? q.day() : q.submissionId(),
                        q.status().wireName(),
                        q.requestedBy(),
                        Instant.ofEpochMilli(q.requestedAt()),
                        q.claimedBy() == null ? "" : ", run by " + q.claimedBy(),
                        q.outcome() == null ? "" : q.outcome());
            }
            return 0;
        }
    }
}
