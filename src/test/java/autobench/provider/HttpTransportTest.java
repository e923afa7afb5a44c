package autobench.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
    static WireMockServer wire;
    final HttpTransport http = new HttpTransport(Clock.systemUTC(), Duration.ofSeconds(2));

    @BeforeAll
    static void start() {
        wire = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    private HttpTransport.Result post(URI uri, Duration timeout) {
        return http.postJson(uri, Map.of(), "{}", timeout);
    }

    @Test
    void a_refused_connection_is_connect_and_retriable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        var r = post(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), Duration.ofSeconds(2));
        assertThat(r).isInstanceOf(HttpTransport.Broken.class);
        Completion.Failed f = ((HttpTransport.Broken) r).failure();
        assertThat(f.kind()).isEqualTo(FailureKind.CONNECT);
        assertThat(f.kind().refusedBeforeWork()).isTrue();
    }

    @Test
    void a_connection_reset_after_sending_is_network_and_not_retriable() {
        wire.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var r = post(URI.create(wire.baseUrl() + "/x"), Duration.ofSeconds(2));
        Completion.Failed f = ((HttpTransport.Broken) r).failure();
        assertThat(f.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(f.kind().refusedBeforeWork()).isFalse();
    }

    @Test
    void a_body_that_trickles_past_the_deadline_times_out() {
        wire.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"choices\": [], \"padding\": \"" + "x".repeat(200) + "\"}")
                        .withChunkedDribbleDelay(20, 3000)));
        long start = System.nanoTime();
        var r = post(URI.create(wire.baseUrl() + "/x"), Duration.ofMillis(400));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(((HttpTransport.Broken) r).failure().kind()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void reply_headers_are_kept_with_lower_case_names() {
        wire.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("X-RateLimit-Reset-Tokens", "6m0s")
                        .withHeader("Retry-After", "3")
                        .withBody("{}")));
        var reply = ((HttpTransport.Received) post(URI.create(wire.baseUrl() + "/x"), Duration.ofSeconds(2))).reply();
        assertThat(reply.header("x-ratelimit-reset-tokens")).isEqualTo("6m0s");
        assertThat(reply.header("X-RATELIMIT-RESET-TOKENS")).isEqualTo("6m0s");
        assertThat(reply.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }
}
