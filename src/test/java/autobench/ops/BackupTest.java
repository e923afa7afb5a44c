package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.db.Database;
import autobench.dispatch.Submission;
import autobench.rating.Outcome;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autobench backup}: a consistent copy of a running SQLite arena; PostgreSQL is pointed to pg_dump. */
class BackupTest {
    static final LocalDate DAY = LocalDate.of(2026, 9, 1);

    @TempDir
    Path tmp;

    @Test
    void a_backup_taken_while_votes_are_written_is_a_complete_consistent_database() throws Exception {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            String yaml = TestConfigs.base(Store.SQLITE.freshUrl(tmp), 3)
                    + TestConfigs.stubModel("a", stub.port(), 30)
                    + TestConfigs.stubModel("b", stub.port(), 30);
            Path cfg = TestConfigs.write(tmp, yaml);
            Config c = TestConfigs.load(tmp, yaml, Map.of());
            try (Assembly arena = TestAssembly.build(c)) {
                arena.pipeline().dailyCycle().run(DAY);
                String task = arena.storage().tasks().forDay(DAY).get(0).id();
                List<Submission> subs = arena.storage().submissions().forTask(task);
                // a writer keeps voting while the copy is taken
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger written = new AtomicInteger();
                Thread writer = Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        int n = written.incrementAndGet();
                        String battle = arena.storage()
                                .votes()
                                .issueBattle(task, subs.get(0).id(), subs.get(1).id(), "v" + n, n);
                        arena.storage().votes().vote(battle, "v" + n, Outcome.LEFT, null, n);
                    }
                });
                while (written.get() < 20) Thread.sleep(5);
                Path copy = tmp.resolve("backups/arena-copy.db");
                CliRun r = CliRun.of("backup", "--config", cfg.toString(), "--out", copy.toString());
                stop.set(true);
                writer.join();
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out()).contains("backed up").contains(copy.toString());

                Database original = arena.storage().database();
                try (Database backup = Database.open("jdbc:sqlite:" + copy, null, null)) {
                    String integrity = backup.jdbi()
                            .withHandle(h -> h.createQuery("PRAGMA integrity_check")
                                    .mapTo(String.class)
                                    .one());
                    assertThat(integrity).isEqualTo("ok");
                    Map<String, Long> before = counts(original), after = counts(backup);
                    assertThat(after.keySet()).isEqualTo(before.keySet());
                    for (String table : List.of("tasks", "submissions", "provider_calls", "models")) {
                        assertThat(after.get(table))
                                .as(table)
                                .isEqualTo(before.get(table))
                                .isPositive();
                    }
                    // votes kept coming after the copy: it holds a prefix of them, each with its battle
                    assertThat(after.get("votes")).isPositive().isLessThanOrEqualTo(before.get("votes"));
                    long orphans = backup.jdbi()
                            .withHandle(h -> h.createQuery(
                                            "SELECT COUNT(*) FROM votes v LEFT JOIN battles b ON b.id = v.battle_id WHERE b.id IS NULL")
                                    .mapTo(Long.class)
                                    .one());
                    assertThat(orphans).isZero();
                }
            }
        }
    }

    @Test
    void backup_never_overwrites_a_file_and_refuses_postgresql_naming_pg_dump() throws Exception {
        Path cfg = TestConfigs.write(
                tmp,
                TestConfigs.base(Store.SQLITE.freshUrl(tmp), 1)
                        + "  - {id: demo-grid, provider: demo, model: demo-grid}\n");
        Path existing = Files.writeString(tmp.resolve("keep.db"), "precious");
        CliRun r = CliRun.of("backup", "--config", cfg.toString(), "--out", existing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("already exists");
        assertThat(Files.readString(existing)).isEqualTo("precious");

        Path pg = tmp.resolve("pg");
        Files.createDirectories(pg);
        Path pgCfg = TestConfigs.write(
                pg,
                TestConfigs.base(Store.POSTGRES.freshUrl(tmp), 1)
                        + "  - {id: demo-grid, provider: demo, model: demo-grid}\n");
        CliRun p = CliRun.of(
                "backup",
                "--config",
                pgCfg.toString(),
                "--out",
                tmp.resolve("never.db").toString());
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("pg_dump");
        assertThat(tmp.resolve("never.db")).doesNotExist();
    }

    private static Map<String, Long> counts(Database db) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> tables = db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                        .mapTo(String.class)
                        .list());
        for (String t : tables)
            out.put(
                    t,
                    db.jdbi()
                            .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM \"" + t + "\"")
                                    .mapTo(Long.class)
                                    .one()));
        return out;
    }
}
