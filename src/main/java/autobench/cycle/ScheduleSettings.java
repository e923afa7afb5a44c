package autobench.cycle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When the stages of a day run, in the arena's zone; part of the validated config. The seed's
 * defaults: tasks at 00:00, calls and renders five minutes later.
 *
 * @param catchUpDays       how many past days a scheduler that was down still runs when it comes back
 *                          (0: only today); each missed stage of those days runs once
 * @param stageLeaseSeconds how long the run of a stage stays with a process that stopped renewing
 *                          it (it renews every third of this): after a crash, another instance
 *                          takes the stage over within about twice this
 */
public record ScheduleSettings(
        LocalTime generateAt, LocalTime dispatchAt, LocalTime renderAt, int catchUpDays, int stageLeaseSeconds) {
    public static final int DEFAULT_STAGE_LEASE_SECONDS = 60;
    public static final ScheduleSettings SEED =
            new ScheduleSettings(LocalTime.MIDNIGHT, LocalTime.of(0, 5), LocalTime.of(0, 5), 1);

    public ScheduleSettings(LocalTime generateAt, LocalTime dispatchAt, LocalTime renderAt, int catchUpDays) {
        this(generateAt, dispatchAt, renderAt, catchUpDays, DEFAULT_STAGE_LEASE_SECONDS);
    }

    /** When a stage of a day is due, in the arena's zone. */
    public Instant dueAt(Stage stage, LocalDate day, ZoneId zone) {
        LocalTime t = switch (stage) {
            case GENERATE, SNAPSHOT -> generateAt;
            case DISPATCH -> dispatchAt;
            case RENDER -> renderAt;
        };
        return day.atTime(t).atZone(zone).toInstant();
    }

    public Duration stageLease() {
        return Duration.ofSeconds(stageLeaseSeconds);
    }
}
