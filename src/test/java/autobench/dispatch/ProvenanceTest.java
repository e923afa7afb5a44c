package autobench.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.cycle.DailyCycle;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProvenanceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_dispatched_submission_records_what_it_was_sent_with_and_the_hash_of_the_prompt_actually_sent(Store store)
            throws Exception {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            String yaml = TestConfigs.base(store.freshUrl(tmp), 1) + """
                      - id: traced
                        provider: openai-compatible
                        model: stub-traced-7b
                        base_url: http://localhost:%d/v1
                        max_output_tokens: 1234
                        temperature: 0.25
                        timeout_seconds: 30
                        price: {input: 1.0, output: 2.0}
                        options:
                          headers: {X-Title: AutoBench, X-Trace-Token: do-not-store-me}
                    """.formatted(stub.port());
            Config c = TestConfigs.load(tmp, yaml, Map.of());
            try (Assembly a = TestAssembly.build(c)) {
                DailyCycle.Result r = a.pipeline().dailyCycle().run(LocalDate.of(2026, 3, 4));
                Submission s =
                        a.storage().submissions().forTask(r.tasks().get(0).id()).get(0);
                assertThat(s.status()).isEqualTo(SubmissionStatus.SUCCEEDED);

                Provenance p = a.storage().submissions().provenance(s.id()).orElseThrow();
                assertThat(p.provider()).isEqualTo("openai-compatible");
                assertThat(p.model()).isEqualTo("stub-traced-7b");
                assertThat(p.temperature()).isEqualTo(0.25);
                assertThat(p.maxOutputTokens()).isEqualTo(1234);
                assertThat(p.options()).contains("X-Trace-Token").doesNotContain("do-not-store-me");

                List<JsonNode> sent = stub.server.getAllServeEvents().stream()
                        .map(e -> read(e.getRequest().getBodyAsString()))
                        .toList();
                assertThat(sent).hasSize(1);
                JsonNode messages = sent.get(0).get("messages");
                String system = messages.get(0).get("content").asText(),
                        user = messages.get(1).get("content").asText();
                assertThat(user).isEqualTo(r.tasks().get(0).prompt());
                assertThat(p.promptSha256()).isEqualTo(sha256(system + "\0" + user));
                assertThat(sent.get(0).get("temperature").asDouble()).isEqualTo(p.temperature());
            }
        }
    }

    private static JsonNode read(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
