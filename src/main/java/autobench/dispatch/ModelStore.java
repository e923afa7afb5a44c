package autobench.dispatch;

import autobench.db.Database;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Owner of the {@code models} table: the configured models, kept after they leave the config. */
public final class ModelStore {
    private final Database db;

    public ModelStore(Database db) {
        this.db = db;
    }

    /**
     * A configured model as this table keeps it.
     *
     * @param contextWindow tokens per request, or null when the config does not say
     * @param openWeights   whether its weights are published, or null when the config does not say
     * @param servedFrom    where the arena calls it, or null when the config does not say
     */
    public record Row(
            String id,
            String provider,
            String modelName,
            boolean demo,
            double priceInput,
            double priceOutput,
            boolean enabled,
            Integer contextWindow,
            Boolean openWeights,
            String servedFrom) {}

    /** Inserts or refreshes each configured model; models no longer configured stay (with their history). */
    public void sync(List<Row> models, long nowMillis) {
        db.jdbi().useTransaction(h -> {
            for (Row m : models) {
                h.createUpdate("""
                        INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled,
                          first_seen_at, updated_at, context_window, open_weights, served_from)
                        VALUES (:id, :provider, :model, :demo, :pin, :pout, :enabled,
                          :now, :now, :context, :open, :served)
                        ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, model_name = excluded.model_name,
                          demo = excluded.demo, price_input = excluded.price_input, price_output = excluded.price_output,
                          enabled = excluded.enabled, updated_at = excluded.updated_at,
                          context_window = excluded.context_window, open_weights = excluded.open_weights,
                          served_from = excluded.served_from""")
                        .bind("id", m.id())
                        .bind("provider", m.provider())
                        .bind("model", m.modelName())
                        .bind("demo", m.demo() ? 1 : 0)
                        .bind("pin", m.priceInput())
                        .bind("pout", m.priceOutput())
                        .bind("enabled", m.enabled() ? 1 : 0)
                        .bind("now", nowMillis)
                        .bind("context", m.contextWindow())
                        .bind("open", m.openWeights() == null ? null : m.openWeights() ? 1 : 0)
                        .bind("served", m.servedFrom())
                        .execute();
            }
        });
    }

    /** Every column of {@code models}, in the order an export writes them; the import binds the same names. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "id",
            "provider",
            "model_name",
            "demo",
            "price_input",
            "price_output",
            "enabled",
            "first_seen_at",
            "updated_at",
            "context_window",
            "open_weights",
            "served_from");

    /** Streams every model, one row at a time, in a stable order. */
    public void exportRows(Consumer<Map<String, Object>> sink) {
        db.streamRows("SELECT " + String.join(", ", EXPORT_COLUMNS) + " FROM models ORDER BY id", Map.of(), sink);
    }

    /** Inserts exported rows in one transaction (an import into an empty database). */
    public long importRows(Iterator<Map<String, Object>> rows) {
        return db.insertRows(
                "INSERT INTO models (" + String.join(", ", EXPORT_COLUMNS) + ") VALUES ("
                        + String.join(
                                ", ", EXPORT_COLUMNS.stream().map(c -> ":" + c).toList()) + ")",
                EXPORT_COLUMNS,
                rows);
    }

    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM models")
                        .mapTo(Long.class)
                        .one());
    }

    /** Ids of the models flagged as demo (their results never mix with real models' ratings). */
    public List<String> demoIds() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM models WHERE demo = 1 ORDER BY id")
                        .mapTo(String.class)
                        .list());
    }

    /** Every model ever configured, by id. */
    public List<Row> all() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                                SELECT id, provider, model_name, demo, price_input, price_output, enabled,
                                  context_window, open_weights, served_from FROM models ORDER BY id""")
                        .map((rs, c) -> new Row(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4) == 1,
                                rs.getDouble(5),
                                rs.getDouble(6),
                                rs.getInt(7) == 1,
                                rs.getObject(8) == null ? null : rs.getInt(8),
                                rs.getObject(9) == null ? null : rs.getInt(9) == 1,
                                rs.getString(10)))
                        .list());
    }

    /**
     * An operator's switch: a disabled model is not called for new submissions, whatever the config
     * says, until enabled again. Kept in {@code model_overrides}, which {@link #sync} never touches.
     *
     * @return whether the model was disabled before this call
     */
    public boolean setDisabled(String modelId, boolean disabled, String by, long nowMillis) {
        return db.jdbi().inTransaction(h -> {
            boolean before = h.createQuery("SELECT disabled FROM model_overrides WHERE model_id = :id")
                    .bind("id", modelId)
                    .mapTo(Integer.class)
                    .findOne()
                    .map(v -> v == 1)
                    .orElse(false);
            h.createUpdate("""
                    INSERT INTO model_overrides (model_id, disabled, updated_at, updated_by) VALUES (:id, :d, :now, :by)
                    ON CONFLICT (model_id) DO UPDATE SET disabled = excluded.disabled, updated_at = excluded.updated_at,
                      updated_by = excluded.updated_by""")
                    .bind("id", modelId)
                    .bind("d", disabled ? 1 : 0)
                    .bind("now", nowMillis)
                    .bind("by", by)
                    .execute();
            return before;
        });
    }

    /** Ids of the models an operator has disabled. */
    public Set<String> disabledIds() {
        List<String> ids = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT model_id FROM model_overrides WHERE disabled = 1")
                        .mapTo(String.class)
                        .list());
        return new TreeSet<>(ids);
    }
}
