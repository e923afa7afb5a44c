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
     * Held by the test classes that keep Chromium rendering page after page: renders are CPU-bound,
     * so two such classes side by side on two cores only slow each other into their time limits.
     */
    public static final String RENDERS = "autobench.render.ChromiumForTests.RENDERS";

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
