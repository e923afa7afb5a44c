package autobench.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The script that runs before the page's own, with the submission's seed filled in. */
final class InitScript {
    private static final String TEMPLATE = load();

    private InitScript() {}

    static String forSeed(long seed) {
        long seed32 = (seed ^ (seed >>> 32)) & 0xffffffffL; // the page's generator has 32 bits of state
        return TEMPLATE.replace("__SEED__", Long.toString(seed32));
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
