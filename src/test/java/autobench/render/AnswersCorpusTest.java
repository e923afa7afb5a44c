package autobench.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static autobench.render.RenderStatus.BLANK;
import static autobench.render.RenderStatus.ERROR;
import static autobench.render.RenderStatus.OK;
import static autobench.render.RenderStatus.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers written the way models write "build this in one HTML file" pages (issue 20): emoji and
 * CJK interfaces, CSS-animated titles, React with in-browser Babel, Vue, Preact, Tailwind, icon
 * fonts, three.js with physics, heavy WebGL, networking libraries offline, and pages that are
 * broken on the open web too. Each ends with its expected status and checks, with no library
 * request refused that is not listed. All are rendered first, two at a time with a short limit;
 * the tests then read the results (the expected figures are in docs/rendering.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswersCorpusTest {
    /** A short limit: the corpus is rendered on every build, on a busy two-core machine. */
    static final Duration LIMIT = Duration.ofSeconds(12);

    /**
     * @param refused substrings of the only requests the page may have refused
     * @param more    further assertions on the output
     */
    record Case(String page, RenderStatus status, boolean animates, boolean interactive, List<String> refused,
                Consumer<RenderOutput> more) {
        @Override public String toString() { return page + " -> " + status.wire(); }

        Case refusing(String... r) { return new Case(page, status, animates, interactive, List.of(r), more); }

        Case and(Consumer<RenderOutput> m) { return new Case(page, status, animates, interactive, refused, more.andThen(m)); }
    }

    static final boolean ANIMATES = true, INTERACTIVE = true;

    static Case ok(String page, boolean animates, boolean interactive) {
        return new Case(page, OK, animates, interactive, List.of(), o -> assertThat(o.checks().slow()).as("slow").isFalse());
    }

    static Case is(String page, RenderStatus status) {
        return new Case(page, status, false, false, List.of(), o -> {});
    }

    static Consumer<RenderOutput> assisted(String text) {
        return o -> assertThat(o.assists()).anyMatch(a -> a.contains(text));
    }

    static List<Case> corpus() {
        return List.of(
                // glyphs: emoji and Chinese, Japanese, Korean text
                ok("emoji_dashboard_buttons", false, INTERACTIVE),
                ok("cjk_poem_canvas", ANIMATES, false),
                ok("korean_todo_ui", false, INTERACTIVE),
                ok("japanese_menu_static", false, false),
                ok("emoji_rain_canvas", ANIMATES, false),
                ok("emoji_desktop_icons", false, false) // the input misses the icons,
                ok("chinese_calendar_tailwind", false, INTERACTIVE),
                ok("cjk_typing_title_css", ANIMATES, false),
                // CSS time: animations, transitions, Web Animations, SMIL on the page clock
                ok("css_typed_title", ANIMATES, false),
                ok("css_fade_in_after_1s", ANIMATES, false),
                ok("css_orbit_bird", ANIMATES, false),
                ok("css_transition_on_load", ANIMATES, false),
                ok("waapi_bouncing_ball", ANIMATES, false),
                ok("svg_smil_pulse", ANIMATES, false),
                ok("animate_css_bounce", ANIMATES, false),
                ok("css_loader_then_content", ANIMATES, false));
    }

    Renderer renderer;
    final Map<String, RenderOutput> outputs = new ConcurrentHashMap<>();
    final Map<String, Long> millis = new ConcurrentHashMap<>();

    @BeforeAll
    void renderAll() throws Exception {
        renderer = Renderer.open(ChromiumForTests.config().withTimeLimit(LIMIT).withLanes(2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Case c : corpus()) {
                String html = page(c.page());
                jobs.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    outputs.put(c.page(), renderer.render(html, 17));
                    millis.put(c.page(), (System.nanoTime() - t0) / 1_000_000);
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdown();
        }
        String posters = System.getProperty("autobench.posters");
        if (posters != null) {
            Path dir = Files.createDirectories(Path.of(posters));
            for (var e : outputs.entrySet()) {
                var poster = e.getValue().artifact(Artifact.POSTER);
                if (poster.isPresent()) Files.write(dir.resolve(e.getKey() + ".png"), poster.get().bytes());
            }
        }
    }

    @AfterAll
    void stop() {
        if (renderer != null) renderer.close();
        long total = millis.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("answers corpus: %d pages, %d ms of render time, %d ms per render on average%n",
                millis.size(), total, millis.isEmpty() ? 0 : total / millis.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void a_real_world_answer_ends_with_its_expected_status_and_checks(Case c) {
        RenderOutput out = outputs.get(c.page());
        Checks k = out.checks();
        System.out.printf("%-40s %-7s %6d ms animates=%s interactive=%s slow=%s reason=%s errors=%s blocked=%s assists=%s%n",
                c.page(), out.status().wire(), millis.get(c.page()), k.animates(), k.interactive(), k.slow(), out.reason(),
                out.errors(), out.blockedRequests(), out.assists());
        String why = out.reason() + " / errors " + out.errors() + " / blocked " + out.blockedRequests() + " / " + k;
        assertThat(out.status()).as("status: " + why).isEqualTo(c.status());
        if (c.status() == OK) {
            assertThat(k.animates()).as("animates: " + why).isEqualTo(c.animates());
            assertThat(k.interactive()).as("interactive: " + why).isEqualTo(c.interactive());
        }
        for (String r : out.blockedRequests()) assertThat(c.refused()).as("an unexpected refusal: " + r).anyMatch(r::contains);
        c.more().accept(out);
    }

    static String page(String name) throws IOException {
        try (InputStream in = AnswersCorpusTest.class.getResourceAsStream("answers/" + name + ".html")) {
            if (in == null) throw new IllegalArgumentException("no page " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
