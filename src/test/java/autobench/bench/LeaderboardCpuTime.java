package autobench.bench;

import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Tally;
import autobench.rating.VoteFilter;
import autobench.rating.io.VoteFile;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Wall time and CPU time (all threads of the process, JIT and GC included) of the leaderboard
 * computation, repeated. On a machine shared with other work, wall time mostly measures the
 * neighbours; CPU seconds divided by the cores is what an idle machine would need.
 * Usage: FILE [REPEATS].
 */
public final class LeaderboardCpuTime {
    private LeaderboardCpuTime() {}

    public static void main(String[] args) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long wall = System.nanoTime(), cpu = os.getProcessCpuTime();
        Tally tally = VoteFile.tally(Path.of(args[0]), VoteFilter.ALL, RatingSettings.DEFAULTS);
        report("read file (cold JVM)", wall, cpu, os);
        for (int i = 1; i <= repeats; i++) {
            wall = System.nanoTime();
            cpu = os.getProcessCpuTime();
            Ratings.leaderboard(tally);
            report("leaderboard run " + i, wall, cpu, os);
        }
    }

    private static void report(String what, long wall, long cpu, OperatingSystemMXBean os) {
        System.out.printf(
                "%-22s %6.0f ms wall %6.0f ms cpu%n",
                what, (System.nanoTime() - wall) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6);
    }
}
