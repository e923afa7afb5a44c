package autobench.render;

import static autobench.render.RenderStatus.BLANK;
import static autobench.render.RenderStatus.ERROR;
import static autobench.render.RenderStatus.OK;
import static autobench.render.RenderStatus.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers written the way models write "build this in one HTML file" pages (issue 20): emoji and
 * CJK interfaces, CSS-animated titles, React with in-browser Babel, Vue, Preact, Tailwind, icon
 * fonts, three.js with physics, heavy WebGL, networking libraries offline, and pages that are
 * broken on the open web too. Each ends with its expected status and checks, with no library
 * request refused that is not listed. All are rendered first, two at a time with a limit shorter than production's 30 s
 * (and the pages that must time out with a shorter one still);
 * the tests then read the results (the expected figures are in docs/rendering.md).
 */
@Tag("chromium")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(ChromiumForTests.RENDER_LANE_B)
class AnswersCorpusTest {
    /** A short limit: the corpus is rendered on every build, on a busy two-core machine. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    /**
     * The limit for the pages expected to time out: an endless loop is stopped at the stall limit
     * (half the time limit) whatever the limit is, and burned a core for 10 s at the corpus's 20 s.
     */
    static final Duration STOPPED_LIMIT = HostileCorpusTest.STOPPED_LIMIT;

    /**
     * @param refused substrings of the only requests the page may have refused
     * @param more    further assertions on the output
     */
    record Case(
            String page,
            RenderStatus status,
            Boolean animates,
            Boolean interactive,
            List<String> refused,
            Consumer<RenderOutput> more) {
        @Override
        public String toString() {
            return page + " -> " + status.wireName();
        }

        Case refusing(String... r) {
            return new Case(page, status, animates, interactive, List.of(r), more);
        }

        Case and(Consumer<RenderOutput> m) {
            return new Case(page, status, animates, interactive, refused, more.andThen(m));
        }
    }

    static final boolean ANIMATES = true, INTERACTIVE = true;

    static Case ok(String page, boolean animates, boolean interactive) {
        return new Case(page, OK, animates, interactive, List.of(), o -> {});
    }

