package autobench.cli;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.DailyCycle;
import autobench.wiring.Arena;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Run today's cycle with the four demo models (not AI models: no keys, no cost), everything embedded.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Arena day (default: today, UTC).")
    LocalDate date;

    @Option(names = "--database", paramLabel = "JDBC_URL", description = "Where to store the demo (default: jdbc:sqlite:data/autobench.db).")
    String database;

    @Override
    public Integer call() {
        // The demo never reads autobench.yaml: it must never call (and pay for) a real model.
        Config c = new ConfigLoader(System.getenv()).load(null, false);
        if (database != null) c = c.withDatabase(database);
        try (Arena arena = Arena.open(c)) {
            LocalDate day = date == null ? arena.today() : date;
            System.err.println("autobench demo: the demo models are deterministic programs, not AI models; nothing is paid.");
            DailyCycle.Result r = arena.dailyCycle().run(day);
            Summary.print(arena, r, System.out);
            System.out.println("  Next: ./autobench verify   (integrity report)   ·   ./autobench run-day --date " + day.minusDays(1));
            return 0;
        }
    }
}
