package autobench.bench;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.dispatch.SubmissionStatus;
import autobench.provider.FailureKind;
import autobench.provider.ModelConfig;
import autobench.provider.Provider;
import autobench.provider.demo.DemoProvider;
import autobench.rating.Outcome;
import autobench.render.RenderStore;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.ManualClock;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.vote.Battle;
import autobench.vote.Battles;
import autobench.vote.CastResult;
import autobench.wiring.Assembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A long simulated run in one JVM: the arena's clock is advanced day by day, each day runs the
 * whole cycle (tasks, dispatch through a fault-injecting provider, rendering or a stand-in for it,
 * the snapshot of the day before), visitors vote through the same battles the website uses, and
 * after each day the harness records what a long-lived process should keep flat or linear.
 *
 * <p>The four models answer with the demo provider's programs, but they are configured as
 * {@code local} models (never called: every call goes to the fault injector in front of the demo
 * provider), so the arena treats them as real models and the production path for ratings is the
 * one exercised: votes cast on day D are in the snapshot of D that the next day's cycle writes.
 * Names are shown at once ({@code reveal_after_days: 0}): the soak measures growth and exactness
 * of votes over months, and its clock leaves each day behind before the site is looked at.
 */
final class Soak implements AutoCloseable {
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    static final List<String> STYLES = List.of("demo-orbit", "demo-grid", "demo-waves", "demo-blocks");

    /**
     * @param render       render with Chromium (true) or stand in for the render stage (false: every
     *                     succeeded answer is marked rendered without a picture and the task published)
     * @param votesPerDay  battles taken and voted on per day, spread over the day
     * @param visitors     distinct visitors (cookies and addresses) the votes come from each day
     * @param settleHeap   take each day's heap figure after a full collection (bench/soak.sh, whose leak
     *                     check fits a line through it); false reads the heap as it is: the tests run in
     *                     the suite's shared JVM, where the figure says nothing about the soak and every
     *                     full collection stops all the other tests running beside it (52 of them cost
     *                     the suite 11 s of CPU)
     */
    record Settings(
            String databaseUrl,
            int days,
            boolean render,
            int tasksPerDay,
            int votesPerDay,
            int visitors,
            long seed,
            boolean settleHeap) {}

    /**
     * What one day left behind.
     *
     * @param published     every task of the day published, one submission per model for each, every succeeded answer rendered
     * @param snapshot      the day's leaderboard snapshot exists (written by the next day's cycle)
     * @param heapBytes     heap in use at the end of the day, after a full GC if {@link Settings#settleHeap}
     * @param databaseBytes database size at the end of the day (SQLite: file and WAL; PostgreSQL: pg_database_size)
     */
    record Day(
            LocalDate day,
            int tasks,
            int submissions,
            int succeeded,
            int rendered,
            boolean published,
            int votesCast,
            int votesRefused,
            boolean snapshot,
            long heapBytes,
            long databaseBytes,
            long millis) {
        static final String CSV_HEADER =
                "day,tasks,submissions,succeeded,rendered,published,votes_cast,votes_refused,snapshot,heap_mb,db_mb,seconds";

        String csv() {
            return String.format(
                    Locale.ROOT,
                    "%s,%d,%d,%d,%d,%s,%d,%d,%s,%.2f,%.3f,%.1f",
                    day,
                    tasks,
                    submissions,
                    succeeded,
                    rendered,
                    published,
                    votesCast,
                    votesRefused,
                    snapshot,
                    heapBytes / 1048576.0,
                    databaseBytes / 1048576.0,
                    millis / 1000.0);
        }
    }

    final Settings settings;
    final Path dir;
    final ManualClock clock;
    final Assembly arena;
    final Map<FailureKind, AtomicLong> injected = new ConcurrentHashMap<>();
    private final Battles battles;
    private final SplittableRandom random;

