package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.db.Database;
import autobench.dispatch.ModelStore;
import autobench.dispatch.SubmissionStore;
import autobench.leaderboard.SnapshotStore;
import autobench.render.ArtifactStore;
import autobench.render.RenderStore;
import autobench.task.TaskStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that adds a column to an exported table must decide whether the export carries it:
 * a column that is neither exported nor listed here as left out on purpose fails this test.
 */
class ExportColumnsTest {
    @TempDir
    Path tmp;

    /** Columns kept out of the export, and why. */
    static final Map<String, Set<String>> LEFT_OUT = Map.of(
            "submissions", Set.of("lease_owner", "lease_until"), // name a machine; meaningless elsewhere
            "render_results", Set.of("lease_owner", "lease_until"),
            "blobs", Set.of("content"), // written as artifacts/<sha256>
            "votes",
                    Set.of(
                            "battle_id",
                            "address_hash",
                            "network_hash",
                            "voided_at")); // the battle is rebuilt; addresses and networks never leave; voided votes
    // are not
    // exported

    @Test
    void every_column_of_an_exported_table_is_exported_or_deliberately_left_out() throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("columns.db");
        Database.open(url, null, null).close();
        Map<String, List<String>> exported = Map.of(
                "models",
                ModelStore.EXPORT_COLUMNS,
                "tasks",
                TaskStore.EXPORT_COLUMNS,
                "submissions",
                SubmissionStore.EXPORT_COLUMNS,
                "render_results",
                RenderStore.EXPORT_COLUMNS,
                "artifacts",
                ArtifactStore.EXPORT_COLUMNS,
                "blobs",
                ArtifactStore.BLOB_COLUMNS,
                "rating_snapshots",
                SnapshotStore.EXPORT_COLUMNS,
                // the vote export's own query (VoteStore.exportRows) and the import's INSERT
                "votes",
                List.of("id", "task_id", "left_model", "right_model", "outcome", "visitor", "cast_at", "simulated"));
        try (Connection c = DriverManager.getConnection(url)) {
            for (var e : exported.entrySet()) {
                Set<String> expected = new HashSet<>(columns(c, e.getKey()));
                expected.removeAll(LEFT_OUT.getOrDefault(e.getKey(), Set.of()));
                assertThat(e.getValue()).as(e.getKey()).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private static List<String> columns(Connection c, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
        assertThat(out).as("columns of " + table).isNotEmpty();
        return out;
    }
}
