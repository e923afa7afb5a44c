package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The page cache without a server: when it renders, and when it asks the database. */
class PageCacheTest {
    final AtomicLong now = new AtomicLong(1_000);
    final AtomicLong data = new AtomicLong(7);
    final AtomicLong versionQueries = new AtomicLong();
    final AtomicLong renders = new AtomicLong();

    DataVersion version(long intervalMs) {
        return new DataVersion(
                () -> {
                    versionQueries.incrementAndGet();
                    return data.get();
                },
                now::get,
                intervalMs,
                Runnable::run); // the read aside happens in the caller: each step below is exact
    }

    /** A render that says it started, then waits until released (or interrupted). */
    static void holdUntil(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * Past its interval the version is read aside, once, and nobody waits for it: a request meanwhile goes on
     * with the version it has (the fast path too). Before, every request waited on the one that asked.
     */
    @Test
    void a_version_due_for_its_check_is_read_aside_once_while_every_request_goes_on() throws Exception {
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicLong reads = new AtomicLong();
        DataVersion v = new DataVersion(
                () -> {
                    if (reads.incrementAndGet() > 1) holdUntil(started, release); // the first read is the initial one
                    return data.get();
                },
                now::get,
                1_000);
        assertThat(v.current()).isEqualTo(7);
        data.set(8);
        now.addAndGet(1_000);
        assertThat(v.current()).as("the old version, at once").isEqualTo(7);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(v.current()).isEqualTo(7);
            assertThat(v.ifFresh()).isEqualTo(7);
        }
        assertThat(reads.get()).as("one read aside, however many requests").isEqualTo(2);
        release.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (v.ifFresh() != 8 && System.nanoTime() < until) Thread.sleep(5);
        assertThat(v.current()).isEqualTo(8);
        assertThat(reads.get()).isEqualTo(2);
    }

    /** A site idle for two intervals reads the version before answering: the first visitor after a quiet spell sees current data. */
    @Test
    void a_version_left_unread_for_two_intervals_is_read_before_answering() {
        AtomicLong reads = new AtomicLong();
        DataVersion v = new DataVersion(
                () -> {
                    reads.incrementAndGet();
                    return data.get();
                },
                now::get,
                1_000,
                r -> {
                    throw new AssertionError("not read aside");
                });
        assertThat(v.current()).isEqualTo(7);
        data.set(9);
        now.addAndGet(2_000);
        assertThat(v.ifFresh()).as("the fast path leaves it to the handlers").isEqualTo(DataVersion.UNKNOWN);
        assertThat(v.current()).isEqualTo(9);
        assertThat(reads.get()).isEqualTo(2);
    }

