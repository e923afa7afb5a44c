package autobench.vote;

import autobench.time.ArenaDay;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a task's answers stop being anonymous. A task of arena day D is revealed from the start of
 * arena day D + {@code afterDays} in the arena's zone; all tasks of a day reveal together, so
 * "revealed" is simply {@code day <= today - afterDays}. Votes on a task count in public from the
 * same moment, so one rule decides both what is named and what is counted.
 *
 * @param afterDays 0 reveals at once (not blind); 1, the default, when the next arena day begins
 */
public record Reveal(int afterDays, ZoneId zone, Clock clock) {

    public Reveal {
        if (afterDays < 0) throw new IllegalArgumentException("reveal_after_days must be 0 or more, got " + afterDays);
    }

    /** Whether answers are named from the start: nothing is ever blind. */
    public boolean never() {
        return afterDays == 0;
    }

    /** The latest arena day whose tasks are revealed now. */
    public LocalDate revealedThrough() {
        return revealedThrough(clock.millis());
    }

    /** The latest arena day whose tasks were revealed at the moment {@code epochMillis}. */
    public LocalDate revealedThrough(long epochMillis) {
        return ArenaDay.containing(epochMillis, zone).date().minusDays(afterDays);
    }

    public boolean revealed(LocalDate taskDay) {
        return !taskDay.isAfter(revealedThrough());
    }

    /** The moment the tasks of {@code taskDay} are revealed: the start of arena day {@code taskDay + afterDays}. */
    public Instant revealAt(LocalDate taskDay) {
        return ArenaDay.of(taskDay.plusDays(afterDays), zone).start();
    }
}