    Soak(Settings s, Path dir) {
        this.settings = s;
        this.dir = dir;
        this.clock = new ManualClock(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        this.random = new SplittableRandom(s.seed());
        StringBuilder yaml = new StringBuilder("""
                database: "%s"
                zone: UTC
                tasks_per_day: %d
                render: {enabled: %s, time_limit_seconds: 20, lanes: 2}
                dispatch: {max_attempts: 4, retry_base_ms: 1000, retry_max_ms: 30000}
                voting: {min_view_seconds: 0, reveal_after_days: 0}
                models:
                """.formatted(s.databaseUrl(), s.tasksPerDay(), s.render()));
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (String style : STYLES) {
            String id = "soak-" + style.substring("demo-".length());
            // Never reached: the fault injector below answers for this id. Port 9 (discard) is closed on loopback.
            yaml.append("  - {id: %s, provider: local, model: %s, base_url: \"http://127.0.0.1:9/v1\"}\n"
                    .formatted(id, style));
            DemoProvider demo = new DemoProvider(demoModel(style));
            providers.put(id, new FaultyProvider(demo, id, s.seed(), injected));
        }
        Config config = TestConfigs.load(dir, yaml.toString(), Map.of());
        // Retry waits move the simulated clock instead of sleeping.
        this.arena = TestAssembly.of(config)
                .clock(clock)
                .sleeper(d -> clock.advance(d))
                .providers(providers)
                .build();
        this.battles = arena.website().battles();
    }

    /** Runs every day, handing each finished day to {@code sink} as soon as its snapshot exists. */
    List<Day> run(Consumer<Day> sink) {
        List<Day> out = new ArrayList<>();
        Day pending = null;
        for (int i = 0; i < settings.days(); i++) {
            LocalDate day = FIRST_DAY.plusDays(i);
            long t0 = System.nanoTime();
            moveTo(day.atTime(0, 5));
            arena.pipeline().dailyCycle().run(day); // also writes the snapshot of the day before
            if (pending != null) {
                Day done = withSnapshot(pending);
                out.add(done);
                sink.accept(done);
            }
            if (!settings.render()) standInForRendering(day);
            int[] votes = vote(day);
            moveTo(day.atTime(23, 55));
            pending = measure(day, votes, System.nanoTime() - t0);
        }
        if (pending != null) {
            moveTo(pending.day().plusDays(1).atTime(0, 5));
            arena.pipeline().dailyCycle().snapshot(pending.day().plusDays(1));
            Day done = withSnapshot(pending);
            out.add(done);
            sink.accept(done);
        }
        return out;
    }

    private void moveTo(LocalDateTime t) {
        long target = t.toInstant(ZoneOffset.UTC).toEpochMilli();
        if (target > clock.millis()) clock.advance(Duration.ofMillis(target - clock.millis()));
    }

    /**
     * Without Chromium: what the render stage records for a page that ran, minus the pictures, and
     * the publication that follows. The day then has battles to vote on, as it would in production.
     */
    private void standInForRendering(LocalDate day) {
        long now = clock.millis();
        for (StoredTask t : arena.storage().tasks().forDay(day)) {
            if (t.status() != TaskStatus.DISPATCHED) continue;
            for (var s : arena.storage().submissions().forTask(t.id())) {
                if (s.status() != SubmissionStatus.SUCCEEDED) continue;
                arena.storage()
                        .database()
                        .jdbi()
                        .useHandle(h -> h.createUpdate("""
                        INSERT INTO render_results (submission_id, status, result, reason, seed, attempts, created_at, updated_at)
                        VALUES (:id, 'done', 'ok', 'soak without Chromium: not rendered', 0, 1, :now, :now)
                        ON CONFLICT (submission_id) DO NOTHING""")
                                .bind("id", s.id())
                                .bind("now", now)
                                .execute());
            }
            arena.storage().tasks().advance(t.id(), TaskStatus.DISPATCHED, TaskStatus.PUBLISHED, now);
        }
    }

    /** Battles taken and voted on through the website's path, spread from 08:00 to 22:00. @return {cast, refused} */
    private int[] vote(LocalDate day) {
        int cast = 0, refused = 0;
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < settings.votesPerDay(); i++) {
            moveTo(day.atTime(8, 0).plusSeconds(14L * 3600 * i / Math.max(1, settings.votesPerDay())));
            int who = random.nextInt(settings.visitors());
            String visitor = "soak-visitor-" + day + "-" + who;
            String address = "soak-address-" + who;
            var b = battles.issue(visitor, address);
            if (b.isEmpty()) continue;
            Battle battle = b.get();
            switch (battles.cast(battle.token(), visitor, outcomes[random.nextInt(outcomes.length)], address)) {
                case CastResult.Accepted a -> cast++;
                case CastResult.Refused r -> refused++;
            }
        }
        return new int[] {cast, refused};
    }

