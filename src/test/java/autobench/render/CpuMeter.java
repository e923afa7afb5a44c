package autobench.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * CPU time used by this JVM and every process below it (Playwright's driver, the browsers, their
 * renderers, and cold Chromiums already reaped), read from /proc. Linux only; returns -1 elsewhere.
 * A process that has exited is counted through its parent's "children" times once reaped.
 */
final class CpuMeter {
    private static final double TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

    private CpuMeter() {}

    /** Milliseconds of CPU (user + system) of the whole process tree so far. */
    static double treeMs() {
        if (!Files.isDirectory(Path.of("/proc/self"))) return -1;
        long ticks = 0;
        Deque<ProcessHandle> todo = new ArrayDeque<>();
        todo.push(ProcessHandle.current());
        while (!todo.isEmpty()) {
            ProcessHandle p = todo.pop();
            ticks += ticks(p.pid());
            p.children().forEach(todo::push);
        }
        return ticks * TICK_MS;
    }

    /** utime + stime + cutime + cstime of one process, 0 if it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
