package autobench.testing;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds configs the way users write them: YAML through the real loader. */
public final class TestConfigs {
    private TestConfigs() {}

    public static Path write(Path dir, String yaml) {
        try {
            Path f = Files.createTempFile(dir, "autobench", ".yaml");
            Files.writeString(f, yaml);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Config load(Path dir, String yaml, Map<String, String> env) {
        return new ConfigLoader(env).load(write(dir, yaml), true);
    }

    /** One OpenAI-compatible model pointing at a local stub. */
    public static String stubModel(String id, int port, int timeoutSeconds) {
        return """
                  - id: %s
                    provider: openai-compatible
                    model: stub-%s
                    base_url: http://localhost:%d/v1
                    max_output_tokens: 1000
                    timeout_seconds: %d
                    price: {input: 1.0, output: 2.0}
                """.formatted(id, id, port, timeoutSeconds);
    }

    /** Storage and dispatch tests leave rendering off; the render stage has its own tests. */
    public static String base(String databaseUrl, int tasksPerDay) {
        return """
                database: "%s"
                zone: UTC
                tasks_per_day: %d
                render:
                  enabled: false
                dispatch:
                  max_attempts: 3
                  retry_base_ms: 10
                  retry_max_ms: 5000
                models:
                """.formatted(databaseUrl, tasksPerDay);
    }
}
