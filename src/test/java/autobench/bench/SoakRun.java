package autobench.bench;

import autobench.render.Renderer;
import autobench.testing.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak of {@code bench/soak.sh}: {@link Soak} for N days in this JVM, a CSV line per day on
 * stdout (and in {@code OUT_DIR/soak-<db>.csv}), then a summary. Exit status 0 when every day was
 * published and the snapshot days are continuous, 1 otherwise.
 *
 * <pre>SoakRun [--days N] [--db sqlite|postgresql] [--render auto|on|off] [--votes N] [--out DIR]</pre>
 *
 * PostgreSQL here is the embedded one the test suite uses (a real server, started from its bundled binaries).
 */
public final class SoakRun {
    public static void main(String[] args) throws Exception {
        int days = 60, votes = 40;
        String db = "sqlite", render = "auto";
        Path out = Path.of("bench/results/soak");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--db" -> db = args[++i];
                case "--render" -> render = args[++i];
                case "--votes" -> votes = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println(
                            "unknown argument " + args[i]
                                    + "; usage: SoakRun [--days N] [--db sqlite|postgresql] [--render auto|on|off] [--votes N] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        // Each day's dispatch logs every answer and retry at INFO: thousands of lines that would bury the CSV.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (days < 2) throw new IllegalArgumentException("--days must be at least 2, got " + days);
        Store store = switch (db) {
            case "sqlite" -> Store.SQLITE;
            case "postgresql" -> Store.POSTGRES;
            default -> throw new IllegalArgumentException("--db must be sqlite or postgresql, got " + db);
        };
        boolean chromium = Renderer.find().isPresent();
        boolean withRender = switch (render) {
            case "on" -> {
                if (!chromium)
                    throw new IllegalStateException(
                            "--render on, but no Chromium was found: " + Renderer.installHint());
                yield true;
            }
            case "off" -> false;
            case "auto" -> chromium;
            default -> throw new IllegalArgumentException("--render must be auto, on or off, got " + render);
        };
        if (!withRender) {
            System.err.println("""
                    ************************************************************************
                    soak: NOT RENDERING (%s). Every succeeded answer is marked rendered
                    without a picture and its task published, so votes and snapshots still
                    run; the renderer's own memory and disk use are NOT part of this soak.
                    ************************************************************************""".formatted(chromium ? "--render off" : "no Chromium found"));
        }
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("autobench-soak");
        String name = "soak-" + db + (withRender ? "" : "-norender");
        Path csv = out.resolve(name + ".csv");
        Soak.Settings settings =
                new Soak.Settings(store.freshUrl(dir), days, withRender, 3, votes, 10, 20_260_101L, true);
        long t0 = System.nanoTime();
        List<Soak.Day> result;
        try (Soak soak = new Soak(settings, dir);
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            System.out.println(Soak.Day.CSV_HEADER);
            w.println(Soak.Day.CSV_HEADER);
            result = soak.run(d -> {
                System.out.println(d.csv());
                w.println(d.csv());
                w.flush();
            });
            boolean ok = summary(
                    result, soak, withRender, db, (System.nanoTime() - t0) / 1e9, out.resolve(name + "-summary.txt"));
            soak.close();
            deleteTree(dir); // the database of the run: figures are in the CSV and summary
            System.exit(ok ? 0 : 1);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Prints and saves the summary; true when every day was published and the snapshots are continuous. */
    static boolean summary(List<Soak.Day> days, Soak soak, boolean rendered, String db, double seconds, Path file)
            throws Exception {
        int n = days.size();
        int tail = Math.min(30, n);
        double[] x = new double[tail], heap = new double[tail];
        for (int i = 0; i < tail; i++) {
            Soak.Day d = days.get(n - tail + i);
            x[i] = n - tail + i + 1;
            heap[i] = d.heapBytes() / 1048576.0;
        }
        double[] all = new double[n], size = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = i + 1;
            size[i] = days.get(i).databaseBytes() / 1048576.0;
        }
        Soak.Fit heapFit = Soak.Fit.of(x, heap), sizeFit = Soak.Fit.of(all, size);
        long published = days.stream().filter(Soak.Day::published).count();
        long snapshots = days.stream().filter(Soak.Day::snapshot).count();
        List<String> gaps = soak.historyGaps();
        long cast = days.stream().mapToLong(Soak.Day::votesCast).sum();
        long refused = days.stream().mapToLong(Soak.Day::votesRefused).sum();
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "%nsoak: %d days on %s, %s, %.0f s wall%n",
                n,
                db,
                rendered ? "rendered with Chromium" : "NOT rendered (stand-in render rows)",
                seconds));
        s.append(String.format(
                Locale.ROOT,
                "heap after GC: first day %.1f MB, last day %.1f MB, max %.1f MB; slope over the last %d days %+.3f MB/day%n",
                days.getFirst().heapBytes() / 1048576.0,
                days.getLast().heapBytes() / 1048576.0,
                days.stream().mapToLong(Soak.Day::heapBytes).max().orElse(0) / 1048576.0,
                tail,
                heapFit.slope()));
        s.append(String.format(
                Locale.ROOT,
                "database: %.2f MB after day 1, %.2f MB after day %d; linear fit %.3f MB/day, R² %.4f%n",
                size[0],
                size[n - 1],
                n,
                sizeFit.slope(),
                sizeFit.r2()));
        s.append(String.format(Locale.ROOT, "days published: %d/%d%n", published, n));
        s.append(String.format(
                Locale.ROOT,
                "snapshot days: %d/%d; rating-history gaps: %s%n",
                snapshots,
                n,
                gaps.isEmpty() ? "none" : gaps));
        s.append(String.format(
                Locale.ROOT, "votes: %d cast, %d refused; faults injected: %s%n", cast, refused, soak.faults()));
        s.append(String.format(
                Locale.ROOT,
                "JVM: %s %s, max heap %d MB%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576));
        System.out.print(s);
        Files.writeString(file, s.toString());
        return published == n && snapshots == n && gaps.isEmpty();
    }
}
