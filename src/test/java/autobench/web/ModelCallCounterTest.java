package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** /methodology and /api/v1/stats: calls made for visitors (always 0) apart from the process's own schedule's calls. */
class ModelCallCounterTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_schedules_calls_are_shown_apart_and_visitors_cause_none() throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = TestConfigs.load(
                tmp,
                TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("a", stub.port(), 30)
                        + TestConfigs.stubModel("b", stub.port(), 30) + "web:\n  port: 0\n  sandbox_port: 0\n",
                Map.of());
        try (Assembly a = TestAssembly.of(c).clock(Clock.systemUTC()).build();
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            a.pipeline()
                    .dailyCycle()
                    .run(LocalDate.now(Clock.systemUTC())); // the process's own schedule: 2 tasks × 2 models
            for (String path : new String[] {"/", "/archive", "/leaderboard", "/battle", "/api/v1/days"})
                get(site, path);
            JsonNode stats =
                    new ObjectMapper().readTree(get(site, "/api/v1/stats").body());
            assertThat(stats.get("model_calls_since_start").asLong()).isZero();
            assertThat(stats.get("other_model_calls_since_start").asLong())
                    .isEqualTo(4)
                    .isEqualTo(stub.requests());
            String page = get(site, "/methodology").body();
            assertThat(page)
                    .contains("<strong id=\"model-calls\">0</strong> model calls made for visitors")
                    .contains("<strong id=\"other-model-calls\">4</strong> other model calls by this process");
            assertThat(a.storage().visitorCalls().get()).isZero();
            assertThat(a.storage().otherCalls())
                    .isEqualTo(a.storage().providerCalls().get())
                    .isEqualTo(4);
        }
    }

    HttpResponse<String> get(Site site, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
