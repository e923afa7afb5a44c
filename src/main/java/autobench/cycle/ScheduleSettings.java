package autobench.cycle;

import java.time.LocalTime;

/**
 * When the stages of a day run, in the arena's zone; part of the validated config. The seed's
 * defaults: tasks at 00:00, calls and renders five minutes later.
 *
 * @param catchUpDays how many past days a scheduler that was down still runs when it comes back
 *                    (0: only today); each missed stage of those days runs once
 */
public record ScheduleSettings(LocalTime generateAt, LocalTime dispatchAt, LocalTime renderAt, int catchUpDays) {
    public static final ScheduleSettings SEED = new ScheduleSettings(LocalTime.MIDNIGHT, LocalTime.of(0, 5), LocalTime.of(0, 5), 1);
}
