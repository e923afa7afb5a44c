package autobench.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.BundledFiles;
import autobench.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LibrariesTest {
    static final Pattern CDN = Pattern.compile("(?:https?:)?//("
            + String.join("|", Libraries.CDN_HOSTS.stream().map(Pattern::quote).toList()) + ")/");

    /** The expression pointAt was first written as: the reference for what it must point. */
    static String reference(String text, String origin) {
        Matcher m = CDN.matcher(text);
        if (!m.find()) return text;
        return m.replaceAll(r -> Matcher.quoteReplacement(origin + "/cdn/" + r.group(1) + "/"));
    }

    @Test
    void cdn_urls_with_or_without_a_scheme_point_at_the_origin() {
        String css = "@import url(https://fonts.googleapis.com/css?family=Roboto); a{b:url(//unpkg.com/x.png)}"
                + " c{d:url(http://cdn.jsdelivr.net/npm/a@1/b.woff2)} e{f:url(https://example.com/unpkg.com/g)}";
        assertThat(Libraries.pointAt(css, "http://sandbox:81"))
                .isEqualTo("@import url(http://sandbox:81/cdn/fonts.googleapis.com/css?family=Roboto);"
                        + " a{b:url(http://sandbox:81/cdn/unpkg.com/x.png)}"
                        + " c{d:url(http://sandbox:81/cdn/cdn.jsdelivr.net/npm/a@1/b.woff2)}"
                        + " e{f:url(https://example.com/unpkg.com/g)}")
                .isEqualTo(reference(css, "http://sandbox:81"));
    }

    @Test
    void text_with_nothing_to_point_comes_back_as_the_same_string() {
        String js = "// see unpkg.com for more\nconst a = 'https://example.com/'; // done";
        assertThat(Libraries.pointAt(js, "")).isSameAs(js);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void random_text_is_pointed_exactly_as_the_expression_points_it(long seed) {
        List<String> pieces = new ArrayList<>(List.of(
                "/",
                "//",
                "///",
                ":",
                "http",
                "https",
                "http:",
                "https:",
                "s",
                "h",
                "x",
                " ",
                "\n",
                ".",
                "'",
                "\"",
                "\uD83D\uDE00",
                "unpkg.co",
                "cdn."));
        pieces.addAll(Libraries.CDN_HOSTS);
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < 5_000; n++) {
            String text = Fuzz.pieces(r, pieces, 24);
            assertThat(Libraries.pointAt(text, "O")).as(text).isEqualTo(reference(text, "O"));
            assertThat(Libraries.pointAt(text, "")).as(text).isEqualTo(reference(text, ""));
        }
    }

    @Test
    void every_bundled_script_and_style_sheet_is_pointed_exactly_as_the_expression_points_it() throws IOException {
        List<Path> files = BundledFiles.where(p -> p.endsWith(".js") || p.endsWith(".css"));
        assertThat(files).hasSizeGreaterThan(1000);
        int pointed = 0;
        for (Path p : files) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String got = Libraries.pointAt(text, "");
            // the expression needs a host's name to match: without one, the same string must come back
            if (Libraries.CDN_HOSTS.stream().noneMatch(text::contains)) {
                assertThat(got).as(p.toString()).isSameAs(text);
                continue;
            }
            assertThat(got).as(p.toString()).isEqualTo(reference(text, ""));
            if (got != text) pointed++;
        }
        assertThat(pointed).as("files that name a CDN URL").isGreaterThan(10);
    }
}
