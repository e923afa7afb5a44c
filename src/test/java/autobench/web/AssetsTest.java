package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The site's static files: compressed once per process, however many sites the process starts. */
class AssetsTest {
    @Test
    void a_second_site_in_the_process_reuses_the_static_files_compressed_for_the_first() {
        Assets first = new Assets(null), second = new Assets(null);
        for (String name :
                new String[] {"site.css", "site.js", "htmx.min.js", "prism.css", "prism.js", "favicon.ico"}) {
            assertThat(first.entry(name)).as(name).isNotNull();
            assertThat(second.entry(name)).as(name).isSameAs(first.entry(name));
        }
        // and what is kept is the compressed file, at the static files' quality
        assertThat(first.entry("htmx.min.js").gzip()).isNotNull();
        assertThat(first.entry("htmx.min.js").gzip().length)
                .isLessThan(first.entry("htmx.min.js").body().length / 2);
    }
}
