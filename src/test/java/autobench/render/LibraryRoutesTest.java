package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.runtime.Libraries;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LibraryRoutesTest {
    final LibraryRoutes routes = LibraryRoutes.bundled();

    @Test
    void every_allowed_cdn_url_is_answered_from_the_bundled_copy() {
        for (var lib : Libraries.ALL) {
            assertThat(lib.urls()).hasSizeGreaterThanOrEqualTo(2);
            for (String url : lib.urls()) {
                var served = routes.lookup(url);
                assertThat(served).as(url).isPresent();
                assertThat(served.get().contentType()).startsWith("application/javascript");
                assertThat(served.get().body().length).as(url).isGreaterThan(10_000);
            }
        }
    }

    @Test
    void the_bundled_p5_is_the_version_its_url_names() {
        var p5 = routes.lookup("https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js").orElseThrow();
        assertThat(new String(p5.body(), 0, 400, StandardCharsets.UTF_8)).contains("p5.js v1.9.4");
    }

    @Test
    void a_query_string_or_fragment_does_not_change_the_answer() {
        assertThat(routes.lookup("https://unpkg.com/three@0.158.0/build/three.min.js?v=3#x")).isPresent();
    }

    @Test
    void any_other_url_is_not_answered() {
        assertThat(routes.lookup("https://cdn.jsdelivr.net/npm/p5@1.9.3/lib/p5.min.js")).isEmpty();
        assertThat(routes.lookup("https://evil.example/p5.min.js")).isEmpty();
        assertThat(routes.lookup("http://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js")).isEmpty();
    }
}
