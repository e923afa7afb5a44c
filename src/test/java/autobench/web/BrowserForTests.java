package autobench.web;

import autobench.render.ChromiumForTests;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's Chromium driven by Playwright, the way the renderer starts it (no browser download,
 * the machine's Node.js, no Chromium sandbox as root). Missing Chromium fails under CI=true and
 * skips loudly elsewhere, as in {@link ChromiumForTests}.
 */
final class BrowserForTests implements AutoCloseable {
    final Playwright playwright;
    final Browser browser;

    BrowserForTests() {
        this(List.of());
    }

    /** With extra Chromium switches, e.g. the process isolation desktop Chrome has and the headless shell lacks. */
    BrowserForTests(List<String> extraArgs) {
        Path chromium = ChromiumForTests.require();
        List<String> args = new ArrayList<>(List.of("--no-sandbox"));
        args.addAll(extraArgs);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", node())));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setChromiumSandbox(false)
                        .setArgs(args)
                        .setTimeout(30_000));
    }

    /** Console errors and uncaught exceptions of a page (and its frames), collected as they happen. */
    static List<String> watchErrors(Page page) {
        List<String> errors = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) errors.add(m.location() + ": " + m.text());
        });
        page.onPageError(e -> errors.add("uncaught: " + e));
        return errors;
    }

    private static String node() {
        String explicit = System.getenv("PLAYWRIGHT_NODEJS_PATH");
        if (explicit != null && !explicit.isBlank()) return explicit;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "node")))
                return Path.of(d, "node").toString();
        }
        return "/usr/bin/node";
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
