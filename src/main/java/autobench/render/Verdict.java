package autobench.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Turns what a render saw into its checks, status, reason and artifacts. Pure: no browser. */
final class Verdict {
    private Verdict() {}

    static RenderOutput of(Trace trace, RenderConfig config, long totalMs) {
        Trace.Shot poster = trace.captures.poster();
        boolean cutShort = trace.isTimedOut() || trace.isHung();
        // Cut short before the poster: a slow page's last complete full-size frame stands for it.
        if (poster == null && trace.crash() == null) poster = trace.captures.provisional();
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
        for (int i = 1; i < frames.size(); i++)
            motion = Math.max(
                    motion,
                    Pixels.changed(frames.get(i - 1).image(), frames.get(i).image()));
        double inputEffect = after == null || reference == null ? 0 : Pixels.changed(reference.image(), after.image());

        List<String> errors = trace.errors();
        List<String> modules = trace.failedModules();
        int earlyErrors = Math.min(errors.size(), errorsBeforeContent(trace, poster, frames));
        boolean pictured = poster != null && contrast > Pixels.BLANK_CONTRAST && earlyErrors == 0 && modules.isEmpty();
        boolean slow = trace.slowReason() != null || cutShort && pictured;
        boolean finished = trace.crash() == null && (!cutShort || pictured) && poster != null;
        Checks checks = new Checks(
                finished && errors.isEmpty() && modules.isEmpty(),
                contrast > Pixels.BLANK_CONTRAST,
                motion > Pixels.CHANGE_SHARE,
                inputEffect > Pixels.CHANGE_SHARE,
                contrast,
                motion,
                inputEffect,
                slow);

        List<Artifact> artifacts = new ArrayList<>();
        if (poster != null) {
            // A page that draws only once clicked gets the picture after input as its poster.
            boolean reveal = revealed != null
                    && posterContrast <= Pixels.BLANK_CONTRAST
                    && afterContrast > Pixels.BLANK_CONTRAST;
            artifacts.add(new Artifact(Artifact.POSTER, "image/png", reveal ? revealed.bytes : poster.bytes));
            // frames.get(0) is the poster's moment, small: the poster stands for it.
            for (int i = 1; i < frames.size(); i++)
                artifacts.add(new Artifact(Artifact.frame(i), "image/png", frames.get(i).bytes));
            if (after != null) artifacts.add(new Artifact(Artifact.AFTER_INPUT, "image/png", after.bytes));
            if (!frames.isEmpty()) {
                List<BufferedImage> preview = new ArrayList<>();
                for (Trace.Shot f : frames) preview.add(f.image());
                long delay = config.frameSpan().toMillis() / (config.frames() - 1);
                artifacts.add(new Artifact(Artifact.PREVIEW, "image/gif", GifPreview.encode(preview, (int) delay)));
            }
        }
        boolean blank3d = blankWebGl(trace.webgl, poster, frames);
        RenderStatus status =
                status(trace, checks, poster == null, cutShort && !pictured, earlyErrors, modules, blank3d);
        Timing timing = new Timing(trace.firstPaintMs, trace.loadMs, totalMs);
        return new RenderOutput(
                status,
                reason(status, trace, config, errors, earlyErrors, modules, blank3d, slow),
                checks,
                artifacts,
                trace.console(),
                errors,
                trace.blocked(),
                timing,
                trace.assists());
    }

    /**
     * How many of the page's uncaught errors came before the first picture with content (all of
     * them if none had any): those are errors "before the page drew", the rest came after.
     */
    static int errorsBeforeContent(Trace trace, Trace.Shot poster, List<Trace.Shot> frames) {
        List<Trace.Shot> inOrder = new ArrayList<>(trace.captures.early());
        if (poster != null) inOrder.add(poster);
        inOrder.addAll(frames);
        for (Trace.Shot s : inOrder) if (Pixels.contrast(s.image()) > Pixels.BLANK_CONTRAST) return s.errorsBefore;
        return Integer.MAX_VALUE;
    }

    /**
     * The page made a visible WebGL canvas (it means to draw 3D) but it stayed empty: no draw call
     * at all, or one colour (at least 99 % of it) in the poster and in every frame (a scene whose module never
     * loaded, a camera looking at nothing).
     */
    /** A WebGL canvas this much one colour drew no scene (a title or a hint laid over it stays below 1 %). */
    static final double FLAT_CANVAS = 0.99;

    static boolean blankWebGl(Trace.WebGl gl, Trace.Shot poster, List<Trace.Shot> frames) {
        if (gl == null || gl.canvases().isEmpty() || poster == null) return false;
        if (gl.draws() == 0) return true;
        for (Rectangle canvas : gl.canvases()) {
            if (Pixels.dominantShare(poster.image(), canvas, 1) < FLAT_CANVAS) return false;
            for (Trace.Shot f : frames)
                if (Pixels.dominantShare(f.image(), canvas, RenderJob.FRAME_SCALE) < FLAT_CANVAS) return false;
        }
        return true;
    }

    private static RenderStatus status(
            Trace trace,
            Checks checks,
            boolean noPicture,
            boolean cutShortWithoutPicture,
            int earlyErrors,
            List<String> modules,
            boolean blank3d) {
        if (trace.crash() != null) return RenderStatus.CRASHED;
        if (cutShortWithoutPicture || noPicture) return RenderStatus.TIMEOUT;
        if (!modules.isEmpty() || earlyErrors > 0) return RenderStatus.ERROR;
        if (!checks.notBlank() || blank3d) return RenderStatus.BLANK;
        return RenderStatus.OK;
    }

    private static String reason(
            RenderStatus status,
            Trace trace,
            RenderConfig config,
            List<String> errors,
            int earlyErrors,
            List<String> modules,
            boolean blank3d,
            boolean slow) {
        return switch (status) {
            case CRASHED -> trace.crash();
            case TIMEOUT ->
                trace.isTimedOut()
                        ? "did not finish within " + config.timeLimit().toSeconds() + " s (stuck while " + trace.stage()
                                + ")"
                        : trace.isHung()
                                ? "the page stopped responding while " + trace.stage() + " (an endless loop?)"
                                : "no picture could be taken (stuck while " + trace.stage() + ")";
            case ERROR ->
                !modules.isEmpty()
                        ? "a module script failed to load, so none of its code ran: " + firstLine(modules.getFirst())
                        : "uncaught error before the page drew anything: " + firstLine(errors.getFirst());
            case BLANK ->
                blank3d
                        ? "the page set up a WebGL canvas but its 3D scene stayed empty"
                        : "nothing visible was drawn, even after a click, a drag and key presses";
            case OK -> {
                String r = "rendered";
                if (slow) {
                    r += trace.isTimedOut()
                            ? "; slow: it did not finish within "
                                    + config.timeLimit().toSeconds() + " s, so its last complete frame is the poster"
                            : trace.isHung()
                                    ? "; slow: it stopped responding, so its last complete frame is the poster"
                                    : "; " + trace.slowReason();
                }
                if (errors.size() > earlyErrors)
                    r += "; an uncaught error came after it drew: " + firstLine(errors.get(earlyErrors));
                yield r;
            }
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
