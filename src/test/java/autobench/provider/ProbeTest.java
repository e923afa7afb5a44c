package autobench.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeTest {
    static WireMockServer wire;
    final HttpTransport http = new HttpTransport(Clock.systemUTC());
    final Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-probe-secret-123");

    @BeforeAll
    static void start() {
        wire = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    private ModelConfig model(String name) {
        return new ModelConfig(
                "gpt",
                ProviderKind.OPENAI,
                name,
                wire.baseUrl() + "/v1",
                "OPENAI_API_KEY",
                256,
                0.2,
                Price.FREE,
                true,
                10,
                Map.of());
    }

    private void serve(int status, String fixture) throws Exception {
        String body = Files.readString(Path.of(getClass()
                .getResource("/fixtures/providers/openai/" + fixture + "/response.json")
                .toURI()));
        wire.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @Test
    void an_accepted_model_reports_the_version_the_api_names() throws Exception {
        serve(200, "success_stop");
        Probe.Report r = Probe.run(model("gpt-4o"), env::get, http);
        assertThat(r.accepted()).isTrue();
        assertThat(r.outcome()).isEqualTo("answered");
        assertThat(r.modelVersion()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(r.latency()).isPositive();
        assertThat(r.hint()).isEqualTo("accepted");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void a_retired_model_id_gets_a_hint_that_says_so() throws Exception {
        serve(404, "model_not_found_404");
        Probe.Report r = Probe.run(model("gpt-4-0314"), env::get, http);
        assertThat(r.accepted()).isFalse();
        assertThat(r.failureKind()).isEqualTo(FailureKind.BAD_REQUEST);
        assertThat(r.httpStatus()).isEqualTo(404);
        assertThat(r.hint()).contains("model id 'gpt-4-0314' not found").contains("retired");
        assertThat(r.detail()).contains("model_not_found");
    }

    @Test
    void a_rejected_key_is_named_by_its_variable_never_by_its_value() throws Exception {
        serve(401, "auth_401");
        Probe.Report r = Probe.run(model("gpt-4o"), env::get, http);
        assertThat(r.failureKind()).isEqualTo(FailureKind.AUTH);
        assertThat(r.hint()).isEqualTo("key rejected — check the value of OPENAI_API_KEY");
        assertThat(r.toString()).doesNotContain("sk-probe-secret-123");
    }

    @Test
    void an_exhausted_quota_is_reported_as_billing() throws Exception {
        serve(429, "quota_exhausted_429_is_auth_not_retried");
        assertThat(Probe.run(model("gpt-4o"), env::get, http).hint()).startsWith("billing");
    }

    @Test
    void an_unset_key_variable_sends_nothing() {
        Probe.Report r = Probe.run(model("gpt-4o"), name -> null, http);
        assertThat(r.accepted()).isFalse();
        assertThat(r.hint()).contains("OPENAI_API_KEY is not set");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void a_local_model_whose_file_is_missing_says_to_check_model_path() {
        ModelConfig m = new ModelConfig(
                "l",
                ProviderKind.LOCAL,
                "tiny",
                null,
                null,
                16,
                null,
                Price.FREE,
                true,
                5,
                Map.of("model_path", "/nowhere/tiny.gguf"));
        Probe.Report r = Probe.run(m, env::get, http);
        assertThat(r.failureKind()).isEqualTo(FailureKind.BAD_REQUEST);
        assertThat(r.hint()).contains("options.model_path");
    }

    @Test
    void an_unreachable_endpoint_says_to_check_base_url() {
        ModelConfig m = new ModelConfig(
                "x",
                ProviderKind.OPENAI_COMPATIBLE,
                "m",
                "http://127.0.0.1:9/v1",
                null,
                16,
                null,
                Price.FREE,
                true,
                5,
                Map.of());
        Probe.Report r = Probe.run(m, env::get, http);
        assertThat(r.failureKind()).isEqualTo(FailureKind.CONNECT);
        assertThat(r.hint()).contains("base_url");
    }
}
