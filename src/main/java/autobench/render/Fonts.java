package autobench.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts answers need that a bare server lacks: without them every emoji and every Chinese,
 * Japanese or Korean character is drawn as an empty box, and such answers lose their votes unfairly.
 * Checked when a renderer opens ({@link Renderer#open}), through fontconfig, which Chromium uses on Linux.
 */
final class Fonts {
    private static final Logger log = LoggerFactory.getLogger(Fonts.class);

    /** A family answers need, how fontconfig names it, and the Debian package that installs it. */
    record Needed(String what, String family, String debianPackage) {}

    static final List<Needed> NEEDED = List.of(
            new Needed("emoji", "Noto Color Emoji", "fonts-noto-color-emoji"),
            new Needed("Chinese, Japanese and Korean", "Noto Sans CJK", "fonts-noto-cjk"));

    private Fonts() {}

    /** The needed fonts missing from {@code families} (fontconfig's family list, one a line). */
    static List<Needed> missing(String families) {
        String lower = families.toLowerCase(Locale.ROOT);
        return NEEDED.stream()
                .filter(n -> !lower.contains(n.family().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Logs a warning naming each missing font and its package; says nothing when all are there. */
    static void check() {
        String families;
        try {
            Process p = new ProcessBuilder("fc-list", ":", "family")
                    .redirectErrorStream(true)
                    .start();
            families = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            log.warn("fontconfig's fc-list is missing, so the renderer's fonts were not checked; emoji and CJK text "
                    + "need fonts-noto-color-emoji and fonts-noto-cjk (docs/rendering.md, Fonts)");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (Needed n : missing(families)) {
            log.warn(
                    "font missing for the renderer: {} ({}); {} text in answers will be drawn as empty boxes. "
                            + "Install it with `apt-get install -y {}`",
                    n.family(),
                    n.what(),
                    n.what(),
                    n.debianPackage());
        }
    }
}
