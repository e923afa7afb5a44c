package autobench.cycle;

import autobench.cycle.StageRuns.Run;
import autobench.cycle.StageRuns.Status;
import autobench.cycle.WorkRequestStore.Kind;
import autobench.cycle.WorkRequestStore.Request;
import autobench.time.ArenaDay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schedule's part of the integrity report: stage runs that failed, stages that were due and
 * have not run, and work handed on by a web process that no worker took. It looks at the days a
 * scheduler still runs (today and the catch-up days) and only once the run history is in use: an
 * arena run by hand ({@code run-day}, the demo) has no schedule to miss.
 */
public final class StageHealth {
    /** How long after its due time a stage (or a queued request) may take to start before it is reported. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private static final Duration LOOK_BACK = Duration.ofDays(7);

    private final StageRuns runs;
    private final WorkRequestStore requests;
    private final ScheduleSettings settings;
    private final boolean renders;
    private final ZoneId zone;
    private final Clock clock;

    public StageHealth(
            StageRuns runs,
            WorkRequestStore requests,
            ScheduleSettings settings,
            boolean renders,
            ZoneId zone,
            Clock clock) {
        this.runs = runs;
        this.requests = requests;
        this.settings = settings;
        this.renders = renders;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * @param problems what failed or did not happen (verify exits non-zero)
     * @param warnings what an operator may look at
     */
    public record Findings(List<String> problems, List<String> warnings) {}

    public Findings check() {
        Instant now = clock.instant();
        LocalDate today = ArenaDay.containing(now, zone).date();
        LocalDate firstWatched = today.minusDays(settings.catchUpDays());
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Run> recent = runs.recent(500);
        for (Run r : recent) {
            boolean watched = !r.day().isBefore(firstWatched);
            if (r.status() == Status.FAILED) {
                String line = "stage " + r.stage().wireName() + " of " + r.day() + " failed (attempt " + r.attempts()
                        + ", " + r.triggerBy() + ", " + r.owner() + "): " + r.detail();
                (watched ? problems : warnings).add(line);
            } else if (r.status() == Status.STOPPED && watched) {
                warnings.add("stage " + r.stage().wireName() + " of " + r.day() + " stopped before it finished ("
                        + r.detail() + "); it runs again on a later tick");
            }
        }
        Optional<LocalDate> firstRun = recent.stream().map(Run::day).min(Comparator.naturalOrder());
        if (firstRun.isPresent()) {
            Map<String, Run> byKey = recent.stream()
                    .collect(Collectors.toMap(r -> key(r.stage(), r.day()), Function.identity(), (a, b) -> a));
            LocalDate from = firstRun.get().isAfter(firstWatched) ? firstRun.get() : firstWatched;
            for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
                for (Stage stage : Stage.values()) {
                    if (stage == Stage.RENDER && !renders) continue;
                    Instant due = settings.dueAt(stage, day, zone);
                    if (byKey.containsKey(key(stage, day)) || now.isBefore(due.plus(GRACE))) continue;
                    problems.add("stage " + stage.wireName() + " of " + day + " was due at " + due
                            + " and has not run: is a "
                            + (stage == Stage.GENERATE || stage == Stage.SNAPSHOT ? "scheduler" : "worker")
                            + " process running (serve --roles …)?");
                }
            }
        }
        for (Request r : requests.since(now.minus(LOOK_BACK).toEpochMilli())) {
            String what = "request " + r.id() + " (" + r.kind().wireName() + " "
                    + (r.kind() == Kind.RESEND ? r.submissionId() : r.day()) + ", asked by " + r.requestedBy() + ")";
            if (r.status() == WorkRequestStore.Status.QUEUED
                    && now.toEpochMilli() - r.requestedAt() > GRACE.toMillis()) {
                problems.add(what + " has waited since " + Instant.ofEpochMilli(r.requestedAt())
                        + " and no process took it: start a "
                        + (r.kind() == Kind.GENERATE || r.kind() == Kind.SNAPSHOT ? "scheduler" : "worker")
                        + " process");
            } else if (r.status() == WorkRequestStore.Status.FAILED) {
                warnings.add(what + " failed: " + r.outcome());
            }
        }
        return new Findings(List.copyOf(problems), List.copyOf(warnings));
    }

    private static String key(Stage stage, LocalDate day) {
        return stage.wireName() + "/" + day;
    }
}
