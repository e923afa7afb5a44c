package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the sandbox origin serves an answer: guarded, only into frames, and a wrapper page for a tab. */
class SandboxSiteTest {

    @ParameterizedTest(name = "Sec-Fetch-Dest {0}, flag {1} -> framed {2}")
    @CsvSource(
            nullValues = "none",
            value = {
                "iframe, none, true",
                "frame, none, true",
                "iframe, 1, true",
                "document, none, false",
                "document, 1, false",
                "object, 1, false",
                "embed, none, false",
                "empty, 1, false",
                // Only a browser too old to send Sec-Fetch-Dest is trusted with the flag our pages add.
                "none, 1, true",
                "none, none, false",
                "none, 0, false",
                "'', 1, true"
            })
    void an_answer_is_served_only_into_frames(String fetchDest, String flag, boolean framed) {
        assertThat(SandboxSite.framed(fetchDest, flag)).isEqualTo(framed);
    }

    @ParameterizedTest(name = "query {0} -> flag {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "framed=1, 1",
                "a=b&framed=1, 1",
                "framed=10, none",
                "framed=1%ZZ, none",
                "%ZZ&framed=1, 1",
                "xframed=1, none",
                "none, none"
            })
    void the_framed_flag_is_read_from_the_raw_query(String query, String flag) {
        assertThat(SandboxSite.flag(query)).isEqualTo(flag);
    }

    @Test
    void the_guard_is_the_first_script_but_comes_after_the_doctype() {
        String page = SandboxSite.guarded("<!DOCTYPE html>\n<html><head><script>answer()</script>");
        assertThat(page)
                .startsWith("<!DOCTYPE html><script>")
                .contains("RTC")
                .endsWith("\n<html><head><script>answer()</script>");
        assertThat(page.indexOf("defineProperty")).isLessThan(page.indexOf("answer()"));
        assertThat(SandboxSite.guarded("\uFEFF <!-- made by a model --> <!doctype html><p>hi"))
                .startsWith("\uFEFF <!-- made by a model --> <!doctype html><script>");
        assertThat(SandboxSite.guarded("<canvas></canvas><script>answer()</script>"))
                .startsWith("<script>")
                .endsWith("<canvas></canvas><script>answer()</script>");
        assertThat(SandboxSite.guarded("<p>no doctype, then <!doctype html> later"))
                .startsWith("<script>");
    }

    @Test
    void srcdoc_attributes_are_taken_out_of_the_answers_markup() {
        assertThat(SandboxSite.guarded("<iframe srcdoc=\"<script>x()</script>\"></iframe>"))
                .doesNotContain(" srcdoc=")
                .contains("<iframe data-srcdoc-removed=\"<script>x()</script>\"></iframe>");
        assertThat(SandboxSite.guarded("<IFRAME\nSrcDoc = 'a'></IFRAME><iframe/srcdoc=b><iframe id=\"x\"srcdoc=c>"))
                .doesNotContainIgnoringCase("srcdoc =")
                .doesNotContainIgnoringCase("/srcdoc=")
                .doesNotContainIgnoringCase("\"srcdoc=");
        // Script that sets srcdoc is stopped in the browser by the Trusted Types policy, not here.
        String script = "<script>f.srcdoc = s; f.setAttribute('srcdoc', s)</script>";
        assertThat(SandboxSite.guarded(script)).contains(script);
    }

    @Test
    void the_wrapper_frames_the_answer_sandboxed_and_has_no_script_of_its_own() {
        String page = SandboxSite.wrapper("abc-DEF_1", "https://arena.example");
        assertThat(page)
                .contains("<iframe src=\"/run/abc-DEF_1?framed=1\"")
                .contains("sandbox=\"allow-scripts allow-pointer-lock\"")
                .contains("href=\"https://arena.example/\"")
                .doesNotContain("<script")
                .doesNotContain("allow-top-navigation")
                .doesNotContain("allow-popups")
                .doesNotContain("allow-same-origin");
        assertThat(SandboxSite.wrapper("\"><script>x</script>", "https://arena.example"))
                .doesNotContain("<script>x");
    }

    @Test
    @Tag("chromium")
    void a_tab_gets_the_wrapper_and_a_frame_gets_the_guarded_answer() throws Exception {
        WebFixture site = WebFixture.shared();
        String id = site.get("/api/v1/tasks/" + site.firstTaskId())
                .get("submissions")
                .get(1)
                .get("id")
                .asText();
        HttpResponse<String> tab = get(site.sandbox + "/run/" + id + "?framed=1", "document");
        assertThat(tab.body())
                .contains("<iframe src=\"/run/" + id + "?framed=1\"")
                .doesNotContain("<script");
        assertThat(tab.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-src " + site.sandbox + "/run/", "frame-ancestors 'none'")
                .doesNotContain("script-src");
        HttpResponse<String> frame = get(site.sandbox + "/run/" + id, "iframe");
        assertThat(frame.body())
                .startsWithIgnoringCase("<!doctype html><script>")
                .contains("RTC");
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("require-trusted-types-for 'script'; trusted-types default")
                .contains("frame-ancestors " + site.base + " " + site.sandbox);
        for (HttpResponse<String> r : List.of(tab, frame)) {
            assertThat(r.headers().firstValue("Vary").orElseThrow()).contains("Sec-Fetch-Dest");
        }
    }

    private static HttpResponse<String> get(String url, String fetchDest) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Sec-Fetch-Dest", fetchDest)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
