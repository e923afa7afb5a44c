package autobench.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The script that runs before the page's own, with the submission's seed and the renderer's limits filled in. */
final class InitScript {
    private static final String TEMPLATE = load();
    /** The page's Date starts here, so clocks drawn by a page are the same on every render. */
    static final long PAGE_EPOCH_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private InitScript() {}

    static String forSeed(long seed) {
        return forRender(seed, "-");
    }

    /**
     * @param reportPrefix what the script's reports to the renderer start with (blocked
     *                     navigations, sent as console messages); unguessable per render, so a
     *                     page cannot forge them. Only letters, digits and '-'.
     */
    static String forRender(long seed, String reportPrefix) {
        if (!reportPrefix.matches("[A-Za-z0-9-]+"))
            throw new IllegalArgumentException("bad report prefix " + reportPrefix);
        long seed32 = (seed ^ (seed >>> 32)) & 0xffffffffL; // the page's generator has 32 bits of state
        return TEMPLATE.replace("__SEED__", Long.toString(seed32))
                .replace("__EPOCH__", Long.toString(PAGE_EPOCH_MS))
                .replace("__REPORT__", reportPrefix)
                .replace("__CONSOLE_LIMIT__", Integer.toString(Trace.PAGE_CONSOLE));
    }

    private static String load() {
        try (InputStream in = InitScript.class.getResourceAsStream("init.js")) {
            if (in == null) throw new IllegalStateException("init.js missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
