package autobench.render;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How renders are done. Build one with {@link #defaults(Path)} and adjust with the withers.
 *
 * @param chromium    the Chromium (or Chrome) executable; see {@link Renderer#find()}
 * @param width       viewport width in CSS pixels (device scale factor is 1)
 * @param height      viewport height in CSS pixels
 * @param timeLimit   hard limit for one render, browser recovery excluded; holds against endless loops
 * @param settle      page time given to the page after load before the poster is taken
 * @param frames      pictures taken, the poster included (at least 2)
 * @param frameSpan   page time between the poster and the last frame
 * @param lanes       renders that may run at once, each in its own reused browser process
 * @param memoryLimit bytes of resident memory one page process may use before the render's pages are killed
 */
public record RenderConfig(
        Path chromium,
        int width,
        int height,
        Duration timeLimit,
        Duration settle,
        int frames,
        Duration frameSpan,
        int lanes,
        long memoryLimit) {
    public RenderConfig {
        Objects.requireNonNull(chromium, "chromium");
        if (width < 16 || height < 16 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException(
                    "viewport must be 16..4096 pixels each way, got " + width + "x" + height);
        }
        if (frames < 2) throw new IllegalArgumentException("frames must be at least 2, got " + frames);
        if (lanes < 1) throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
        if (timeLimit.toMillis() < 2_000)
            throw new IllegalArgumentException("timeLimit must be at least 2 s, got " + timeLimit);
    }

    public static RenderConfig defaults(Path chromium) {
        return new RenderConfig(
                chromium,
                800,
                600,
                Duration.ofSeconds(30),
                Duration.ofMillis(1000),
                5,
                Duration.ofSeconds(3),
                1,
                1536L * 1024 * 1024);
    }

    public RenderConfig withViewport(int w, int h) {
        return new RenderConfig(chromium, w, h, timeLimit, settle, frames, frameSpan, lanes, memoryLimit);
    }

    public RenderConfig withTimeLimit(Duration limit) {
        return new RenderConfig(chromium, width, height, limit, settle, frames, frameSpan, lanes, memoryLimit);
    }

    public RenderConfig withLanes(int n) {
        return new RenderConfig(chromium, width, height, timeLimit, settle, frames, frameSpan, n, memoryLimit);
    }

    public RenderConfig withMemoryLimit(long bytes) {
        return new RenderConfig(chromium, width, height, timeLimit, settle, frames, frameSpan, lanes, bytes);
    }
}
