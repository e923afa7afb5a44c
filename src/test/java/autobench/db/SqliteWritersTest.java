package autobench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteWritersTest {
    @TempDir
    Path tmp;

    /**
     * Writers queue in the process, not in SQLite's busy handler: never two write transactions at once, and
     * none waits the busy handler's sleeps (16 writers of 20 ms each end in about 16 × 20 ms).
     */
    @Test
    void write_transactions_on_sqlite_run_one_at_a_time_in_arrival_order_without_busy_sleeps() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + tmp.resolve("w.db"), null, null)) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE t (n INTEGER)"));
            AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger();
            long t0 = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(16)) {
                List<Future<Integer>> all = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    all.add(pool.submit(() -> db.inWriteTransaction(h -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        h.execute("INSERT INTO t (n) VALUES (?)", n);
                        Thread.sleep(20);
                        inside.decrementAndGet();
                        return n;
                    })));
                }
                for (var f : all) f.get();
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(most.get()).isEqualTo(1);
            Integer rows = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM t")
                            .mapTo(Integer.class)
                            .one());
            assertThat(rows).isEqualTo(16);
            assertThat(millis).as("16 × 20 ms of work, queued without sleeps").isLessThan(16 * 20 + 2_000);
        }
    }
}
