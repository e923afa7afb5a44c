package autobench.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import autobench.WireName;
import autobench.provider.local.LocalModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every recorded wire case under {@code fixtures/providers/} against a local WireMock:
 * checks what the adapter sent (path, auth header, body fields, and that the key is nowhere in
 * the URL) and what it returned (the {@link Completion}, with the key nowhere in it).
 */
class ProviderWireTest {
    /** Fixed so that HTTP-date Retry-After fixtures mean a known number of seconds. */
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    static final String KEY_ENV = "AUTOBENCH_TEST_KEY";

    static WireMockServer wire;
    static HttpTransport http;

    @BeforeAll
    static void start() {
        wire = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        http = new HttpTransport(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @TestFactory
    Stream<DynamicNode> every_recorded_case_sends_what_the_api_documents_and_classifies_the_reply() throws Exception {
        Path root = Path.of(
                ProviderWireTest.class.getResource("/fixtures/providers").toURI());
        try (Stream<Path> providers = Files.list(root)) {
            return providers.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicContainer.dynamicContainer(
                            dir.getFileName().toString(),
                            cases(dir).stream()
                                    .map(c -> DynamicTest.dynamicTest(
                                            c.getFileName().toString(), () -> run(WireFixture.load(c))))));
        }
    }

    private static List<Path> cases(Path providerDir) {
        try (Stream<Path> s = Files.list(providerDir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keyFor(String provider) {
        return "sk-test-" + provider + "-9Qx7LmT2vR4wZ8";
    }

    static void run(WireFixture f) {
        wire.resetAll();
        ResponseDefinitionBuilder response = aResponse().withStatus(f.status()).withBody(f.responseBody());
        if (!f.headers().containsKey("Content-Type")) response.withHeader("Content-Type", "application/json");
        f.headers().forEach(response::withHeader);
        int delay = f.setup().path("delayMs").asInt(0);
        if (delay > 0) response.withFixedDelay(delay);
        wire.stubFor(any(anyUrl()).willReturn(response));

        String key = keyFor(f.provider());
        Map<String, String> env = new HashMap<>();
        if (!f.setup().path("noKey").asBoolean(false)) env.put(KEY_ENV, key);
        Provider provider = Adapters.forModel(modelConfig(f), env::get, http, new LocalModels());
        JsonNode p = f.setup().path("prompt");
        Prompt prompt = new Prompt(
                p.path("system").asText(""),
                p.path("user").asText("Make a bouncing ball."),
                p.path("maxOutputTokens").asInt(1024),
                p.path("temperature").isNumber() ? p.path("temperature").asDouble() : null,
                Duration.ofMillis(p.path("timeoutMs").asLong(5000)));

        Completion completion = provider.complete(prompt);

        List<LoggedRequest> sent = wire.findAll(WireMock.anyRequestedFor(anyUrl()));
        assertThat(sent).as("requests sent").hasSize(1);
        WireAssertions.request(sent.getFirst(), f.request(), key);
        WireAssertions.completion(completion, f.expect(), f.responseBody().replace(key, Secrets.MASK));
        assertThat(completion.toString())
                .as("the key must appear in no field of the completion")
                .doesNotContain(key);
    }

    private static ModelConfig modelConfig(WireFixture f) {
        JsonNode m = f.setup().path("model");
        Map<String, Object> options =
                m.has("options") ? WireFixture.JSON.convertValue(m.get("options"), Map.class) : Map.of();
        String base = wire.baseUrl() + m.path("basePath").asText("");
        return new ModelConfig(
                "test-" + f.provider(),
                WireName.find(ProviderKind.class, m.path("provider").asText(f.provider()))
                        .orElseThrow(),
                m.path("model").asText(),
                base,
                KEY_ENV,
                1024,
                null,
                Price.FREE,
                true,
                30,
                options);
    }
}
