package autobench.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a real {@code autobench} process started by a test: the test's own JDK and
 * class path (no jar needs building), and the CLI's arguments.
 */
public final class ChildJava {
    private ChildJava() {}

    /**
     * {@code java … autobench.cli.App args…}. Tried and left out: {@code -XX:TieredStopAtLevel=1}
     * took a migrate-and-verify child from 2.7-2.9 s of CPU to 1.5-1.6 s, but the process tests
     * as a whole were not quicker with it side by side (slower in four classes of five, at a load of 18).
     */
    public static List<String> app(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "autobench.cli.App"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