    /**
     * A heavy scene: it must end ok (slow or not) with a picture, but how many frames and whether
     * input is tried depend on how busy the machine is, so motion and input are not asserted.
     */
    static Case heavy(String page) {
        return new Case(
                page,
                OK,
                null,
                null,
                List.of(),
                o -> assertThat(o.checks().notBlank()).isTrue());
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
                ok("emoji_desktop_icons", false, false), // the input misses the icons
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
                ok("css_loader_then_content", ANIMATES, false),
                ok("tailwind_animate_pulse_skeleton", ANIMATES, false),
                ok("gsap_tailwind_hero_cjk", ANIMATES, false).and(assisted("gsap@3.12.2 → gsap@3.12.5")),
                ok("tailwind_emoji_pricing", false, INTERACTIVE),
                // React with in-browser Babel, and the other UI libraries
                ok("react18_babel_counter", false, false) /* the click misses the buttons */,
                ok("react17_cdnjs_todo", false, false)
                        .and(assisted("@babel/standalone@7.23.5 → @babel/standalone@7.26.4")),
                ok("react_esm_sh_createroot", ANIMATES, false).and(assisted("react@18.2.0 → react@18.3.1")),
                // ReactDOM's build needs React loaded first, whichever the page imports first
                ok("react_esm_dom_first_hooks", ANIMATES, false),
                // two URLs of one React are one instance: hooks work across them
                ok("react_two_hosts_one_instance", false, false).and(assisted("react@18.2.0 → react@18.3.1")),
                ok("framer_motion_umd", ANIMATES, false).and(assisted("framer-motion@10.16.4 → framer-motion@10.18.0")),
                ok("vue3_global_counter", false, false) /* the click misses the buttons */,
                ok("vue2_cdnjs_list", false, false).and(assisted("vue@2.6.14 → vue@2.7.16")),
                ok("vue3_esm_browser_import", ANIMATES, false),
                ok("preact_htm_standalone", false, false),
                ok("preact_hooks_esm", ANIMATES, false),
                ok("alpine_jsdelivr_3xx", false, false) /* the click misses the tabs */,
                ok("jquery_code_jquery_com", ANIMATES, false).and(assisted("jquery@3.6.0 → jquery@3.7.1")),
                ok("lodash_cdnjs_shuffle", false, false) /* the click misses the button */,
                // games, scenes, charts, text
                ok("phaser3_game", ANIMATES, false).and(assisted("phaser@3.70.0 → phaser@3.80.1")),
                heavy("babylon_cdn_scene"),
                ok("howler_soundboard", false, false).refusing("drum.mp3", "bell.mp3"),
                ok("konva_shapes", ANIMATES, false),
                new Case("echarts_dashboard", OK, false, INTERACTIVE, List.of(), o -> {}),
                // Plotly answers the probe's pointer with a throttled hover label: drawn in one clean-clone
                // run and not in the next on the same tree, so whether it reacts is not asserted here.
                new Case("plotly_latest_chart", OK, false, null, List.of(), o -> {})
                        .and(assisted("plotly.js-dist-min@1.58.5 → plotly.js-dist-min@2.35.2")),
                ok("katex_formula_page", false, false),
                ok("marked_highlight_markdown", false, INTERACTIVE),
                // CSS frameworks and icon fonts, with their font files
                ok("bootstrap5_cards_modal", false, false).and(assisted("bootstrap@5.3.2 → bootstrap@5.3.3")),
                ok("bootstrap_icons_toolbar", false, false),
                ok("fontawesome6_cdnjs_icons", false, false),
                ok("fontawesome5_use_fontawesome_com", false, false),
                ok("fontawesome4_bootstrapcdn_icons", false, false),
                new Case("bootstrap4_jquery_navbar", OK, false, null, List.of(), o -> {}) // a tooltip may show on input
                        .and(o -> assertThat(o.errors()).isEmpty())
                        .and(assisted("bootstrap@4.5.2 → bootstrap@4.6.2")),
                ok("material_icons_google", false, false).refusing("family=Roboto"),
                ok("material_symbols_google", false, false),
                ok("bulma_landing", false, false),
                ok("lucide_umd_icons", false, false),
                ok("canvas_confetti_button", ANIMATES, INTERACTIVE),
                // physics with three.js, heavy WebGL
                heavy("cannon_cdnjs_three_r128"),
                heavy("cannon_es_esm_three_importmap"),
                heavy("three_particles_galaxy"),
                heavy("three_voxel_terrain_heavy"),
                // networking libraries load, and fail as they would offline
                ok("peerjs_new_peer_at_start", false, false)
                        .refusing("peerjs.com")
                        .and(o -> assertThat(o.errors()).isEmpty()),
                ok("socketio_chat_offline", false, false)
                        .refusing("chat.example.com")
                        .and(o -> assertThat(o.errors()).isEmpty()),
                // Firestore tries its backend, and first a tracking pixel on www.google.com (its network test).
                // Whether it moves is not asserted for either Firestore page: the page redraws (its list or its
                // status line) when Firestore answers offline, after its refused connection, and that refusal
                // arrives in real time, not page time: usually before the first frame, but on a busy machine
                // between two (a clean clone once saw motion 0.25 here). docs/rendering.md, "Chromium traps".
                new Case("firebase_compat_gstatic_offline", OK, null, false, List.of(), o -> {})
                        .refusing("googleapis.com", "www.google.com/images/cleardot.gif")
                        .and(o -> assertThat(o.errors()).isEmpty())
                        .and(assisted("firebase@9.22.0 → firebase@10.14.1")),
                // modular Firebase: firestore's module imports the app by its own gstatic URL; one instance
                // of the app whatever version the page names, or getFirestore(app) would throw at load
                new Case("firebase_modular_esm_gstatic", OK, null, null, List.of(), o -> {})
                        .refusing("googleapis.com", "www.google.com/images/cleardot.gif")
                        .and(o -> assertThat(o.errors()).isEmpty())
                        .and(assisted("firebase@10.7.1 → firebase@10.14.1")),
                // broken on the open web too
                is("broken_typo_in_script", ERROR),
                is(
                        "broken_html_unclosed_title_is_blank",
                        BLANK) /* everything after <title> is its text, on the open web too */,
                ok("broken_fetch_api_weather", false, false).refusing("api.openweathermap.org"),
                ok("dynamic_import_missing_addon_caught", ANIMATES, false).refusing("cdn.example-fx.com"),
                // one page per status (crashed: see HostileCorpusTest's allocation_loop and heap_exhaustion)
                is("status_error_module_import_fails", ERROR)
                        .refusing("three@0.99.0")
                        .and(o -> assertThat(o.reason()).startsWith("a module script failed to load")),
                is("status_error_before_paint", ERROR)
                        .and(o -> assertThat(o.reason()).startsWith("uncaught error before")),
                new Case(
                        "status_ok_error_after_drawn",
                        OK,
                        false,
                        false,
                        List.of(),
                        o -> { // the error ends its loop
                            assertThat(o.checks().runs()).isFalse();
                            assertThat(o.errors()).anyMatch(e -> e.contains("firebase"));
                            assertThat(o.reason()).contains("an uncaught error came after it drew");
                        }),
                is("status_blank_webgl_scene", BLANK)
                        .and(o -> assertThat(o.reason()).contains("WebGL")),
                is("status_blank_empty_page", BLANK),
                is("status_timeout_endless_loop", TIMEOUT),
                new Case("status_slow_heavy_scene", OK, null, null, List.of(), o -> {
                    assertThat(o.checks().slow()).as("slow").isTrue();
                    assertThat(o.reason()).contains("slow");
                }));
    }

    /**
     * The heavy WebGL scenes. Each spends seconds of software GL per piece of page time, so two of
     * them side by side (each in its own browser, each GPU process with two SwiftShader threads, on
     * two cores shared with the rest of the suite) starved each other: the voxel terrain timed out
     * in 3 of 6 clean clones of 7 December while rendered beside whichever page came next. They are
     * rendered one at a time, each beside light pages, and spread through the order so that the
     * other lane rarely waits for a scene.
     */
    static final Set<String> SCENES = Set.of(
            "babylon_cdn_scene",
            "cannon_cdnjs_three_r128",
            "cannon_es_esm_three_importmap",
            "three_particles_galaxy",
            "three_voxel_terrain_heavy",
            "status_slow_heavy_scene");

    /** The corpus in render order: the light pages in their order, a scene after every n-th of them. */
    static List<Case> spreadScenes(List<Case> corpus) {
        List<Case> light =
                corpus.stream().filter(c -> !SCENES.contains(c.page())).toList();
        List<Case> scenes =
                corpus.stream().filter(c -> SCENES.contains(c.page())).toList();
        int every = Math.max(1, light.size() / Math.max(1, scenes.size()));
        List<Case> order = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < light.size(); i++) {
            if (i % every == 0 && s < scenes.size()) order.add(scenes.get(s++));
            order.add(light.get(i));
        }
        while (s < scenes.size()) order.add(scenes.get(s++));
        return order;
    }

    @Test
    void every_scene_rendered_one_at_a_time_is_in_the_corpus_and_rendered_once() {
        List<Case> all = corpus();
        assertThat(all.stream().map(Case::page)).containsAll(SCENES);
        List<Case> order = spreadScenes(all);
        assertThat(order).containsExactlyInAnyOrderElementsOf(all);
        // no two scenes next to each other, and none at the end, where the other lane would wait for it
        for (int i = 1; i < order.size(); i++)
            assertThat(SCENES.contains(order.get(i).page())
                            && SCENES.contains(order.get(i - 1).page()))
                    .as("scenes next to each other at %d", i)
                    .isFalse();
        assertThat(SCENES).doesNotContain(order.getLast().page());
    }

    Renderer renderer;
    /** One lane with {@link #STOPPED_LIMIT}, for the pages expected to time out. */
    Renderer stopping;

    final Map<String, RenderOutput> outputs = new ConcurrentHashMap<>();
    final Map<String, Long> millis = new ConcurrentHashMap<>();

    @BeforeAll
    void renderAll() throws Exception {
        renderer = Renderer.open(ChromiumForTests.config().withTimeLimit(LIMIT).withLanes(2));
        stopping = Renderer.open(ChromiumForTests.config().withTimeLimit(STOPPED_LIMIT));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            String only = System.getProperty("autobench.only");
            Semaphore oneScene = new Semaphore(1);
            for (Case c : spreadScenes(corpus())) {
                if (only != null && !c.page().matches(only)) continue;
                String html = page(c.page());
                boolean scene = SCENES.contains(c.page());
                jobs.add(pool.submit(() -> {
                    if (scene) oneScene.acquireUninterruptibly();
                    try {
                        long t0 = System.nanoTime();
                        Renderer r = c.status() == TIMEOUT ? stopping : renderer;
                        outputs.put(c.page(), r.render(html, 17));
                        millis.put(c.page(), (System.nanoTime() - t0) / 1_000_000);
                    } finally {
                        if (scene) oneScene.release();
                    }
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdown();
        }
        rerenderWhatTheMachineStopped();
        String posters = System.getProperty("autobench.posters");
        if (posters != null) {
            Path dir = Files.createDirectories(Path.of(posters));
            for (var e : outputs.entrySet()) {
                var poster = e.getValue().artifact(Artifact.POSTER);
                if (poster.isPresent())
                    Files.write(dir.resolve(e.getKey() + ".png"), poster.get().bytes());
            }
        }
    }

    /** Pages rendered a second time, alone and at the production limit, because the first render ended TIMEOUT. */
    final Set<String> rerendered = ConcurrentHashMap.newKeySet();

    /**
     * A page not expected to time out that did, while rendered two at a time beside the rest of the
     * suite, is rendered once more, alone and with the production limit (30 s, not the corpus's 20 s).
     * On two busy cores a heavy scene in software WebGL can take longer than the stall limit for one
     * 48 ms piece of page time, which reads to the watchdog exactly like an endless loop (seen in CI,
     * for two pages at once, and on a clean clone here for three_voxel_terrain_heavy: 96 of 1000 ms;
     * alone it ends ok, slow); and with the suite's other lanes busy it once spent the whole 20 s
     * inside one piece twice in a row, the second time alone (a clean clone of 7 December: "stuck
     * while running (644 of 1000 ms)"). The second verdict is the one asserted, so a page that
     * really hangs still fails; the output names every page rendered twice.
     */
    void rerenderWhatTheMachineStopped() throws IOException {
        Map<String, RenderStatus> expected = new HashMap<>();
        for (Case c : corpus()) expected.put(c.page(), c.status());
        Renderer alone = null;
        try {
            for (var e : new TreeMap<>(outputs).entrySet()) {
                String page = e.getKey();
                if (e.getValue().status() != TIMEOUT || expected.get(page) == TIMEOUT) continue;
                System.out.printf(
                        "answers corpus: %s ended %s (%s) two at a time; rendering it again alone%n",
                        page, e.getValue().status().wireName(), e.getValue().reason());
                e.getValue().console().stream()
                        .filter(l -> l.type().equals("autobench"))
                        .forEach(l -> System.out.println("    note: " + l.text()));
                if (alone == null) alone = Renderer.open(ChromiumForTests.config());
                long t0 = System.nanoTime();
                outputs.put(page, alone.render(page(page), 17));
                millis.put(page, (System.nanoTime() - t0) / 1_000_000);
                rerendered.add(page);
            }
        } finally {
            if (alone != null) alone.close();
        }
    }

    @AfterAll
    void stop() {
        if (renderer != null) renderer.close();
        if (stopping != null) stopping.close();
        long total = millis.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "answers corpus: %d pages, %d ms of render time, %d ms per render on average%n",
                millis.size(), total, millis.isEmpty() ? 0 : total / millis.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void a_real_world_answer_ends_with_its_expected_status_and_checks(Case c) {
        RenderOutput out = outputs.get(c.page());
        Assumptions.assumeTrue(out != null, "not rendered in this run");
        Checks k = out.checks();
        System.out.printf(
                "%-40s %-7s %6d ms%s animates=%s interactive=%s slow=%s reason=%s errors=%s blocked=%s assists=%s%n",
                c.page(),
                out.status().wireName(),
                millis.get(c.page()),
                rerendered.contains(c.page()) ? " (second render, alone)" : "",
                k.animates(),
                k.interactive(),
                k.slow(),
                out.reason(),
                out.errors(),
                out.blockedRequests(),
                out.assists());
        out.console().stream()
                .filter(l -> l.type().equals("autobench"))
                .forEach(l -> System.out.println("    note: " + l.text()));
        String why = out.reason() + " / errors " + out.errors() + " / blocked " + out.blockedRequests() + " / " + k;
        assertThat(out.status()).as("status: " + why).isEqualTo(c.status());
        // A render the machine made slow (its frames or input left out when time ran short) has no
        // motion or input to compare: on a busy machine that says nothing about the page.
        if (c.status() == OK && !k.slow()) {
            if (c.animates() != null)
                assertThat(k.animates()).as("animates: " + why).isEqualTo(c.animates());
            if (c.interactive() != null)
                assertThat(k.interactive()).as("interactive: " + why).isEqualTo(c.interactive());
        }
        for (String r : out.blockedRequests())
            assertThat(c.refused()).as("an unexpected refusal: " + r).anyMatch(r::contains);
        c.more().accept(out);
    }

    static String page(String name) throws IOException {
        try (InputStream in = AnswersCorpusTest.class.getResourceAsStream("answers/" + name + ".html")) {
            if (in == null) throw new IllegalArgumentException("no page " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
