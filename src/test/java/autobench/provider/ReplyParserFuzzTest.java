package autobench.provider;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.anthropic.AnthropicProvider;
import autobench.provider.gemini.GeminiProvider;
import autobench.provider.openai.Dialect;
import autobench.provider.openai.OpenAiProvider;
import autobench.provider.openai.OpenAiResponsesProvider;
import autobench.testing.Fuzz;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: each HTTP adapter's reply reader (OpenAI chat in its three dialects, OpenAI responses,
 * Anthropic, Gemini) turns any reply, 2xx or not, into a {@link Completion} without throwing, with
 * usage and waits that are never negative. Replies are the recorded fixture bodies of every
 * provider, mutated: truncated, values swapped for wrong types, giant numbers, nulls and huge
 * strings, fields removed, random bytes; headers carry hostile Retry-After and rate-limit values.
 * The demo and local providers read no wire reply, so they have no reader to test here.
 */
class ReplyParserFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final HttpTransport HTTP = new HttpTransport(CLOCK);
    private static final List<String> BODIES = fixtureBodies();
    private static final List<HttpTransport.ReplyReader> READERS = List.of(
            new OpenAiProvider(model(ProviderKind.OPENAI), "k", HTTP, Dialect.OPENAI),
            new OpenAiProvider(model(ProviderKind.DEEPSEEK), "k", HTTP, Dialect.DEEPSEEK),
            new OpenAiProvider(model(ProviderKind.OPENAI_COMPATIBLE), "k", HTTP, Dialect.COMPATIBLE),
            new OpenAiResponsesProvider(model(ProviderKind.OPENAI), "k", HTTP, Dialect.OPENAI),
            new AnthropicProvider(model(ProviderKind.ANTHROPIC), "k", HTTP),
            new GeminiProvider(model(ProviderKind.GEMINI), "k", HTTP));
    private static final int[] STATUSES = {
        200, 200, 200, 201, 204, 299, 400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529, 100,
        302, 0, -1, 999
    };

    static LongStream seeds() {
        return Fuzz.seeds(2000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_reply_is_classified_and_never_throws(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HttpTransport.ReplyReader reader = READERS.get(r.nextInt(READERS.size()));
        HttpTransport.Reply reply = reply(r);
        String why = Fuzz.seed(
                reader.getClass().getSimpleName() + " on HTTP " + reply.status() + " with a "
                        + reply.body().length() + "-char body",
                seed);
        Completion c;
        try {
            c = reply.status() / 100 == 2 ? reader.parse(reply) : reader.classify(reply);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(why + " threw " + e, e);
        }
        assertThat(c).as(why).isNotNull();
        assertThat(c.raw()).as(why).isNotNull();
        switch (c) {
            case Completion.Answered a -> {
                assertThat(a.text()).as(why).isNotNull();
                usageIsSane(a.usage(), why);
            }
            case Completion.Refused f -> {
                assertThat(f.reason()).as(why).isNotNull();
                usageIsSane(f.usage(), why);
            }
            case Completion.Failed f -> {
                assertThat(f.kind()).as(why).isNotNull();
                if (f.retryAfter() != null)
                    assertThat(f.retryAfter().isNegative()).as(why + ": wait").isFalse();
            }
        }
    }

    // Found by seed 992: Anthropic's three input counts were added with wrap-round, so giant counts became a negative
    // usage
    // (and a negative cost, lowering the day's recorded spend).
    @Test
    void reply_with_giant_token_counts_saturates_instead_of_going_negative() {
        String anthropic = """
                {"type":"message","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":9223372036854775807,"cache_read_input_tokens":9223372036854775807,"output_tokens":1e400}}""";
        Completion.Answered a =
                (Completion.Answered) READERS.get(4).parse(new HttpTransport.Reply(200, anthropic, null));
        assertThat(a.usage()).isEqualTo(new Usage(Long.MAX_VALUE, Long.MAX_VALUE, 0));
        String openai = """
                {"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":123456789012345678901234567890,"completion_tokens":-5}}""";
        Completion.Answered o = (Completion.Answered) READERS.get(0).parse(new HttpTransport.Reply(200, openai, null));
        assertThat(o.usage()).isEqualTo(new Usage(Long.MAX_VALUE, 0, 0));
    }

    private static void usageIsSane(Usage u, String why) {
        assertThat(u.inputTokens()).as(why + ": input tokens").isNotNegative();
        assertThat(u.outputTokens()).as(why + ": output tokens").isNotNegative();
        assertThat(u.reasoningTokens()).as(why + ": reasoning tokens").isNotNegative();
    }

    static HttpTransport.Reply reply(SplittableRandom r) {
        int status = STATUSES[r.nextInt(STATUSES.length)];
        String body = body(r);
        String retryAfterHeader = r.nextInt(3) == 0 ? header(r) : null;
        Map<String, List<String>> headers = new TreeMap<>();
        if (retryAfterHeader != null) headers.put("retry-after", List.of(retryAfterHeader));
        if (r.nextBoolean()) {
            headers.put("x-ratelimit-reset-requests", List.of(header(r)));
            headers.put("x-ratelimit-reset-tokens", List.of(header(r)));
            headers.put("x-ratelimit-remaining-requests", List.of(r.nextBoolean() ? "0" : header(r)));
        }
        return new HttpTransport.Reply(status, body, RetryAfter.parse(retryAfterHeader, CLOCK), headers);
    }

    private static String header(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> Fuzz.giantNumber(r);
            case 1 -> Fuzz.giantNumber(r) + Fuzz.pick(r, List.of("s", "ms", "m", "h", "m0s"));
            case 2 ->
                Fuzz.pick(
                        r,
                        List.of(
                                "Sat, 01 Mar 2025 12:00:30 GMT",
                                "Fri, 31 Dec 9999 23:59:59 GMT",
                                "Mon, 01 Jan 0001 00:00:00 GMT",
                                "Sun, 32 Mar 2025 99:00:00 GMT",
                                "NaN",
                                "Infinity",
                                "-Infinity",
                                "1e308",
                                "0x10"));
            case 3 -> Fuzz.ascii(r, r.nextInt(30));
            case 4 -> "9999999999999999h9999999999999m";
            default -> String.valueOf(r.nextInt(120));
        };
    }

    private static String body(SplittableRandom r) {
        String base = BODIES.get(r.nextInt(BODIES.size()));
        String body = switch (r.nextInt(10)) {
            case 0 -> Fuzz.utf8(r, r.nextInt(200));
            case 1 -> Fuzz.text(r, r.nextInt(300));
            case 2 -> "[".repeat(r.nextInt(5000)) + "]".repeat(r.nextInt(5000));
            default -> mutate(r, base);
        };
        if (r.nextInt(5) == 0 && !body.isEmpty()) body = body.substring(0, r.nextInt(body.length())); // truncated
        return body;
    }

    /** The body's JSON with a few values replaced, removed or added; the body itself if it is not JSON. */
    static String mutate(SplittableRandom r, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            return body;
        }
        if (root == null) return body;
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            if (containers.isEmpty()) break;
            JsonNode c = containers.get(r.nextInt(containers.size()));
            if (c instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(r.nextInt(names.size()));
                if (r.nextInt(4) == 0) o.remove(name);
                else o.set(name, hostileValue(r));
            } else if (c instanceof ArrayNode a && !a.isEmpty()) {
                a.set(r.nextInt(a.size()), hostileValue(r));
            } else if (c instanceof ObjectNode o) {
                o.set(Fuzz.ascii(r, 5), hostileValue(r));
            }
        }
        return root.toString();
    }

    private static void collect(JsonNode n, List<JsonNode> into) {
        if (!n.isContainerNode()) return;
        into.add(n);
        n.forEach(child -> collect(child, into));
    }

    private static JsonNode hostileValue(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(10)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(new BigInteger("9".repeat(1 + r.nextInt(300))));
            case 2 -> f.numberNode(r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
            case 3 -> f.numberNode(r.nextBoolean() ? -1 : Double.MAX_VALUE);
            case 4 -> f.textNode("x".repeat(r.nextInt(30) == 0 ? 2_000_000 : r.nextInt(10_000)));
            case 5 -> f.textNode(Fuzz.text(r, r.nextInt(100)));
            case 6 -> f.booleanNode(r.nextBoolean());
            case 7 -> f.arrayNode().add(f.objectNode().put("text", 1)).add(f.nullNode());
            case 8 -> f.objectNode().set("text", f.arrayNode());
            default ->
                f.textNode(Fuzz.pick(
                        r,
                        List.of(
                                "stop",
                                "length",
                                "content_filter",
                                "refusal",
                                "max_tokens",
                                "STOP",
                                "SAFETY",
                                "failed",
                                "completed",
                                "incomplete",
                                "error",
                                "text",
                                "thinking",
                                "message",
                                "output_text",
                                "reasoning",
                                "redacted_thinking",
                                "rate_limit_error",
                                "RESOURCE_EXHAUSTED",
                                "INVALID_ARGUMENT")));
        };
    }

    private static List<String> fixtureBodies() {
        try {
            Path root = Path.of(
                    ReplyParserFuzzTest.class.getResource("/fixtures/providers").toURI());
            try (Stream<Path> s = Files.walk(root)) {
                List<String> bodies = new ArrayList<>();
                for (Path p : s.filter(p -> p.getFileName().toString().equals("response.json"))
                        .sorted()
                        .toList()) {
                    bodies.add(Files.readString(p));
                }
                return bodies;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelConfig model(ProviderKind kind) {
        return new ModelConfig(
                "fuzz", kind, "fuzz-model", "http://127.0.0.1:9", "K", 1024, null, Price.FREE, true, 30, Map.of());
    }
}
