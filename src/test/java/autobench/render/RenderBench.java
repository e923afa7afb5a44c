package autobench.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Renders per minute for the twelve demo pages: the renderer (one reused browser per lane)
 * against one cold {@code chromium --headless --screenshot} process per page, alternated in
 * rounds within one run so both see the same machine. Run by bench/render-throughput.sh.
 *
 * <p>The comparison is deliberately unkind to us: the baseline takes one screenshot per page,
 * the renderer five frames, a replay with input, the checks and an animated preview.
 */
final class RenderBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int lanes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path chromium = Renderer.find().orElseThrow(() -> new IllegalStateException(Renderer.installHint()));
        // The baseline is the issue's: the full browser binary, `chromium --headless --screenshot`.
        Path browser = Path.of(System.getenv().getOrDefault("AUTOBENCH_BASELINE_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(browser)) throw new IllegalStateException("no " + browser + " for the baseline (apt-get install -y chromium)");
        List<String> pages = DemoPages.all();
        Path dir = Files.createTempDirectory("autobench-bench");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) files.add(Files.writeString(dir.resolve("page" + i + ".html"), pages.get(i)));

        RenderConfig config = RenderConfig.defaults(chromium).withLanes(lanes);
        long startOpen = System.nanoTime();
        try (Renderer renderer = Renderer.open(config)) {
            double openMs = (System.nanoTime() - startOpen) / 1e6;
            baseline(browser, files.subList(0, 1), dir); // warm the disk cache for both
            ours(renderer, pages.subList(0, 1), lanes);
            double baseMs = 0, oursMs = 0, baseCpu = 0, oursCpu = 0;
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                double c0 = CpuMeter.treeMs();
                baseMs += baseline(browser, files, dir);
                double c1 = CpuMeter.treeMs();
                oursMs += ours(renderer, pages, lanes);
                double c2 = CpuMeter.treeMs();
                baseCpu += c1 - c0;
                oursCpu += c2 - c1;
                n += pages.size();
            }
            double basePerMin = n / (baseMs / 60_000), oursPerMin = n / (oursMs / 60_000);
            System.out.printf(Locale.ROOT, "pages=%d rounds=%d lanes=%d cores=%d baseline=%s renderer=%s%n", pages.size(), rounds, lanes,
                    Runtime.getRuntime().availableProcessors(), browser, chromium);
            System.out.printf(Locale.ROOT, "baseline  cold chromium --screenshot : %7.1f renders/min (%5.0f ms/page, %5.0f ms CPU/page)%n",
                    basePerMin, baseMs / n, baseCpu / n);
            System.out.printf(Locale.ROOT, "renderer  reused browser, %d lane(s)   : %7.1f renders/min (%5.0f ms/page, %5.0f ms CPU/page), start-up %.0f ms once%n",
                    lanes, oursPerMin, oursMs / n, oursCpu / n, openMs);
            System.out.printf(Locale.ROOT, "ratio     renderer / baseline         : %7.2fx%n", oursPerMin / basePerMin);
        }
    }

    /** Wall time to screenshot every page with its own cold Chromium and fresh profile. */
    static double baseline(Path chromium, List<Path> files, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int i = 0;
        for (Path page : files) {
            Path profile = Files.createTempDirectory(dir, "profile");
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile,
                    "--window-size=800,600", "--screenshot=" + dir.resolve("base" + (i++) + ".png"), page.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Wall time for the renderer to render every page, {@code lanes} at a time. */
    static double ours(Renderer renderer, List<String> pages, int lanes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        long start = System.nanoTime();
        List<Future<RenderOutput>> outs = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            long seed = i;
            outs.add(pool.submit(() -> renderer.render(page, seed)));
        }
        for (Future<RenderOutput> f : outs) {
            RenderOutput o = f.get();
            if (o.status() != RenderStatus.OK) System.out.println("  note: a demo page rendered as " + o.status().wire() + ": " + o.reason());
        }
        double ms = (System.nanoTime() - start) / 1e6;
        pool.shutdown();
        return ms;
    }
}
