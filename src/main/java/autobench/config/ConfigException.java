package autobench.config;

import java.util.List;

/** A configuration that cannot be used; the message names every bad key and why. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String where, List<String> problems) {
        super("invalid configuration (" + where + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
