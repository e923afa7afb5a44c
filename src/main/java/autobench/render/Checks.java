package autobench.render;

/**
 * The automatic checks of one render, with the measurements they were decided from so the site
 * can show why. Thresholds live in {@link Pixels}; docs/rendering.md explains them.
 *
 * @param runs        no uncaught error or unhandled rejection was reported, and no module script failed
 * @param notBlank    some capture had a luminance standard deviation above the threshold
 * @param animates    consecutive frames differed in more than the threshold share of pixels
 * @param interactive click, drag and key presses changed more than the threshold share of pixels
 *                    compared with the same moment without input
 * @param contrast    the highest luminance standard deviation seen (0..~128)
 * @param motion      the largest share of pixels changed between consecutive frames (0..1)
 * @param inputEffect the share of pixels the input changed (0..1)
 * @param slow        the page was too slow to draw frame by frame in software: it was drawn with
 *                    coarser frames, or its render was cut short and its last complete frame kept
 */
public record Checks(
        boolean runs,
        boolean notBlank,
        boolean animates,
        boolean interactive,
        double contrast,
        double motion,
        double inputEffect,
        boolean slow) {
    /** Checks of a render that kept pace. */
    public Checks(
            boolean runs,
            boolean notBlank,
            boolean animates,
            boolean interactive,
            double contrast,
            double motion,
            double inputEffect) {
        this(runs, notBlank, animates, interactive, contrast, motion, inputEffect, false);
    }
}
