package autobench.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;

/** The two halves of a wire check: what went out, and what the adapter made of what came back. */
final class WireAssertions {
    private WireAssertions() {}

    static void request(LoggedRequest sent, JsonNode expected, String key) {
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl())
                .as("the key must never travel in the URL")
                .doesNotContain(key)
                .doesNotContain("key=");
        if (expected.has("path"))
            assertThat(sent.getUrl())
                    .as("request path")
                    .isEqualTo(expected.get("path").asText());
        expected.path("headers")
                .properties()
                .forEach(h -> assertThat(sent.getHeader(h.getKey()))
                        .as("header " + h.getKey())
                        .isEqualTo(h.getValue().asText().replace("${KEY}", key)));
        expected.path("absentHeaders")
                .forEach(h -> assertThat(sent.containsHeader(h.asText()))
                        .as("header " + h.asText() + " must not be sent")
                        .isFalse());
        JsonNode body;
        try {
            body = WireFixture.JSON.readTree(sent.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError("request body is not JSON: " + sent.getBodyAsString(), e);
        }
        assertThat(body.toString()).as("the key must never travel in the body").doesNotContain(key);
        if (expected.has("body")) subset("body", expected.get("body"), body);
        expected.path("absentBody")
                .forEach(ptr -> assertThat(body.at(ptr.asText()).isMissingNode())
                        .as("body field " + ptr.asText() + " must not be sent, body was " + body)
                        .isTrue());
    }

    /** Every field of {@code want} is in {@code got} with the same value; arrays match element by element. */
    static void subset(String where, JsonNode want, JsonNode got) {
        if (want.isObject()) {
            assertThat(got.isObject())
                    .as(where + " should be an object: " + got)
                    .isTrue();
            want.properties().forEach(e -> {
                assertThat(got.has(e.getKey()))
                        .as(where + "." + e.getKey() + " missing in " + got)
                        .isTrue();
                subset(where + "." + e.getKey(), e.getValue(), got.get(e.getKey()));
            });
        } else if (want.isArray()) {
            assertThat(got.isArray() && got.size() == want.size())
                    .as(where + " should be " + want + " but was " + got)
                    .isTrue();
            for (int i = 0; i < want.size(); i++) subset(where + "[" + i + "]", want.get(i), got.get(i));
        } else if (want.isNumber()) {
            assertThat(got.isNumber() && got.decimalValue().compareTo(want.decimalValue()) == 0)
                    .as(where + " = " + got + ", want " + want)
                    .isTrue();
        } else {
            assertThat(got).as(where).isEqualTo(want);
        }
    }

    static void completion(Completion c, JsonNode want, String servedBody) {
        String outcome = want.path("outcome").asText();
        switch (c) {
            case Completion.Answered a -> {
                assertThat(outcome).as("outcome, got " + c).isEqualTo("answered");
                if (want.has("text"))
                    assertThat(a.text()).isEqualTo(want.get("text").asText());
                if (want.has("textContains"))
                    assertThat(a.text()).contains(want.get("textContains").asText());
                assertThat(a.reasoning())
                        .as("reasoning")
                        .isEqualTo(want.path("reasoning").asText(""));
                assertThat(a.finish().name())
                        .as("finish")
                        .isEqualTo(want.path("finish").asText());
                if (want.has("modelVersion"))
                    assertThat(a.modelVersion())
                            .isEqualTo(want.get("modelVersion").asText());
                usage(a.usage(), want);
            }
            case Completion.Refused r -> {
                assertThat(outcome).as("outcome, got " + c).isEqualTo("refused");
                assertThat(r.reason()).contains(want.path("reasonContains").asText(""));
                if (want.has("modelVersion"))
                    assertThat(r.modelVersion())
                            .isEqualTo(want.get("modelVersion").asText());
                usage(r.usage(), want);
            }
            case Completion.Failed f -> {
                assertThat(outcome).as("outcome, got " + c).isEqualTo("failed");
                assertThat(f.kind().name())
                        .as("failure kind, message: " + f.message())
                        .isEqualTo(want.path("kind").asText());
                assertThat(f.httpStatus())
                        .as("http status")
                        .isEqualTo(want.path("httpStatus").asInt(0));
                JsonNode ra = want.get("retryAfterSeconds");
                Duration expected = ra == null || ra.isNull() ? null : Duration.ofMillis((long) (ra.asDouble() * 1000));
                assertThat(f.retryAfter()).as("retryAfter").isEqualTo(expected);
                assertThat(f.message()).contains(want.path("messageContains").asText(""));
            }
        }
        if (want.path("rawIsBody").asBoolean(true))
            assertThat(c.raw()).as("raw reply kept verbatim").isEqualTo(servedBody);
    }

    private static void usage(Usage u, JsonNode want) {
        if (!want.has("usage")) return;
        JsonNode w = want.get("usage");
        assertThat(new long[] {u.inputTokens(), u.outputTokens(), u.reasoningTokens()})
                .as("usage in/out/reasoning")
                .containsExactly(
                        w.path("input").asLong(),
                        w.path("output").asLong(),
                        w.path("reasoning").asLong());
    }
}
