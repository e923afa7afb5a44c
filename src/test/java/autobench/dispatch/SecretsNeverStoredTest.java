package autobench.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A hostile or careless provider echoes our key back (OpenAI's 401 does, partly). After success and
 * after every failure kind, the key must be in no log line and no stored row.
 */
@Tag("slow")
class SecretsNeverStoredTest {
    static final String KEY = "sk-live-THIS-IS-A-SECRET-0123456789abcdef";

    @TempDir
    Path tmp;

    static Stream<Arguments> replies() {
        String echo = "{\"error\":{\"message\":\"Incorrect API key provided: {{request.headers.Authorization}}\"}}";
        List<Arguments> out = new ArrayList<>();
        for (Store s : Store.values()) {
            out.add(Arguments.of(s, "success", ChatStub.ok()));
            for (int status : new int[] {400, 401, 403, 404, 429, 500, 503, 529}) {
                out.add(Arguments.of(
                        s,
                        "http " + status,
                        aResponse().withStatus(status).withBody(echo).withTransformers("response-template")));
            }
            out.add(Arguments.of(
                    s,
                    "malformed",
                    aResponse()
                            .withStatus(200)
                            .withBody("{not json " + "{{request.headers.Authorization}}")
                            .withTransformers("response-template")));
            out.add(Arguments.of(
                    s,
                    "answer echoing the key",
                    aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(ChatStub.answerJson(
                                    "<canvas></canvas><script>const k='{{request.headers.Authorization}}'</script>"))
                            .withTransformers("response-template")));
            out.add(Arguments.of(s, "connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            out.add(Arguments.of(s, "timeout", ChatStub.ok().withFixedDelay(4_000)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("replies")
    void the_api_key_appears_in_no_log_line_and_no_stored_row(
            Store store, String name, ResponseDefinitionBuilder reply) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(reply);
            String yaml = (TestConfigs.base(store.freshUrl(tmp), 1)
                            + TestConfigs.stubModel("m", stub.port(), 2)
                                    .replace(
                                            "provider: openai-compatible",
                                            "provider: openai-compatible\n    api_key_env: STUB_KEY"))
                    .replace("max_attempts: 3", "max_attempts: 2")
                    .replace("retry_base_ms: 10", "retry_base_ms: 1");
            try (Assembly a = TestAssembly.of(TestConfigs.load(tmp, yaml, Map.of("STUB_KEY", KEY)))
                    .env(Map.of("STUB_KEY", KEY)::get)
                    .build()) {
                a.pipeline().dailyCycle().run(LocalDate.of(2026, 7, 7));
                assertThat(stub.server.getAllServeEvents())
                        .as("the key was really sent, in the header")
                        .allMatch(e -> e.getRequest().getHeader("Authorization").equals("Bearer " + KEY));
                for (String table : List.of("models", "tasks", "submissions", "provider_calls")) {
                    List<Map<String, Object>> rows = a.storage()
                            .database()
                            .jdbi()
                            .withHandle(h -> h.createQuery("SELECT * FROM " + table)
                                    .mapToMap()
                                    .list());
                    assertThat(rows).as("rows of %s", table).isNotEmpty();
                    for (Map<String, Object> row : rows) {
                        row.forEach((col, v) -> assertThat(String.valueOf(v))
                                .as("%s.%s", table, col)
                                .doesNotContain(KEY)
                                .doesNotContain("THIS-IS-A-SECRET"));
                    }
                }
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                            ? ""
                            : e.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain("THIS-IS-A-SECRET");
        }
    }
}
