package autobench.render;

import autobench.WireName;

/** How a render ended, most severe first; a render has exactly one. */
public enum RenderStatus implements WireName {
    /** The page or the whole browser died (out of memory, killed for using too much). */
    CRASHED,
    /** The hard time limit was hit, or the page never became capturable (e.g. an endless loop). */
    TIMEOUT,
    /** The page ran but threw at least one uncaught error or unhandled rejection. */
    ERROR,
    /** No uncaught error, but nothing visible was drawn, even after input. */
    BLANK,
    /** Ran without errors and drew something. */
    OK
}
