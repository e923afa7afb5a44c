package autobench.bench;

import autobench.cli.RatingsCommand;
import picocli.CommandLine;

/** Runs {@code ratings} in file mode without App, so the benchmark script can time it on its own. */
public final class RatingsMain {
    private RatingsMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new RatingsCommand(null)).execute(args));
    }
}
