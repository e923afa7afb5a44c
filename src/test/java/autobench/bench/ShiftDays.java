package autobench.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the arena days of a bench database's tasks so that the newest is today (UTC): the load bench's
 * data is made once and kept, and battles are drawn only from tasks still blind, which are today's. Without
 * this a run on a later day than the data's would find no battle to vote on.
 *
 * <pre>ShiftDays JDBC_URL</pre>
 */
public final class ShiftDays {
    private ShiftDays() {}

    public static void main(String[] args) throws Exception {
        System.out.println("shifted by " + shift(args[0], LocalDate.now(ZoneOffset.UTC)) + " days");
    }

    /** Moves every task's day forward so that the newest is {@code today}; returns by how many days. */
    static long shift(String jdbc, LocalDate today) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc)) {
            List<LocalDate> days = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT day FROM tasks ORDER BY day DESC");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) days.add(LocalDate.parse(rs.getString(1)));
            }
            if (days.isEmpty()) return 0;
            long by = ChronoUnit.DAYS.between(days.get(0), today);
            if (by <= 0) return 0;
            // Newest first, so that no moved day lands on one not yet moved.
            try (PreparedStatement u = c.prepareStatement("UPDATE tasks SET day = ? WHERE day = ?")) {
                for (LocalDate d : days) {
                    u.setString(1, d.plusDays(by).toString());
                    u.setString(2, d.toString());
                    u.executeUpdate();
                }
            }
            return by;
        }
    }
}
