package autobench.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the processes of one lane's browser among this JVM's own descendants (never anyone
 * else's), by the marker switch the lane launched it with. Used to kill a hung page's renderer
 * or, failing that, the whole browser, from a thread other than the one stuck in Playwright.
 */
final class ChromiumProcesses {
    private final String marker;

    ChromiumProcesses(String laneMarker) {
        this.marker = "--autobench-lane=" + laneMarker;
    }

    private volatile ProcessHandle browser;

    /** The lane's browser; looked up once per launch, since scanning /proc costs CPU. */
    Optional<ProcessHandle> browser() {
        ProcessHandle known = browser;
        if (known != null && known.isAlive()) return Optional.of(known);
        Optional<ProcessHandle> found = ProcessHandle.current()
                .descendants()
                .filter(p -> {
                    String c = commandLine(p);
                    return c.contains(marker) && !c.contains("--type=");
                })
                .findFirst();
        browser = found.orElse(null);
        return found;
    }

    List<ProcessHandle> renderers() {
        return browser()
                .map(b -> b.descendants()
                        .filter(p -> commandLine(p).contains("--type=renderer"))
                        .toList())
                .orElse(List.of());
    }

    /**
     * CPU time used so far, in clock ticks (user and system, all threads), by the lane's page
     * processes and by its GPU process, which is where WebGL is drawn in software (SwiftShader).
     */
    record Cpu(long pages, long gpu) {
        Cpu since(Cpu earlier) {
            return new Cpu(pages - earlier.pages, gpu - earlier.gpu);
        }
    }

    Cpu cpu() {
        long pages = 0;
        long gpu = 0;
        for (ProcessHandle p : browser().map(b -> b.descendants().toList()).orElse(List.of())) {
            String c = commandLine(p);
            if (c.contains("--type=renderer")) pages += ticks(p);
            else if (c.contains("--type=gpu-process")) gpu += ticks(p);
        }
        return new Cpu(pages, gpu);
    }

    /** utime + stime from /proc/PID/stat (fields 14 and 15, counted after the name in parentheses); 0 elsewhere. */
    static long ticks(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading, or this is not Linux
        }
    }

    /** Resident memory of the browser's largest renderer, in bytes (0 where /proc is not available). */
    long largestRenderer() {
        return renderers().stream().mapToLong(ChromiumProcesses::rss).max().orElse(0);
    }

    /** Kills the page processes; the browser survives and reports the pages as crashed. */
    int killRenderers() {
        List<ProcessHandle> list = renderers();
        list.forEach(ProcessHandle::destroyForcibly);
        return list.size();
    }

    /** Kills the browser and everything under it. */
    void killBrowser() {
        browser().ifPresent(b -> {
            b.descendants().forEach(ProcessHandle::destroyForcibly);
            b.destroyForcibly();
        });
    }

    /**
     * Chromium rewrites its children's argv into one string, which the JDK's parser then reports
     * as having no arguments; read /proc directly and fall back to the JDK elsewhere.
     */
    private static String commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    private static long rss(ProcessHandle p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between listing and reading, or this is not Linux
        }
        return 0;
    }
}
