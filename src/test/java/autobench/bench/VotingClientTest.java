package autobench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.testing.Store;
import autobench.vote.Refusal;
import autobench.web.Site;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The voting client of bench/load.sh: what it counts must be what the site did. */
@Tag("slow")
class VotingClientTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void every_vote_counted_as_accepted_is_stored_once_against_a_live_site(Store store) throws Exception {
        String url = store.freshUrl(tmp);
        try (Soak soak = new Soak(new Soak.Settings(url, 2, false, 2, 4, 2, 11L, false), tmp)) {
            soak.run(d -> {});
            Site site = Serving.start(
                    soak.arena.website(), new Config.Web(0, 0, null, null, true, 100, true, null), "127.0.0.1");
            try {
                VotingClient.Tally tally = new VotingClient.Tally();
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                new VotingClient(http, "http://127.0.0.1:" + site.port(), tally).run(8, Duration.ofSeconds(2), 3);

                long stored = VotingClient.stored(url, tally.acceptedByVisitor.keySet());
                assertThat(tally.accepted.get()).isPositive();
                assertThat(stored).isEqualTo(tally.accepted.get());
                assertThat(tally.acceptedByVisitor)
                        .as("each visitor kept its own cookie")
                        .hasSizeGreaterThan(1);
                assertThat(tally.serverErrors.get()).isZero();
                assertThat(tally.transportErrors.get()).isZero();
                assertThat(tally.refused).isEmpty();
                assertThat(tally.vote.count()).isEqualTo((int) tally.accepted.get());
                assertThat(tally.battle.count()).isGreaterThanOrEqualTo(tally.vote.count());
                // The soak stands in for rendering, so its answers have no picture: the battle page says so for each
                // side and shows no poster, and the visitor, like a browser, asks for none.
                assertThat(tally.poster.count()).isZero();
                assertThat(tally.posterMissing.get()).isZero();
                assertThat(tally.otherStatus.get()).isZero();
            } finally {
                site.close();
            }
        }
    }

    @Test
    void a_refusal_is_named_by_the_message_the_page_shows_even_when_escaped() {
        String body = "<div id=\"battle\"><p class=\"message\" role=\"status\">"
                + Refusal.OVER_VISITOR_CAP.message().replace("'", "&#39;") + "</p></div>";
        assertThat(VotingClient.reason(409, body)).isEqualTo("OVER_VISITOR_CAP");
        assertThat(VotingClient.reason(409, "<p class=\"message\" role=\"status\">Something new.</p>"))
                .isEqualTo("409 Something new.");
        assertThat(VotingClient.reason(403, "<html></html>")).isEqualTo("403 (no message)");
    }

    @Test
    void the_report_fails_when_accepted_and_stored_differ_or_a_5xx_was_seen() {
        VotingClient.Tally t = new VotingClient.Tally();
        t.accepted.set(5);
        assertThat(VotingClient.report(t, 5, 1, 1, quiet())).isTrue();
        assertThat(VotingClient.report(t, 4, 1, 1, quiet())).isFalse();
        t.serverErrors.set(1);
        assertThat(VotingClient.report(t, 5, 1, 1, quiet())).isFalse();
    }

    @Test
    void latency_quantiles_follow_the_nearest_rank_rule() {
        VotingClient.Histogram h = new VotingClient.Histogram();
        for (int i = 100; i >= 1; i--) h.add(i * 1000L);
        assertThat(h.quantile(0.50)).isEqualTo(50_000L);
        assertThat(h.quantile(0.99)).isEqualTo(99_000L);
        assertThat(h.quantile(1.0)).isEqualTo(100_000L);
        assertThat(new VotingClient.Histogram().quantile(0.5)).isZero();
    }

    @Test
    void the_p99_by_window_says_where_in_the_run_the_slow_answers_were() {
        VotingClient.Histogram h = new VotingClient.Histogram();
        for (int i = 0; i < 100; i++) h.add(400_000L, 1_000); // a slow first window
        for (int i = 0; i < 100; i++) h.add(5_000L, 6_000);
        for (int i = 0; i < 100; i++) h.add(i == 99 ? 90_000L : 7_000L, 12_000);
        assertThat(h.p99ByWindow(5000)).containsExactly(400.0, 5.0, 7.0);
        assertThat(h.quantile(0.99)).isEqualTo(400_000L);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void the_visitor_asks_for_the_posters_the_battle_page_shows_and_no_others() {
        String page =
                "<div class=\"stage\"><a class=\"run\" href=\"x\"><img src=\"/p/AbC-1_x\" width=\"800\"></a></div>"
                        + "<div class=\"stage\"><a class=\"run\" href=\"y\"><span class=\"no-picture\">No picture</span></a></div>"
                        + "<input type=\"hidden\" name=\"left\" value=\"AbC-1_x\"><input type=\"hidden\" name=\"right\" value=\"ZzZ\">";
        assertThat(VotingClient.postersShown(page)).containsExactly("AbC-1_x");
        assertThat(VotingClient.postersShown("<img src=\"/a/sha\">")).isEmpty();
    }
}
