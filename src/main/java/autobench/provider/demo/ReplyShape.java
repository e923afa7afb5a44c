package autobench.provider.demo;

/** The forms real models' replies take, so that the demo exercises every path of extraction. */
enum ReplyShape {
    /** A sentence or two, one {@code ```html} fence with the whole page, a closing remark. */
    PROSE_AND_FENCE,
    /** The page, its stylesheet and its script as three fences. */
    SEVERAL_FENCES,
    /** A {@code <think>} block, then prose and one fence. */
    THINK_THEN_FENCE,
    /** The page written straight into the text, no fence. */
    BARE_DOCUMENT,
    /** Nothing a browser can run: a Python sketch, or prose that declines. */
    NOT_RUNNABLE;

    /** One reply in twelve is not runnable; the rest are spread evenly over the runnable forms. */
    static ReplyShape of(long seed) {
        if (Math.floorMod(seed, 12L) == 0) return NOT_RUNNABLE;
        return values()[(int) Math.floorMod(seed >>> 8, 4L)];
    }
}
