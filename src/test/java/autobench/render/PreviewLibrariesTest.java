package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.render.PreviewLibraries.Prepared;
import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The libraries as previews get them: path-absolute library URLs, and compressed forms made by the build. */
class PreviewLibrariesTest {
    static PreviewLibraries previews;
    static List<Prepared> kept;

    @BeforeAll
    static void load() {
        Brotli4jLoader.ensureAvailability();
        previews = PreviewLibraries.bundled();
        Map<String, Prepared> unique = new HashMap<>();
        previews.keptFiles().forEach(p -> unique.putIfAbsent(p.sha(), p));
        kept = List.copyOf(unique.values());
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static byte[] unbrotli(byte[] br) throws IOException {
        return Decoder.decompress(br).getDecompressedData();
    }

    @Test
    void every_compressed_form_of_every_library_file_decodes_to_the_body_it_is_named_for() throws IOException {
        int checked = 0;
        for (Prepared p : kept) {
            if (p.gzip()) {
                assertThat(gunzip(PreviewLibraries.gzip(p.sha()))).as(p.sha()).isEqualTo(p.body());
                checked++;
            }
            if (p.br()) {
                assertThat(unbrotli(PreviewLibraries.brotli(p.sha())))
                        .as(p.sha())
                        .isEqualTo(p.body());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2_000);
    }

    @Test
    void every_compressible_kept_file_has_a_brotli_and_a_gzip_form_and_fonts_have_none() {
        for (Prepared p : kept) {
            boolean compressible = PreviewLibraries.compressible(p.body(), p.contentType());
            assertThat(p.gzip()).as(p.sha() + " " + p.contentType()).isEqualTo(compressible);
            assertThat(p.br()).as(p.sha() + " " + p.contentType()).isEqualTo(compressible);
        }
        assertThat(kept).anyMatch(p -> p.contentType().equals("font/woff2") && !p.gzip() && !p.br());
    }

    @Test
    void the_big_builds_are_sent_at_a_fraction_of_their_size() {
        Prepared p5 = previews.lookup("https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js")
                .orElseThrow();
        Prepared babel = previews.lookup("https://unpkg.com/@babel/standalone@7.26.4/babel.min.js")
                .orElseThrow();
        for (Prepared p : List.of(p5, babel)) {
            assertThat(PreviewLibraries.brotli(p.sha()).length).isLessThan(p.body().length / 4);
            assertThat(PreviewLibraries.gzip(p.sha()).length).isLessThan(p.body().length / 3);
        }
    }

    @Test
    void library_urls_inside_library_files_point_at_the_sandbox_path_absolutely() {
        String reexport = new String(
                previews.lookup("https://unpkg.com/three@0.160.1/build/three.module.js")
                        .orElseThrow()
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(reexport)
                .contains("from \"/cdn/cdn.jsdelivr.net/npm/three@0.160.1/build/three.module.js\"")
                .doesNotContain("https://");
        String addon = new String(
                previews.lookup("https://cdn.jsdelivr.net/npm/three@0.160.1/examples/jsm/loaders/GLTFLoader.js")
                        .orElseThrow()
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(addon.length()).as("larger than the old 64 KB rewrite limit").isGreaterThan(64 * 1024);
        assertThat(addon)
                .contains("from '/cdn/cdn.jsdelivr.net/npm/three@0.160.1/build/three.module.js'")
                .doesNotContain("from 'three'", "https://cdn.jsdelivr.net");
    }

    @Test
    void a_body_without_library_urls_is_the_renderers_body_itself() {
        byte[] body = "console.log(1)".getBytes(StandardCharsets.UTF_8);
        assertThat(PreviewLibraries.previewForm(body, "application/javascript; charset=utf-8"))
                .isSameAs(body);
        byte[] font = "//unpkg.com/x".getBytes(StandardCharsets.UTF_8);
        assertThat(PreviewLibraries.previewForm(font, "font/woff2")).isSameAs(font);
    }
}
