package autobench.bench;

import autobench.rating.RatingSettings;
import autobench.rating.Tally;
import autobench.rating.VoteFilter;
import autobench.rating.io.VoteFile;
import java.nio.file.Path;

/**
 * Heap still in use, after a full collection, once a votes file has been read into a tally: the
 * state the leaderboard is computed from. Usage: FILE... (one line of output per file).
 * Approximate (it relies on System.gc()), but the point is the comparison between file sizes.
 */
public final class TallyFootprint {
    private TallyFootprint() {}

    public static void main(String[] args) throws Exception {
        for (String f : args) {
            long before = settledHeap();
            Tally tally = VoteFile.tally(Path.of(f), VoteFilter.ALL, RatingSettings.DEFAULTS);
            long after = settledHeap();
            System.out.printf(
                    "%s: %,d votes, %d models, %,d ordered pairs, retained heap %,d KB%n",
                    f, tally.votes(), tally.models(), tally.orderedPairs(), (after - before) / 1024);
        }
    }

    private static long settledHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
