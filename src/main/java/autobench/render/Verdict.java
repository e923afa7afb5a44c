package autobench.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Turns what a render saw into its checks, status, reason and artifacts. Pure: no browser. */
final class Verdict {
    private Verdict() {}

    static RenderOutput of(Trace trace, RenderConfig config, long totalMs) {
        List<byte[]> frames = trace.captures.frames();
        List<BufferedImage> images = frames.stream().map(Pixels::decode).toList();
        byte[] after = trace.captures.afterInput();
        byte[] reference = trace.captures.inputReference();

        double posterContrast = images.isEmpty() ? 0 : Pixels.contrast(images.getFirst());
        double contrast = images.stream().mapToDouble(Pixels::contrast).max().orElse(0);
        double afterContrast = after == null ? 0 : Pixels.contrast(Pixels.decode(after));
        contrast = Math.max(contrast, afterContrast);
        double motion = 0;
        for (int i = 1; i < images.size(); i++) motion = Math.max(motion, Pixels.changed(images.get(i - 1), images.get(i)));
        double inputEffect = after == null || reference == null ? 0 : Pixels.changed(reference, after);

        List<String> errors = trace.errors();
        boolean finished = trace.crash() == null && !trace.isTimedOut() && !trace.isHung() && !frames.isEmpty();
        Checks checks = new Checks(finished && errors.isEmpty(), contrast > Pixels.BLANK_CONTRAST,
                motion > Pixels.CHANGE_SHARE, inputEffect > Pixels.CHANGE_SHARE, contrast, motion, inputEffect);

        List<Artifact> artifacts = new ArrayList<>();
        if (!frames.isEmpty()) {
            // A page that draws only once clicked gets the picture after input as its poster.
            boolean revealPoster = posterContrast <= Pixels.BLANK_CONTRAST && afterContrast > Pixels.BLANK_CONTRAST;
            artifacts.add(new Artifact(Artifact.POSTER, "image/png", revealPoster ? after : frames.getFirst()));
            for (int i = 1; i < frames.size(); i++) artifacts.add(new Artifact(Artifact.frame(i), "image/png", frames.get(i)));
            if (after != null) artifacts.add(new Artifact(Artifact.AFTER_INPUT, "image/png", after));
            long delay = config.frameSpan().toMillis() / (config.frames() - 1);
            artifacts.add(new Artifact(Artifact.PREVIEW, "image/gif", GifPreview.encode(images, (int) delay)));
        }
        RenderStatus status = status(trace, checks, frames.isEmpty(), errors);
        Timing timing = new Timing(trace.firstPaintMs, trace.loadMs, totalMs);
        return new RenderOutput(status, reason(status, trace, config, errors), checks, artifacts,
                trace.console(), errors, trace.blocked(), timing);
    }

    private static RenderStatus status(Trace trace, Checks checks, boolean noPicture, List<String> errors) {
        if (trace.crash() != null) return RenderStatus.CRASHED;
        if (trace.isTimedOut() || trace.isHung() || noPicture) return RenderStatus.TIMEOUT;
        if (!errors.isEmpty()) return RenderStatus.ERROR;
        if (!checks.notBlank()) return RenderStatus.BLANK;
        return RenderStatus.OK;
    }

    private static String reason(RenderStatus status, Trace trace, RenderConfig config, List<String> errors) {
        return switch (status) {
            case CRASHED -> trace.crash();
            case TIMEOUT -> trace.isTimedOut()
                    ? "did not finish within " + config.timeLimit().toSeconds() + " s (stuck while " + trace.stage() + ")"
                    : trace.isHung() ? "the page stopped responding while loading (an endless loop?)"
                    : "no picture could be taken (stuck while " + trace.stage() + ")";
            case ERROR -> "uncaught error: " + firstLine(errors.getFirst());
            case BLANK -> "nothing visible was drawn, even after a click, a drag and key presses";
            case OK -> "rendered";
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
