package autobench.cli;

import picocli.CommandLine;

/** Lets tests in other packages run the real command line. */
public final class AppAccess {
    private AppAccess() {}

    public static CommandLine commandLine() {
        return App.commandLine();
    }
}
