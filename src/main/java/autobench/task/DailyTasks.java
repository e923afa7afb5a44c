package autobench.task;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes sure a day has its tasks. Idempotent: slots already filled are kept, and the generator is
 * asked only when some slot is empty. (day, slot) is UNIQUE, so two processes racing here store
 * one task per slot.
 */
public final class DailyTasks {
    private final TaskStore store;
    private final TaskGenerator generator;
    private final int perDay;
    private final boolean autoApprove;
    private final Clock clock;

    public DailyTasks(TaskStore store, TaskGenerator generator, int perDay, boolean autoApprove, Clock clock) {
        this.store = store;
        this.generator = generator;
        this.perDay = perDay;
        this.autoApprove = autoApprove;
        this.clock = clock;
    }

    /** @return the day's tasks after filling any empty slot */
    public List<StoredTask> ensure(LocalDate day) {
        List<StoredTask> existing = store.forDay(day);
        if (existing.size() >= perDay) return existing;
        TaskGenerator.Generated g = generator.generate(day, perDay, store.historyExcept(day));
        var taken = existing.stream().map(StoredTask::slot).collect(Collectors.toSet());
        TaskStatus status = autoApprove ? TaskStatus.APPROVED : TaskStatus.PROPOSED;
        for (int slot = 0; slot < perDay && slot < g.tasks().size(); slot++) {
            if (taken.contains(slot)) continue;
            store.insertIfAbsent(
                    day, slot, g.tasks().get(slot), g.generator(), g.fallbackReason(), status, clock.millis());
        }
        return store.forDay(day);
    }
}
