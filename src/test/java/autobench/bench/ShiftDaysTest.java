package autobench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftDaysTest {
    @TempDir
    Path tmp;

    @Test
    void the_newest_day_becomes_today_and_the_others_keep_their_distance() throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("d.db");
        try (var c = DriverManager.getConnection(url);
                var s = c.createStatement()) {
            s.execute("CREATE TABLE tasks (id TEXT PRIMARY KEY, day TEXT NOT NULL, slot INTEGER, UNIQUE (day, slot))");
            s.execute(
                    "INSERT INTO tasks VALUES ('a', '2026-12-01', 0), ('b', '2026-12-02', 0), ('c', '2026-12-03', 0)");
        }
        assertThat(ShiftDays.shift(url, LocalDate.parse("2026-12-05"))).isEqualTo(2);
        assertThat(ShiftDays.shift(url, LocalDate.parse("2026-12-05")))
                .as("already current")
                .isZero();
        List<String> days = new ArrayList<>();
        try (var c = DriverManager.getConnection(url);
                var rs = c.createStatement().executeQuery("SELECT day FROM tasks ORDER BY id")) {
            while (rs.next()) days.add(rs.getString(1));
        }
        assertThat(days).containsExactly("2026-12-03", "2026-12-04", "2026-12-05");
    }
}
