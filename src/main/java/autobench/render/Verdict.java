package autobench.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Turns what a render saw into its checks, status, reason and artifacts. Pure: no browser. */
final class Verdict {
    private Verdict() {}

    static RenderOutput of(Trace trace, RenderConfig config, long totalMs) {
        Trace.Shot poster = trace.captures.poster();
        List<Trace.Shot> frames = trace.captures.frames();
        Trace.Shot after = trace.captures.afterInput();
        Trace.Shot reference = trace.captures.inputReference();
        Trace.Shot revealed = trace.captures.revealed();

        double posterContrast = poster == null ? 0 : Pixels.contrast(poster.image());
        double contrast = posterContrast;
        for (Trace.Shot f : frames) contrast = Math.max(contrast, Pixels.contrast(f.image()));
        double afterContrast = after == null ? 0 : Pixels.contrast(after.image());
        contrast = Math.max(contrast, afterContrast);
        double motion = 0;
        for (int i = 1; i < frames.size(); i++) motion = Math.max(motion, Pixels.changed(frames.get(i - 1).image(), frames.get(i).image()));
        double inputEffect = after == null || reference == null ? 0 : Pixels.changed(reference.image(), after.image());

        List<String> errors = trace.errors();
        boolean finished = trace.crash() == null && !trace.isTimedOut() && !trace.isHung() && poster != null;
        Checks checks = new Checks(finished && errors.isEmpty(), contrast > Pixels.BLANK_CONTRAST,
                motion > Pixels.CHANGE_SHARE, inputEffect > Pixels.CHANGE_SHARE, contrast, motion, inputEffect);

        List<Artifact> artifacts = new ArrayList<>();
        if (poster != null) {
            // A page that draws only once clicked gets the picture after input as its poster.
            boolean reveal = revealed != null && posterContrast <= Pixels.BLANK_CONTRAST && afterContrast > Pixels.BLANK_CONTRAST;
            artifacts.add(new Artifact(Artifact.POSTER, "image/png", reveal ? revealed.bytes : poster.bytes));
            // frames.get(0) is the poster's moment, small: the poster stands for it.
            for (int i = 1; i < frames.size(); i++) artifacts.add(new Artifact(Artifact.frame(i), "image/png", frames.get(i).bytes));
            if (after != null) artifacts.add(new Artifact(Artifact.AFTER_INPUT, "image/png", after.bytes));
            List<BufferedImage> preview = new ArrayList<>();
            preview.add(frames.isEmpty() ? poster.image() : frames.getFirst().image());
            for (int i = 1; i < frames.size(); i++) preview.add(frames.get(i).image());
            long delay = config.frameSpan().toMillis() / (config.frames() - 1);
            artifacts.add(new Artifact(Artifact.PREVIEW, "image/gif", GifPreview.encode(preview, (int) delay)));
        }
        RenderStatus status = status(trace, checks, poster == null, errors);
        Timing timing = new Timing(trace.firstPaintMs, trace.loadMs, totalMs);
        return new RenderOutput(status, reason(status, trace, config, errors), checks, artifacts,
                trace.console(), errors, trace.blocked(), timing, trace.assists());
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
                    : trace.isHung() ? "the page stopped responding while " + trace.stage() + " (an endless loop?)"
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
