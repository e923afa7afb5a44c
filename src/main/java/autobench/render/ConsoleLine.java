package autobench.render;

/** One console message of the page: its type ("log", "warning", "error", ...) and text. */
public record ConsoleLine(String type, String text) {}
