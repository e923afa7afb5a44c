package autobench.render;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Chromium for tests that need it. Missing Chromium skips them loudly on a developer's
 * machine, but fails them in CI (CI=true), where skipping would hide that nothing was rendered.
 */
public final class ChromiumForTests {
    /**
     * The two render lanes: each test class that keeps Chromium rendering page after page holds one,
     * so at most two such classes run at once, beside one lane of other tests (three lanes,
     * junit-platform.properties). Renders are CPU-bound; three of them side by side on two cores
     * slowed each other toward their time limits. Each class names the lane that balances the two
     * (seconds per class from a clean clone's surefire reports, test-class-seconds.txt):
     * lane A: RealisticCorpus, PageSweep, ArenaJourney, SlowFrame (189 s on the clean clone of
     * 7 December 06:56 UTC, ArenaJourney before it waited for quiet pages: about 186 s now); lane B:
     * AnswersCorpus, HostileCorpus, Renderer, BlindArenaJourney (187 s).
     */
    public static final String RENDER_LANE_A = "autobench.render.ChromiumForTests.RENDER_LANE_A";

    public static final String RENDER_LANE_B = "autobench.render.ChromiumForTests.RENDER_LANE_B";

    private ChromiumForTests() {}

    public static Path require() {
        Optional<Path> found = Renderer.find().filter(p -> NodeLocator.find().isPresent());
        if (found.isPresent()) return found.get();
        String message = "Chromium-dependent render tests cannot run: " + Renderer.installHint();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this is a failure, not a skip)");
        }
        System.err.println(
                "\n" + "!".repeat(100) + "\n!!! SKIPPING RENDER TESTS: " + message + "\n" + "!".repeat(100) + "\n");
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** The production settings (a 30 s limit, one lane); a test that wants a shorter limit says so. */
    public static RenderConfig config() {
        return RenderConfig.defaults(require());
    }
}
