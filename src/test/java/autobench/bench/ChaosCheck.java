package autobench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crash test's figures, from the database and the stub's log of every request it answered.
 * Exits 1 when an invariant breaks.
 *
 * <pre>
 * ChaosCheck check JDBC_URL STUB_LOG LABEL UNKNOWN_ALLOWED(true|false)
 * ChaosCheck query JDBC_URL SQL        (one row per line, columns tab-separated; for the script)
 * </pre>
 */
public final class ChaosCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One (task, model) as the stub sees it: the model name sent and the prompt hash. */
    record Key(String model, String promptSha256) {}

    /** The figures of one phase; {@code problems} lists each broken invariant in words. */
    record Figures(Map<String, Long> numbers, List<String> problems) {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("query")) {
            try (Connection c = DriverManager.getConnection(args[1])) {
                for (List<String> row : rows(c, args[2])) System.out.println(String.join("\t", row));
            }
            return;
        }
        if (args.length != 5 || !args[0].equals("check")) {
            System.err.println(
                    "usage: ChaosCheck check JDBC_URL STUB_LOG LABEL UNKNOWN_ALLOWED | ChaosCheck query JDBC_URL SQL");
            System.exit(2);
        }
        Figures f;
        try (Connection c = DriverManager.getConnection(args[1])) {
            f = figures(c, Files.readAllLines(Path.of(args[2])), Boolean.parseBoolean(args[4]));
        }
        System.out.println("== " + args[3]);
        f.numbers().forEach((k, v) -> System.out.printf("  %-58s %d%n", k, v));
        for (String p : f.problems()) System.out.println("  INVARIANT BROKEN: " + p);
        System.out.println(
                f.problems().isEmpty()
                        ? "  all invariants hold"
                        : "  " + f.problems().size() + " invariant(s) broken");
        System.exit(f.problems().isEmpty() ? 0 : 1);
    }

    static Figures figures(Connection c, List<String> stubLog, boolean unknownAllowed) throws Exception {
        Map<Key, Integer> requests = new HashMap<>();
        Map<Key, Integer> answers = new HashMap<>();
        long undelivered = 0, faults = 0, truncated = 0;
        for (String line : stubLog) {
            if (line.isBlank()) continue;
            JsonNode n = JSON.readTree(line);
            if (n.path("status").asInt() == 400 && n.path("model").asText().equals("?")) {
                // The body never arrived whole: the caller was killed while sending it. A provider
                // rejects such a request (400) without doing work; it names no (task, model).
                truncated++;
                continue;
            }
            Key k = new Key(n.path("model").asText(), n.path("prompt_sha256").asText());
            requests.merge(k, 1, Integer::sum);
            if (n.path("status").asInt() == 200) {
                answers.merge(k, 1, Integer::sum);
                if (!n.path("delivered").asBoolean()) undelivered++;
            } else {
                faults++;
            }
        }
        // What the database knows per (model sent, prompt hash): the submission and its ledger rows.
        Map<Key, String> status = new HashMap<>();
        Map<Key, Integer> ledger = new HashMap<>();
        for (List<String> r : rows(c, """
                SELECT s.sent_model, s.prompt_sha256, s.status, (SELECT COUNT(*) FROM provider_calls p WHERE p.submission_id = s.id)
                FROM submissions s WHERE s.prompt_sha256 IS NOT NULL""")) {
            Key k = new Key(r.get(0), r.get(1));
            status.put(k, r.get(2));
            ledger.put(k, Integer.parseInt(r.get(3)));
        }
        long twice = answers.values().stream().filter(n -> n > 1).count();
        long notInLedger = 0;
        for (var e : requests.entrySet()) notInLedger += Math.max(0, e.getValue() - ledger.getOrDefault(e.getKey(), 0));
        long lost = answers.keySet().stream()
                .filter(k -> {
                    String s = status.get(k);
                    return s == null || !(s.equals("succeeded") || s.equals("unknown"));
                })
                .count();

        Map<String, Long> n = new LinkedHashMap<>();
        n.put("tasks", count(c, "SELECT COUNT(*) FROM tasks"));
        n.put("submissions", count(c, "SELECT COUNT(*) FROM submissions"));
        Map<String, Long> byStatus = new TreeMap<>();
        for (List<String> r : rows(c, "SELECT status, COUNT(*) FROM submissions GROUP BY status"))
            byStatus.put(r.get(0), Long.parseLong(r.get(1)));
        byStatus.forEach((s, v) -> n.put("  submissions " + s, v));
        n.put("ledger rows (provider_calls)", count(c, "SELECT COUNT(*) FROM provider_calls"));
        n.put(
                "stub requests answered",
                (long) requests.values().stream().mapToInt(Integer::intValue).sum() + truncated);
        n.put("  of which 200 (answers)", (long)
                answers.values().stream().mapToInt(Integer::intValue).sum());
        n.put("  of which 429/500/503", faults);
        n.put("  answers the caller was no longer there to receive", undelivered);
        n.put("  requests cut off while being sent (caller killed; 400, no work)", truncated);
        long ledgerRows = count(c, "SELECT COUNT(*) FROM provider_calls");
        n.put(
                "stub requests (all, cut off ones included) beyond the ledger's row count",
                Math.max(
                        0,
                        requests.values().stream().mapToLong(Integer::longValue).sum() + truncated - ledgerRows));
        n.put(
                "duplicate (task, model) rows (duplicate_submissions)",
                count(c, "SELECT COUNT(*) FROM duplicate_submissions"));
        n.put("answers the stub returned twice for one (task, model)", twice);
        n.put("stub requests not in the ledger", notInLedger);
        n.put("rows left calling", byStatus.getOrDefault("calling", 0L));
        n.put("rows left pending", byStatus.getOrDefault("pending", 0L));
        n.put("unknown rows", byStatus.getOrDefault("unknown", 0L));
        n.put("lost results (stub answered 200; not succeeded, not unknown)", lost);
        n.put(
                "tasks not dispatched",
                count(c, "SELECT COUNT(*) FROM tasks WHERE status NOT IN ('dispatched', 'published')"));
        n.put(
                "ledger rows still in flight (no outcome)",
                count(c, "SELECT COUNT(*) FROM provider_calls WHERE outcome IS NULL"));

        List<String> problems = new ArrayList<>();
        check(problems, n, "duplicate (task, model) rows (duplicate_submissions)");
        check(problems, n, "answers the stub returned twice for one (task, model)");
        check(problems, n, "stub requests not in the ledger");
        check(problems, n, "stub requests (all, cut off ones included) beyond the ledger's row count");
        check(problems, n, "rows left calling");
        check(problems, n, "rows left pending");
        check(problems, n, "lost results (stub answered 200; not succeeded, not unknown)");
        check(problems, n, "tasks not dispatched");
        if (!unknownAllowed) check(problems, n, "unknown rows");
        return new Figures(n, problems);
    }

    private static void check(List<String> problems, Map<String, Long> n, String key) {
        if (n.get(key) != 0) problems.add(key + " = " + n.get(key) + " (must be 0)");
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(rows(c, sql).get(0).get(0));
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) return out; // CREATE DATABASE and the like: no rows
            ResultSet rs = s.getResultSet();
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= cols; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}
