package autobench.render;

/**
 * How long things took, in milliseconds. A null field means it never happened (a page stuck in
 * a loop has no load time).
 *
 * @param firstPaintMs from navigation start to the first paint, as the browser measured it
 * @param loadMs       from navigation start to the load event, as measured here
 * @param totalMs      the whole render, browser recovery included
 */
public record Timing(Long firstPaintMs, Long loadMs, long totalMs) {}
