package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The page cache without a server: when it renders, and when it asks the database. */
class PageCacheTest {
    final AtomicLong now = new AtomicLong(1_000);
    final AtomicLong data = new AtomicLong(7);
    final AtomicLong versionQueries = new AtomicLong();
    final AtomicLong renders = new AtomicLong();

    DataVersion version(long intervalMs) {
        return new DataVersion(() -> {
            versionQueries.incrementAndGet();
            return data.get();
        }, now::get, intervalMs);
    }

    Response render() {
        renders.incrementAndGet();
        return Response.html("<p>" + "page ".repeat(100) + data.get() + "</p>");
    }

    @Test
    void an_unchanged_page_is_rendered_once_and_asks_the_database_at_most_once_per_interval() {
        PageCache cache = new PageCache(version(1_000), true);
        for (int i = 0; i < 1_000; i++) cache.entry("/", this::render);
        assertThat(renders.get()).isEqualTo(1);
        assertThat(versionQueries.get()).isEqualTo(1);
        now.addAndGet(1_000);
        cache.entry("/", this::render);
        assertThat(versionQueries.get()).isEqualTo(2);
        assertThat(renders.get()).isEqualTo(1);
    }

    @Test
    void changed_data_re_renders_on_the_next_check_and_a_vote_makes_the_check_immediate() {
        DataVersion v = version(60_000);
        PageCache cache = new PageCache(v, true);
        String before = cache.entry("/leaderboard", this::render).etag();
        data.incrementAndGet();
        assertThat(cache.entry("/leaderboard", this::render).etag()).isEqualTo(before); // not asked yet
        v.changed();
        PageCache.Entry after = cache.entry("/leaderboard", this::render);
        assertThat(after.etag()).isNotEqualTo(before);
        assertThat(renders.get()).isEqualTo(2);
    }

    @Test
    void large_text_is_kept_gzipped_and_the_etag_follows_the_bytes_not_the_version() {
        PageCache.Entry a = PageCache.build(1, Response.html("x".repeat(1_000)));
        PageCache.Entry b = PageCache.build(2, Response.html("x".repeat(1_000)));
        assertThat(a.gzip()).isNotNull();
        assertThat(a.gzip().length).isLessThan(100);
        assertThat(a.etag()).isEqualTo(b.etag());
        assertThat(PageCache.build(1, Response.html("tiny")).gzip()).isNull();
    }

    @Test
    void kept_entries_carry_brotli_and_answers_sent_once_do_not() {
        String page = "<p>" + "arena ".repeat(500) + "</p>";
        PageCache.Entry kept = PageCache.build(1, Response.html(page));
        assertThat(kept.br()).isNotNull();
        assertThat(kept.br().length).isLessThan(kept.gzip().length + 1);
        assertThat(kept.coding("gzip, br")).isEqualTo(Encodings.Coding.BR);
        PageCache.Entry once = PageCache.once(Response.html(page));
        assertThat(once.br()).isNull();
        assertThat(once.coding("gzip, br")).isEqualTo(Encodings.Coding.GZIP);
        assertThat(once.etag()).isEqualTo(kept.etag());
    }

    @Test
    void with_caching_off_every_request_renders_and_asks() {
        PageCache cache = new PageCache(version(0), false);
        for (int i = 0; i < 5; i++) cache.entry("/", this::render);
        assertThat(renders.get()).isEqualTo(5);
        assertThat(versionQueries.get()).isEqualTo(5);
    }
}
