package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.render.PreviewLibraries;
import autobench.runtime.Libraries;
import autobench.wiring.Website;
import com.aayushatharva.brotli4j.decoder.Decoder;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sandbox's library answers over HTTP: the form each client accepts, its headers, and its validators. */
class SandboxLibrariesHttpTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String P5 = "/cdn/cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js";
    static Javalin server;
    static String base;

    @BeforeAll
    static void start() {
        LibraryLookup lookup = Website.libraryLookup(PreviewLibraries.bundled()); // as the website wires it
        Origins origins = new Origins("http://main.test", "http://sandbox.test", false);
        server = new SandboxSite(null, Keys.random(), lookup, origins)
                .create("127.0.0.1")
                .start(0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] decoded(HttpResponse<byte[]> r) throws IOException {
        Optional<String> coding = r.headers().firstValue("Content-Encoding");
        if (coding.isEmpty()) return r.body();
        if (coding.get().equals("br")) return Decoder.decompress(r.body()).getDecompressedData();
        assertThat(coding).contains("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            return in.readAllBytes();
        }
    }

    static void cachedForAYearAndVaryingByEncoding(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(r.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(r.headers().firstValue("Content-Length")).contains(Integer.toString(r.body().length));
        assertThat(r.headers().firstValue("ETag").orElseThrow()).matches("\"[0-9a-f]{32}(-br|-gz)?\"");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void a_browser_accepting_brotli_gets_the_brotli_form_which_decodes_to_the_library() throws Exception {
        HttpResponse<byte[]> plain = get(P5);
        HttpResponse<byte[]> br = get(P5, "Accept-Encoding", "gzip, deflate, br, zstd");
        cachedForAYearAndVaryingByEncoding(br);
        assertThat(br.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(br.headers().firstValue("ETag").orElseThrow()).endsWith("-br\"");
        assertThat(br.body().length).isLessThan(plain.body().length / 4);
        assertThat(decoded(br)).isEqualTo(plain.body());
    }

    @Test
    void a_client_without_brotli_gets_gzip_and_one_refusing_brotli_too() throws Exception {
        HttpResponse<byte[]> plain = get(P5);
        for (String accept : List.of("gzip, deflate", "br;q=0, gzip", "gzip;q=0.5, *;q=0.1, br;q=0")) {
            HttpResponse<byte[]> gz = get(P5, "Accept-Encoding", accept);
            cachedForAYearAndVaryingByEncoding(gz);
            assertThat(gz.headers().firstValue("Content-Encoding")).as(accept).contains("gzip");
            assertThat(gz.headers().firstValue("ETag").orElseThrow()).endsWith("-gz\"");
            assertThat(decoded(gz)).isEqualTo(plain.body());
        }
    }

    @Test
    void a_client_accepting_neither_gets_the_library_as_it_is() throws Exception {
        for (String accept : List.of("identity", "deflate", "gzip;q=0, br;q=0")) {
            HttpResponse<byte[]> r = get(P5, "Accept-Encoding", accept);
            cachedForAYearAndVaryingByEncoding(r);
            assertThat(r.headers().firstValue("Content-Encoding")).as(accept).isEmpty();
            assertThat(new String(r.body(), 0, 400)).contains("p5.js v1.9.4");
        }
        HttpResponse<byte[]> none = get(P5);
        cachedForAYearAndVaryingByEncoding(none);
        assertThat(none.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(none.body().length).isGreaterThan(1_000_000);
    }

    @Test
    void each_form_answers_304_to_its_own_tag_and_only_to_it() throws Exception {
        HttpResponse<byte[]> br = get(P5, "Accept-Encoding", "br");
        HttpResponse<byte[]> gz = get(P5, "Accept-Encoding", "gzip");
        String brTag = br.headers().firstValue("ETag").orElseThrow();
        String gzTag = gz.headers().firstValue("ETag").orElseThrow();
        assertThat(brTag).isNotEqualTo(gzTag);
        HttpResponse<byte[]> again = get(P5, "Accept-Encoding", "br", "If-None-Match", brTag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(brTag);
        assertThat(again.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(get(P5, "Accept-Encoding", "br", "If-None-Match", "W/" + brTag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get(P5, "Accept-Encoding", "br", "If-None-Match", gzTag).statusCode())
                .isEqualTo(200);
    }

    @Test
    void fonts_and_small_files_go_as_they_are_whatever_the_client_accepts() throws Exception {
        HttpResponse<byte[]> font = get(
                "/cdn/cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.2/webfonts/fa-solid-900.woff2",
                "Accept-Encoding",
                "br, gzip");
        cachedForAYearAndVaryingByEncoding(font);
        assertThat(font.headers().firstValue("Content-Type")).contains("font/woff2");
        assertThat(font.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> reexport =
                get("/cdn/unpkg.com/three@0.160.1/build/three.module.js", "Accept-Encoding", "br, gzip");
        cachedForAYearAndVaryingByEncoding(reexport);
        assertThat(reexport.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(reexport.body())).contains("\"/cdn/cdn.jsdelivr.net/npm/three@0.160.1/");
    }

    @Test
    void libraries_are_open_to_the_answers_opaque_origin() throws Exception {
        // a sandboxed answer's module imports, fonts and <script crossorigin> are CORS requests from "null"
        HttpResponse<byte[]> r = get(
                "/cdn/cdn.jsdelivr.net/npm/three@0.160.1/build/three.module.js",
                "Origin",
                "null",
                "Accept-Encoding",
                "br");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void the_preview_policy_takes_style_sheets_and_fonts_only_from_the_sandboxs_copies() throws Exception {
        String csp = get(P5).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("style-src 'unsafe-inline' http://sandbox.test/cdn/;")
                .contains("font-src data: http://sandbox.test/cdn/;")
                .contains("connect-src 'none'");
    }

    /** Every kept version of every library, by its entry file. */
    static Stream<String> sample() {
        List<String> urls = new ArrayList<>();
        for (Libraries.Library lib : Libraries.SERVED) {
            for (Libraries.Bundle b : lib.bundles()) {
                String file = b.classic() != null
                        ? b.classic()
                        : b.module() != null ? b.module() : b.files().getFirst();
                if (!file.endsWith("/"))
                    urls.add("/cdn/cdn.jsdelivr.net/npm/" + lib.npmPackage() + "@" + b.version() + "/" + file);
            }
        }
        return urls.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void every_library_decodes_to_the_same_bytes_in_each_encoding(String path) throws Exception {
        HttpResponse<byte[]> plain = get(path);
        assertThat(plain.statusCode()).as(path).isEqualTo(200);
        for (String accept : List.of("br", "gzip")) {
            HttpResponse<byte[]> r = get(path, "Accept-Encoding", accept);
            cachedForAYearAndVaryingByEncoding(r);
            assertThat(decoded(r)).as(path + " " + accept).isEqualTo(plain.body());
        }
    }
}