    private Day measure(LocalDate day, int[] votes, long nanos) {
        List<StoredTask> tasks = arena.storage().tasks().forDay(day);
        int subs = 0, succeeded = 0, rendered = 0;
        boolean published = tasks.size() == settings.tasksPerDay();
        for (StoredTask t : tasks) {
            published &= t.status() == TaskStatus.PUBLISHED;
            var forTask = arena.storage().submissions().forTask(t.id());
            subs += forTask.size();
            published &= forTask.size() == STYLES.size();
            for (var s : forTask) {
                if (s.status() != SubmissionStatus.SUCCEEDED) continue;
                succeeded++;
                boolean done = arena.storage()
                        .renders()
                        .find(s.id())
                        .map(r -> r.status() == RenderStore.State.DONE)
                        .orElse(false);
                if (done) rendered++;
                published &= done;
            }
        }
        return new Day(
                day,
                tasks.size(),
                subs,
                succeeded,
                rendered,
                published,
                votes[0],
                votes[1],
                false,
                settings.settleHeap() ? heapAfterGc() : heapInUse(),
                databaseBytes(),
                nanos / 1_000_000);
    }

    private Day withSnapshot(Day d) {
        boolean present = snapshotDays().contains(d.day().toString());
        return new Day(
                d.day(),
                d.tasks(),
                d.submissions(),
                d.succeeded(),
                d.rendered(),
                d.published(),
                d.votesCast(),
                d.votesRefused(),
                present,
                d.heapBytes(),
                d.databaseBytes(),
                d.millis());
    }

    /** Days with an overall leaderboard snapshot, as stored. */
    TreeSet<String> snapshotDays() {
        List<String> days = arena.storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT DISTINCT day FROM rating_snapshots WHERE scope = 'all'")
                        .mapTo(String.class)
                        .list());
        return new TreeSet<>(days);
    }

    /**
     * Days between the first and last snapshot on which some model that was rated before has no
     * Bradley–Terry point: a gap in a model's rating history.
     */
    List<String> historyGaps() {
        List<String> gaps = new ArrayList<>();
        for (String model : arena.storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT DISTINCT model_id FROM rating_snapshots WHERE scope = 'all'")
                        .mapTo(String.class)
                        .list())) {
            var points = arena.storage().snapshots().history(model, "all", "bradley_terry");
            TreeSet<LocalDate> days = new TreeSet<>();
            points.forEach(p -> days.add(p.day()));
            if (days.isEmpty()) continue;
            for (LocalDate d = days.first(); !d.isAfter(FIRST_DAY.plusDays(settings.days() - 1)); d = d.plusDays(1)) {
                if (!days.contains(d)) gaps.add(model + " " + d);
            }
        }
        return gaps;
    }

    static long heapInUse() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    long databaseBytes() {
        String url = settings.databaseUrl();
        if (url.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()).replaceAll("\\?.*", ""));
            long n = 0;
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path p = file.resolveSibling(file.getFileName() + suffix);
                try {
                    if (Files.exists(p)) n += Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return n;
        }
        return arena.storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT pg_database_size(current_database())")
                        .mapTo(Long.class)
                        .one());
    }

    Map<FailureKind, Long> faults() {
        Map<FailureKind, Long> m = new EnumMap<>(FailureKind.class);
        injected.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Override
    public void close() {
        arena.close();
    }

    /** The slope and R² of the least-squares line through (x, y). */
    record Fit(double slope, double intercept, double r2) {
        static Fit of(double[] x, double[] y) {
            int n = x.length;
            double mx = 0, my = 0;
            for (int i = 0; i < n; i++) {
                mx += x[i] / n;
                my += y[i] / n;
            }
            double sxy = 0, sxx = 0, syy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
            return new Fit(slope, my - slope * mx, r2);
        }
    }

    /** The built-in demo configuration's entry for a style: what the demo provider needs to draw in it. */
    private static ModelConfig demoModel(String style) {
        return new ConfigLoader(Map.of())
                .load(null, false).models().stream()
                        .filter(m -> m.model().equals(style))
                        .findFirst()
                        .orElseThrow();
    }
}
