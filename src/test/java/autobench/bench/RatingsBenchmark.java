package autobench.bench;

import autobench.rating.Leaderboard;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Tally;
import autobench.rating.VoteFilter;
import autobench.rating.io.VoteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The leaderboard at arena scale: 100 models, 100k and 1M votes. {@code leaderboard} is
 * Bradley–Terry plus 1000 bootstrap rounds on an already-filled tally (goal: under 2 s on 2 cores);
 * run with {@code -prof gc} its allocation per operation should be the same for both vote counts,
 * since the work is on the 4,950 distinct pairs. {@code readFile} is the streaming JSONL reader.
 * Each operation takes long enough that single shots, not averaged loops, are the honest measure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class RatingsBenchmark {
    @Param({"100000", "1000000"})
    int votes;

    @Param({"100"})
    int models;

    private Tally tally;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("ratings-bench", ".jsonl");
        VoteFileGenerator.write(file, votes, models, 42);
        tally = VoteFile.tally(file, VoteFilter.ALL, RatingSettings.DEFAULTS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Leaderboard leaderboard() {
        return Ratings.leaderboard(tally);
    }

    @Benchmark
    public Tally readFile() throws IOException {
        return VoteFile.tally(file, VoteFilter.ALL, RatingSettings.DEFAULTS);
    }
}
