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
     * {@code java … autobench.cli.App args…}, with the test JVM's own economy: C1 only and the serial
     * collector. A child lives seconds, not hours, so C2's compile work never pays back; on two cores
     * it is taken from the tests beside it. The whole suite, built tree, 7 December: child processes
     * used 32.7 s of CPU with these flags against 47.7 s without, and the eight classes that start
     * children took 91.6 s against 104.3 s (one run each; an earlier try at a load of 18 had shown no
     * gain, measured class by class rather than over the suite).
     */
    public static List<String> app(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "autobench.cli.App"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
