package autobench.task;

import autobench.WireName;
import autobench.db.Database;
import autobench.db.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Owner of the {@code tasks} table: all SQL that touches it is here. */
public final class TaskStore {
    private static final String COLUMNS =
            "id, day, slot, title, category, theme, prompt, generator, fallback_reason, status";
    private final Database db;

    public TaskStore(Database db) {
        this.db = db;
    }

    /** Stores a task in its (day, slot) unless one is already there; true if this call stored it. */
    public boolean insertIfAbsent(
            LocalDate day,
            int slot,
            TaskSpec spec,
            String generator,
            String fallbackReason,
            TaskStatus status,
            long nowMillis) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, fallback_reason, status, created_at, updated_at)
                VALUES (:id, :day, :slot, :title, :category, :theme, :prompt, :generator, :fallback, :status, :now, :now)
                ON CONFLICT (day, slot) DO NOTHING""")
                                .bind("id", Ids.newId())
                                .bind("day", day.toString())
                                .bind("slot", slot)
                                .bind("title", spec.title())
                                .bind("category", spec.category().wireName())
                                .bind("theme", spec.theme())
                                .bind("prompt", spec.prompt())
                                .bind("generator", generator)
                                .bind("fallback", fallbackReason)
                                .bind("status", status.wireName())
                                .bind("now", nowMillis)
                                .execute())
                == 1;
    }

    public List<StoredTask> forDay(LocalDate day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE day = :day ORDER BY slot")
                        .bind("day", day.toString())
                        .map((rs, ctx) -> row(rs))
                        .list());
    }

    /** Approved tasks of this day and earlier ones (a backlog left by a budget cap or a crash), oldest first. */
    public List<StoredTask> approvedUpTo(LocalDate day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS
                                + " FROM tasks WHERE status = 'approved' AND day <= :day ORDER BY day, slot")
                        .bind("day", day.toString())
                        .map((rs, ctx) -> row(rs))
                        .list());
    }

    public Optional<StoredTask> byId(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> row(rs))
                        .findOne());
    }

    /** Every task stored for any other day: what a generator must not repeat. */
    public List<TaskSpec> historyExcept(LocalDate day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE day <> :day ORDER BY day, slot")
                        .bind("day", day.toString())
                        .map((rs, ctx) -> row(rs).spec())
                        .list());
    }

    /** Moves a task from one status to the next; false if it was not in {@code from} (someone else moved it). */
    public boolean advance(String id, TaskStatus from, TaskStatus to, long nowMillis) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate(
                                        "UPDATE tasks SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                                .bind("to", to.wireName())
                                .bind("now", nowMillis)
                                .bind("id", id)
                                .bind("from", from.wireName())
                                .execute())
                == 1;
    }

    /** Tasks waiting for an operator's approval (auto_approve: false), oldest first. */
    public List<StoredTask> proposed() {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + COLUMNS + " FROM tasks WHERE status = 'proposed' ORDER BY day, slot")
                        .map((rs, ctx) -> row(rs))
                        .list());
    }

    /**
     * Operator edit of a task's title and prompt, only while it is still proposed (nothing has been
     * sent with it yet); false if it is not proposed any more.
     */
    public boolean editProposed(String id, String title, String prompt, long nowMillis) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate(
                                        "UPDATE tasks SET title = :title, prompt = :prompt, updated_at = :now WHERE id = :id AND status = 'proposed'")
                                .bind("title", title)
                                .bind("prompt", prompt)
                                .bind("now", nowMillis)
                                .bind("id", id)
                                .execute())
                == 1;
    }

    /** Number of tasks per day, oldest first. */
    public Map<LocalDate, Integer> countsPerDay() {
        Map<LocalDate, Integer> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("SELECT day, COUNT(*) AS n FROM tasks GROUP BY day ORDER BY day")
                        .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString("day")), rs.getInt("n")))
                        .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Tasks per status. */
    public Map<TaskStatus, Integer> countsByStatus() {
        Map<TaskStatus, Integer> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status")
                        .map((rs, ctx) ->
                                Map.entry(WireName.parse(TaskStatus.class, rs.getString("status")), rs.getInt("n")))
                        .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Tasks that have stayed in a status since before {@code olderThanMillis} (for the integrity report). */
    public List<StoredTask> stuck(TaskStatus status, long olderThanMillis) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS
                                + " FROM tasks WHERE status = :s AND updated_at < :t ORDER BY day, slot")
                        .bind("s", status.wireName())
                        .bind("t", olderThanMillis)
                        .map((rs, ctx) -> row(rs))
                        .list());
    }

    /** Every column of {@code tasks}, in the order an export writes them; the import binds the same names. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "id",
            "day",
            "slot",
            "title",
            "category",
            "theme",
            "prompt",
            "generator",
            "fallback_reason",
            "status",
            "created_at",
            "updated_at");

    /**
     * Streams the tasks whose day lies in [from, to] (ISO dates), created before {@code before}, one row at a time, in a stable order.
     */
    public void exportRows(String from, String to, long before, Consumer<Map<String, Object>> sink) {
        db.streamRows(
                "SELECT " + String.join(", ", EXPORT_COLUMNS)
                        + " FROM tasks WHERE day >= :from AND day <= :to AND created_at < :before ORDER BY day, slot",
                Map.of("from", from, "to", to, "before", before),
                sink);
    }

    /** Inserts exported rows in one transaction (an import into an empty database). */
    public long importRows(Iterator<Map<String, Object>> rows) {
        return db.insertRows(
                "INSERT INTO tasks (" + String.join(", ", EXPORT_COLUMNS) + ") VALUES ("
                        + String.join(
                                ", ", EXPORT_COLUMNS.stream().map(c -> ":" + c).toList()) + ")",
                EXPORT_COLUMNS,
                rows);
    }

    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tasks")
                        .mapTo(Long.class)
                        .one());
    }

    /** Days that have at least one published task, newest first (the site shows only these). */
    public List<LocalDate> publishedDays() {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT DISTINCT day FROM tasks WHERE status = 'published' ORDER BY day DESC")
                        .map((rs, ctx) -> LocalDate.parse(rs.getString("day")))
                        .list());
    }

    /** The latest change to any task (epoch ms), 0 when there are none: part of the site's data version. */
    public long lastChange() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COALESCE(MAX(updated_at), 0) FROM tasks")
                        .mapTo(Long.class)
                        .one());
    }

    private static StoredTask row(ResultSet rs) throws SQLException {
        return new StoredTask(
                rs.getString("id"),
                LocalDate.parse(rs.getString("day")),
                rs.getInt("slot"),
                rs.getString("title"),
                WireName.parse(Category.class, rs.getString("category")),
                rs.getString("theme"),
                rs.getString("prompt"),
                rs.getString("generator"),
                rs.getString("fallback_reason"),
                WireName.parse(TaskStatus.class, rs.getString("status")));
    }
}
