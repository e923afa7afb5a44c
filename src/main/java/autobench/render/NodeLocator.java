package autobench.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Node.js that runs Playwright's driver. We ship Playwright without its bundled Node
 * (120 MB per platform), so the machine's own Node.js 20+ is used.
 */
final class NodeLocator {
    private NodeLocator() {}

    static Optional<Path> find() {
        String explicit = System.getenv("PLAYWRIGHT_NODEJS_PATH");
        if (explicit != null && !explicit.isBlank())
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path node = Path.of(dir, "node");
            if (Files.isExecutable(node)) return Optional.of(node);
        }
        return Optional.of(Path.of("/usr/bin/node")).filter(Files::isExecutable);
    }

    static Path node() {
        return find().orElseThrow(() -> new IllegalStateException(
                "Node.js 20+ is needed to drive Chromium and was not found on PATH or in PLAYWRIGHT_NODEJS_PATH. "
                        + "Install it (Debian: apt-get install -y nodejs) or set PLAYWRIGHT_NODEJS_PATH."));
    }
}