    /** A read aside that began before a change was announced does not bring back the version the change replaced. */
    @Test
    void a_read_aside_that_began_before_a_change_does_not_undo_it() throws Exception {
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1), done = new CountDownLatch(1);
        AtomicLong reads = new AtomicLong();
        DataVersion v = new DataVersion(
                () -> {
                    long seen = data.get(); // what the database said when the read began
                    if (reads.incrementAndGet() == 2) holdUntil(started, release);
                    return seen;
                },
                now::get,
                1_000,
                r -> Thread.ofVirtual().start(() -> {
                    r.run();
                    done.countDown();
                }));
        assertThat(v.current()).isEqualTo(7);
        now.addAndGet(1_500);
        assertThat(v.current()).isEqualTo(7); // the read aside begins, and sees 7
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        data.set(10);
        v.changed(); // a vote that counts publicly, while the read is out
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(v.ifFresh()).as("still due: the old read did not count").isEqualTo(DataVersion.UNKNOWN);
        assertThat(v.current()).isEqualTo(10);
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

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                            | ''",
                "''                              | ''",
                "page=2                          | ?page=2",
                "x=1&page=2                      | ?page=2",
                "page=2&page=3                   | ?page=2",
                "to=2026-01-31&from=2026-01-01   | ?from=2026-01-01&to=2026-01-31",
                "utm_source=ad&fbclid=abc        | ''",
                "category=game&junk&pool=real    | ?category=game&pool=real",
                "page                            | ''",
                "page=&category=                 | ''",
                "category=%20game+               | ?category=game",
                "category=nope                   | NULL",
                "category=g%61me                 | ?category=game",
                "from=2026-01-01&x=%zz           | ?from=2026-01-01",
            })
    void invented_query_parameters_share_one_cache_key(String raw, String expected) {
        assertThat(PageCache.canonicalQuery(ALL_PARAMETERS, raw)).isEqualTo(expected);
    }

    /** Every query parameter some route reads, in the order {@link Param} lists them. */
    static final List<Param> ALL_PARAMETERS = Param.queryParams(EnumSet.allOf(Param.class));

    @Test
    void a_parameter_the_route_does_not_read_is_left_out_of_its_key() {
        List<Param> leaderboard = Param.queryParams(Set.of(Param.CATEGORY, Param.FROM, Param.TO));
        assertThat(PageCache.canonicalQuery(leaderboard, "page=7&pool=x&category=game"))
                .isEqualTo("?category=game");
        assertThat(PageCache.canonicalQuery(List.of(), "page=7")).isEmpty();
    }

    @Test
    void the_conditional_and_encoded_reply_is_decided_in_one_place() {
        PageCache.Entry page = PageCache.build(1, Response.html("x".repeat(1_000)));
        assertThat(PageCache.reply(page, page.etag(), "gzip")).isInstanceOf(PageCache.Reply.NotModified.class);
        assertThat(PageCache.reply(page, "\"other\", W/" + page.etag(), null))
                .isInstanceOf(PageCache.Reply.NotModified.class);
        assertThat(PageCache.reply(page, "\"other\"", "gzip, br"))
                .isEqualTo(new PageCache.Reply.Full(200, Encodings.Coding.BR, "br"));
        assertThat(PageCache.reply(page, null, "br;q=0, gzip"))
                .isEqualTo(new PageCache.Reply.Full(200, Encodings.Coding.GZIP, "gzip"));
        assertThat(PageCache.reply(page, null, null))
                .isEqualTo(new PageCache.Reply.Full(200, Encodings.Coding.IDENTITY, null));
        PageCache.Entry missing = PageCache.build(1, Response.of(404, Response.HTML, "y".repeat(1_000)));
        assertThat(PageCache.reply(missing, missing.etag(), null))
                .as("only a 200 is ever 'not modified'")
                .isEqualTo(new PageCache.Reply.Full(404, Encodings.Coding.IDENTITY, null));
    }

    @Test
    void random_query_strings_render_a_page_once() {
        PageCache cache = new PageCache(version(1_000), true);
        for (int i = 0; i < 500; i++) {
            cache.entry("/leaderboard" + PageCache.canonicalQuery(ALL_PARAMETERS, "nocache=" + i), this::render);
        }
        assertThat(renders.get()).isEqualTo(1);
    }

    @Test
    void renders_beyond_the_limit_wait_and_never_run_more_than_the_limit_at_once() throws Exception {
        PageCache cache = new PageCache(version(0), false);
        AtomicInteger running = new AtomicInteger(), most = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(PageCache.RENDERS_AT_ONCE * 3)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < PageCache.RENDERS_AT_ONCE * 3; i++) {
                all.add(pool.submit(() -> cache.entry("/p", () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        go.await();
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return Response.html("x");
                })));
            }
            Thread.sleep(200);
            assertThat(running.get()).isEqualTo(PageCache.RENDERS_AT_ONCE);
            go.countDown();
            for (var f : all) f.get();
        }
        assertThat(most.get()).isEqualTo(PageCache.RENDERS_AT_ONCE);
    }

    @Test
    void a_render_that_cannot_get_a_turn_in_time_is_refused_as_busy_and_nothing_is_cached() throws Exception {
        PageCache cache = new PageCache(version(1_000), true, 100);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(PageCache.RENDERS_AT_ONCE);
        try (var pool = Executors.newFixedThreadPool(PageCache.RENDERS_AT_ONCE)) {
            for (int i = 0; i < PageCache.RENDERS_AT_ONCE; i++) {
                int n = i;
                pool.submit(() -> cache.entry("/slow" + n, () -> {
                    holdUntil(started, release);
                    return Response.html("slow");
                }));
            }
            started.await();
            assertThatThrownBy(() -> cache.entry("/other", this::render))
                    .isInstanceOf(PageCache.Busy.class)
                    .hasMessageContaining("try again");
            assertThat(renders.get()).isZero();
            assertThat(cache.current("/other")).isNull();
            release.countDown();
        }
        assertThat(cache.entry("/other", this::render)).isNotNull();
        assertThat(renders.get()).isEqualTo(1);
    }

    @Test
    void the_fast_path_never_asks_the_database_and_leaves_a_due_version_check_to_a_read_aside() {
        List<Runnable> aside = new ArrayList<>();
        PageCache cache = new PageCache(
                new DataVersion(
                        () -> {
                            versionQueries.incrementAndGet();
                            return data.get();
                        },
                        now::get,
                        1_000,
                        aside::add),
                true);
        PageCache.Entry page = cache.entry("/leaderboard", this::render);
        assertThat(versionQueries.get()).isEqualTo(1);
        for (int i = 0; i < 100; i++) assertThat(cache.current("/leaderboard")).isSameAs(page);
        now.addAndGet(999);
        assertThat(cache.current("/leaderboard")).isSameAs(page);
        now.addAndGet(1); // due: the fast path answers with what it has and only starts the read, which runs aside
        assertThat(cache.current("/leaderboard")).isSameAs(page);
        assertThat(cache.current("/leaderboard")).isSameAs(page);
        assertThat(versionQueries.get()).isEqualTo(1);
        assertThat(aside).hasSize(1);
        aside.remove(0).run(); // nothing changed
        assertThat(versionQueries.get()).isEqualTo(2);
        assertThat(cache.current("/leaderboard")).isSameAs(page);
        data.incrementAndGet();
        now.addAndGet(1_000);
        assertThat(cache.current("/leaderboard")).isSameAs(page); // the change is not known yet
        aside.remove(0).run(); // now it is: the page must be rendered again, which the fast path leaves to the handlers
        assertThat(cache.current("/leaderboard")).isNull();
        assertThat(cache.entry("/leaderboard", this::render)).isNotSameAs(page);
        assertThat(renders.get()).isEqualTo(2);
        now.addAndGet(2_000); // unread for two intervals: the fast path does not know, and does not ask
        assertThat(cache.current("/leaderboard")).isNull();
        assertThat(aside).isEmpty();
        assertThat(versionQueries.get()).isEqualTo(3);
    }

    @Test
    void while_a_changed_page_re_renders_other_requests_get_the_previous_answer_at_once() throws Exception {
        PageCache cache = new PageCache(version(1_000), true);
        PageCache.Entry before = cache.entry("/leaderboard", this::render);
        data.incrementAndGet();
        now.addAndGet(1_000); // the interval passes: the next request through the handlers asks the database
        CountDownLatch inRender = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform()
                .start(() -> cache.entry("/leaderboard", () -> {
                    holdUntil(inRender, release);
                    return render();
                }));
        inRender.await();
        // the others neither wait nor render: the fast path and the handlers both get the previous answer
        assertThat(cache.current("/leaderboard")).isSameAs(before);
        assertThat(cache.entry("/leaderboard", () -> {
                    throw new AssertionError("a second render of a page that is being re-rendered");
                }))
                .isSameAs(before);
        release.countDown();
        first.join();
        PageCache.Entry after = cache.current("/leaderboard");
        assertThat(after).isNotNull().isNotSameAs(before);
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(renders.get()).isEqualTo(2);
    }

    @Test
    void many_concurrent_misses_of_one_key_make_one_render() throws Exception {
        PageCache cache = new PageCache(version(1_000), true);
        int requests = 32;
        CountDownLatch inRender = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(requests)) {
            List<Future<PageCache.Entry>> all = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                all.add(pool.submit(() -> cache.entry("/leaderboard", () -> {
                    calls.incrementAndGet();
                    holdUntil(inRender, release);
                    return render();
                })));
            }
            inRender.await();
            Thread.sleep(200); // every other request has arrived at the miss by now
            release.countDown();
            PageCache.Entry first = all.get(0).get();
            for (var f : all) assertThat(f.get().etag()).isEqualTo(first.etag());
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void a_failed_render_fails_the_requests_that_waited_for_it_and_keeps_nothing() throws Exception {
        PageCache cache = new PageCache(version(1_000), true);
        CountDownLatch inRender = new CountDownLatch(1), release = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> cache.entry("/task/x", () -> {
                holdUntil(inRender, release);
                throw new IllegalStateException("the database went away");
            }));
            inRender.await();
            var second = pool.submit(() -> cache.entry("/task/x", this::render));
            Thread.sleep(100);
            release.countDown();
            assertThatThrownBy(first::get).hasRootCauseMessage("the database went away");
            assertThatThrownBy(second::get).hasRootCauseMessage("the database went away");
        }
        assertThat(cache.size()).isZero();
        assertThat(cache.entry("/task/x", this::render).status()).isEqualTo(200);
    }

    @Test
    void only_a_200_is_kept() {
        PageCache cache = new PageCache(version(1_000), true);
        for (int i = 0; i < 3; i++)
            cache.entry("/task/nope", () -> {
                renders.incrementAndGet();
                return Response.of(404, Response.HTML, "missing ".repeat(100));
            });
        assertThat(renders.get()).isEqualTo(3);
        assertThat(cache.size()).isZero();
        assertThat(cache.current("/task/nope")).isNull();
    }

    /** A page of about {@code bytes} bytes that compresses poorly, so its weight is mostly its size. */
    static Response page(long seed, int bytes) {
        var random = new Random(seed);
        StringBuilder b = new StringBuilder(bytes);
        while (b.length() < bytes) b.append(Long.toString(random.nextLong(), 36));
        return Response.html(b.toString());
    }

    @Test
    void the_cache_stays_within_its_bound_in_bytes_and_entries() {
        long bound = 1 << 20;
        PageCache cache = new PageCache(version(1_000), true, 1_000, new SimpleMeterRegistry(), bound);
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            cache.entry("/task/" + n, () -> page(n, 4_000));
            assertThat(cache.bytes()).isLessThanOrEqualTo(bound);
        }
        int perEntry = PageCache.weight(
                "/task/1999",
                cache.current("/task/1999") == null
                        ? PageCache.build(1, page(1999, 4_000))
                        : cache.current("/task/1999"));
        assertThat(perEntry).isGreaterThan(2 * 4_000); // both copies of the body are weighed
        assertThat(cache.size()).isLessThanOrEqualTo(bound / perEntry + 1).isGreaterThan(bound / perEntry / 2);
    }

    /**
     * W-TinyLFU, not a plain LRU: the flood passes four times as many keys between two reads of the
     * leaderboard as the cache holds, which would push it out of an LRU every time; here it stays nearly
     * always (the frequency sketch ages, so a page not read for a long while can go too).
     */
    @Test
    void a_page_read_often_outlives_a_flood_of_keys_read_once() {
        long bound = 512 << 10;
        PageCache cache = new PageCache(version(1_000), true, 1_000, new SimpleMeterRegistry(), bound);
        AtomicLong hot = new AtomicLong(), cold = new AtomicLong();
        Supplier<Response> leaderboard = () -> {
            hot.incrementAndGet();
            return page(-1, 4_000);
        };
        for (int i = 0; i < 20; i++) cache.entry("/leaderboard", leaderboard);
        cache.entry("/task/read-once-long-ago", () -> page(-2, 4_000));
        long holds = bound / PageCache.weight("/task/0", PageCache.build(1, page(0, 4_000)));
        int between = (int) holds * 4, reads = 0;
        for (int i = 0; i < 5_000; i++) {
            int n = i;
            cache.entry("/task/" + n, () -> {
                cold.incrementAndGet();
                return page(n, 4_000);
            });
            if (i % between == 0) {
                cache.entry("/leaderboard", leaderboard);
                reads++;
            }
            assertThat(cache.bytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(cold.get()).isEqualTo(5_000);
        assertThat(cache.current("/task/read-once-long-ago"))
                .as("the oldest page read once is gone")
                .isNull();
        assertThat(cache.current("/task/0"))
                .as("the flood's first keys went before its last")
                .isNull();
        assertThat(cache.current("/task/4999")).as("the newest key is kept").isNotNull();
        // An LRU would render it at every read (the flood pushes it out in between); here it is rarely rendered.
        assertThat(reads).isGreaterThan(40);
        assertThat(hot.get()).as("renders of the page read often").isLessThan(reads / 5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void a_flood_of_100000_distinct_query_strings_keeps_the_cache_in_bound_and_the_leaderboard_a_hit(long seed) {
        long bound = 2 << 20;
        PageCache cache = new PageCache(version(60_000), true, 1_000, new SimpleMeterRegistry(), bound);
        List<Param> reads = Param.queryParams(Set.of(Param.CATEGORY, Param.FROM, Param.TO));
        AtomicLong board = new AtomicLong();
        Supplier<Response> leaderboard = () -> {
            board.incrementAndGet();
            return page(0, 6_000);
        };
        cache.entry("/leaderboard", leaderboard);
        var random = new Random(seed);
        Set<String> keys = new HashSet<>();
        int kept = 0, unkept = 0;
        for (int i = 0; i < 100_000; i++) {
            String query = switch (i % 4) {
                case 0 -> "utm_source=" + i + "&fbclid=" + random.nextInt(); // invented: the same key as none
                case 1 -> "from=" + LocalDate.ofEpochDay(random.nextInt(40_000)); // valid, distinct
                case 2 -> "category=nope" + i; // an unknown value: the one 400, no key
                default -> "from=2026-01-01&to=" + LocalDate.ofEpochDay(20_454 + random.nextInt(9_000));
            };
            String canonical = PageCache.canonicalQuery(reads, query);
            if (canonical == null) {
                unkept++;
                continue; // the route serves it with serveUnkept: no key at all
            }
            kept++;
            keys.add(canonical);
            int n = i;
            cache.entry("/leaderboard" + canonical, () -> page(n, 1_000));
            assertThat(cache.bytes()).isLessThanOrEqualTo(bound);
            if (i % 100 == 0) assertThat(cache.current("/leaderboard")).isNotNull();
        }
        assertThat(unkept).isEqualTo(25_000);
        assertThat(keys.size()).isGreaterThan(20_000);
        assertThat(cache.size()).isLessThan(keys.size() / 10);
        assertThat(cache.bytes()).isLessThanOrEqualTo(bound);
        assertThat(board.get())
                .as("the leaderboard was rendered once, and read from the cache after")
                .isEqualTo(1);
        assertThat(cache.current("/leaderboard")).isNotNull();
    }
}
