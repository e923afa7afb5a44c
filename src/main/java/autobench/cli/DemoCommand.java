package autobench.cli;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.DailyCycle;
import autobench.leaderboard.RatingHistory;
import autobench.rating.RatingSettings;
import autobench.rating.Vote;
import autobench.time.ArenaDay;
import autobench.vote.SimulatedVisitors;
import autobench.vote.VoteStore;
import autobench.web.Site;
import autobench.wiring.Assembly;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the arena with the four demo models (not AI models: no keys, no cost), everything embedded: "
                + "the last 7 days' cycles, simulated votes, then the website until Ctrl-C. With --no-serve: one day's cycle and its summary "
                + "(several days, with simulated votes, if --days says so).")
public final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Arena day (default: today, UTC); with the site, the last of the days run.")
    LocalDate date;

    @Option(
            names = "--database",
            paramLabel = "JDBC_URL",
            description = "Where to store the demo (default: jdbc:sqlite:data/autobench.db).")
    String database;

    @Option(names = "--no-serve", description = "Only run the day's cycle and print its summary (for scripts).")
    boolean noServe;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "Days to run, ending at --date (default: 7 with the site, 1 with --no-serve).")
    Integer days;

    @Option(names = "--port", paramLabel = "P", description = "Port of the site (default: 8080).")
    Integer port;

    @Option(
            names = "--sandbox-port",
            paramLabel = "Q",
            description = "Port of the live-preview origin (default: 8081).")
    Integer sandboxPort;

    private static final long SIMULATION_SEED = 20_260_101L;
    private static final int VOTES_PER_DAY = 40;

    /**
     * The daily snapshots the model pages chart, for the demo's simulated votes: the cycle records
     * only people's votes on real models, and simulated votes are never mixed with those.
     */
    static void recordSimulatedSnapshots(Assembly arena, List<LocalDate> days, ZoneId zone) {
        RatingHistory history = new RatingHistory(
                arena.storage().snapshots(),
                RatingSettings.DEFAULTS,
                arena.storage().clock());
        List<VoteStore.StoredVote> all = arena.storage().votes().all();
        for (LocalDate day : days) {
            long end = ArenaDay.of(day, zone).endMillis();
            LocalDate revealed =
                    arena.storage().reveal().revealedThrough(end); // as the public board stood when the day ended
            history.record(
                    day,
                    all.stream()
                            .filter(v -> v.simulated()
                                    && v.castAt() < end
                                    && !v.day().isAfter(revealed))
                            .map(v -> new Vote(v.leftModel(), v.rightModel(), v.outcome(), v.category(), v.day()))
                            .toList());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        // The demo never reads autobench.yaml: it must never call (and pay for) a real model.
        Config c = new ConfigLoader(System.getenv()).load(null, false);
        if (database != null) c = c.withDatabase(database);
        int n = days != null ? days : noServe ? 1 : 7;
        if (n < 1 || n > 60) throw new IllegalArgumentException("--days must be between 1 and 60");
        Assembly arena = Assembly.assemble(Assembly.ALL, c);
        try {
            LocalDate last = date == null ? arena.today().date() : date;
            System.err.println(
                    "autobench demo: the demo models are deterministic programs, not AI models; nothing is paid.");
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate day = last.minusDays(n - 1); !day.isAfter(last); day = day.plusDays(1)) {
                if (n > 1) System.err.println("autobench demo: day " + day);
                DailyCycle.Result r = arena.pipeline().dailyCycle().run(day);
                if (day.equals(last)) Summary.print(arena, r, System.out);
                days.add(day);
            }
            if (n > 1) {
                var report = new SimulatedVisitors(arena.website().battles(), SIMULATION_SEED).run(days, VOTES_PER_DAY);
                if (report.cast() > 0)
                    System.err.println("autobench demo: " + report.cast()
                            + " simulated votes (labelled as simulated on the site)");
                recordSimulatedSnapshots(arena, days, c.zone());
            }
            if (noServe) {
                System.out.println("  Next: ./autobench verify   (integrity report)   ·   ./autobench run-day --date "
                        + last.minusDays(1));
                return 0;
            }
            Site site =
                    Serving.start(arena.website(), ServeCommand.web(c.web(), port, sandboxPort, false), "127.0.0.1");
            Runtime.getRuntime().addShutdownHook(new Thread(arena::close, "autobench-db-close"));
            Serving.serveUntilStopped(site, "127.0.0.1");
            return 0;
        } finally {
            if (noServe) arena.close();
        }
    }
}
