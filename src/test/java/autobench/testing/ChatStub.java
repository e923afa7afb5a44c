package autobench.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local OpenAI-compatible endpoint that counts what it receives. Never the internet. Use it in a
 * try-with-resources block, or as {@code @RegisterExtension ChatStub stub = new ChatStub();} to get
 * a fresh one per test, stopped after it.
 */
public final class ChatStub implements AutoCloseable, AfterEachCallback {
    public static final String PATH = "/v1/chat/completions";
    public final WireMockServer server;

    public ChatStub() {
        server = new WireMockServer(
                wireMockConfig().dynamicPort().containerThreads(40).jettyAcceptors(2));
        server.start();
    }

    public int port() {
        return server.port();
    }

    public static String answerJson(String html) {
        String content =
                "Here you go:\\n```html\\n" + html.replace("\"", "\\\"").replace("\n", "\\n") + "\\n```";
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764300000,"model":"stub-model-2026-01-01",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":340,"total_tokens":460}}""".formatted(content);
    }

    public static ResponseDefinitionBuilder ok() {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(answerJson(
                        "<!doctype html><canvas id=c></canvas><script>requestAnimationFrame(()=>{})</script>"));
    }

    public void answerAll(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    public int requests() {
        return server.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo(PATH)).build())
                .getCount();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }
}
