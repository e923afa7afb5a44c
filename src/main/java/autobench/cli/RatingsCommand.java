package autobench.cli;

import autobench.rating.Leaderboard;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Tally;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import autobench.rating.io.MalformedVoteException;
import autobench.rating.io.VoteFile;
import autobench.wiring.Assembly;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ratings}: prints the leaderboard, from the database or from a published votes file, so
 * that anyone can recompute the table. Registered by App; the database source is injected so
 * this class stays free of storage code.
 */
@Command(
        name = "ratings",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Prints the leaderboard (Bradley–Terry with bootstrap intervals, and Elo) "
                + "from the database, or from a JSONL votes file with --votes.")
public final class RatingsCommand implements Callable<Integer> {
    static final int DATA_ERROR = 1;
    static final int USAGE_ERROR = 2;

    private final Supplier<List<Vote>> databaseVotes;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--votes",
            paramLabel = "FILE",
            description = "JSONL votes file, one vote per line, in the order cast")
    Path votesFile;

    @Option(names = "--category", paramLabel = "C", description = "only tasks of this category (wire name, e.g. game)")
    String category;

    @Option(names = "--from", paramLabel = "D", description = "only tasks published on or after this day (YYYY-MM-DD)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "only tasks published on or before this day (YYYY-MM-DD)")
    LocalDate to;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "bootstrap rounds, 0 for none (default: ${DEFAULT-VALUE})")
    int rounds = RatingSettings.DEFAULTS.rounds();

    @Option(names = "--seed", paramLabel = "S", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed = RatingSettings.DEFAULTS.seed();

    @Option(names = "--k", paramLabel = "K", description = "online Elo K (default: ${DEFAULT-VALUE})")
    double eloK = RatingSettings.DEFAULTS.eloK();

    @Option(
            names = "--anchor",
            paramLabel = "MODEL",
            description = "pin this model at 1000 (default: the mean is 1000)")
    String anchor;

    @picocli.CommandLine.Mixin
    ConfigOption config;

    @Option(
            names = "--include-demo",
            description = "also count votes involving demo models (never mixed in by default)")
    boolean includeDemo;

    /** databaseVotes supplies every vote in the order cast; null when no database is configured. */
    public RatingsCommand(Supplier<List<Vote>> databaseVotes) {
        this.databaseVotes = databaseVotes;
    }

    /** The registered command: database votes come from the configured database. */
    public RatingsCommand() {
        this.databaseVotes = () -> {
            try (Assembly arena = Assembly.assemble(Assembly.TOOL, config.load(false))) {
                return arena.storage().storedVotes().read(includeDemo);
            }
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        RatingSettings settings;
        VoteFilter filter;
        try {
            settings = RatingSettings.DEFAULTS
                    .withRounds(rounds)
                    .withSeed(seed)
                    .withEloK(eloK)
                    .withAnchor(anchor);
            filter = new VoteFilter(category, from, to);
        } catch (IllegalArgumentException e) {
            err.println("ratings: " + e.getMessage());
            return USAGE_ERROR;
        }
        Leaderboard board;
        try {
            board = votesFile != null ? fromFile(filter, settings) : fromDatabase(filter, settings);
        } catch (MalformedVoteException e) {
            err.println("ratings: " + votesFile + ": " + e.getMessage());
            return DATA_ERROR;
        } catch (NoSuchFileException e) {
            err.println("ratings: no such votes file: " + votesFile);
            return DATA_ERROR;
        } catch (IOException e) {
            err.println("ratings: cannot read " + votesFile + ": " + e);
            return DATA_ERROR;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("ratings: " + e.getMessage());
            return DATA_ERROR;
        }
        if (board == null) {
            err.println("ratings: no database votes source; pass --votes FILE to rate a votes file");
            return DATA_ERROR;
        }
        if (json) {
            out.println(LeaderboardJson.write(board, filter));
        } else {
            LeaderboardText.write(board, filter, out);
        }
        out.flush();
        return 0;
    }

    private Leaderboard fromFile(VoteFilter filter, RatingSettings settings) throws IOException {
        Tally tally = VoteFile.tally(votesFile, filter, settings);
        return Ratings.leaderboard(tally);
    }

    private Leaderboard fromDatabase(VoteFilter filter, RatingSettings settings) {
        if (databaseVotes == null) return null;
        return Ratings.leaderboard(databaseVotes.get(), filter, settings);
    }
}
