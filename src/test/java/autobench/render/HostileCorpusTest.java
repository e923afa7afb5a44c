package autobench.render;

import static autobench.render.RenderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile pages, rendered one after another: each must end in its expected status within the time
 * limit, nothing may reach the network (loopback stands in for it), and the render after each of
 * the nastiest ones, on the same renderer, must be unaffected (the canary).
 */
@Tag("chromium")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(ChromiumForTests.RENDER_LANE_B)
class HostileCorpusTest {
    /**
     * The limit for the pages that must be stopped (those that may end in a timeout). A page that
     * never ends is stopped at the limit whatever it is, so a short one proves the same and keeps
     * the suite quick; it must still leave the canary after it, on the same renderer, time to
     * finish on a busy machine. The other pages get the production limit: a page that ends on its
     * own can take long on a busy machine, and that must not fail the test.
     */
    static final Duration STOPPED_LIMIT = Duration.ofSeconds(5);
    /**
     * Lanes; a case takes one, so its canary runs on the browser it hurt. Two lanes with the
     * cases run concurrently were tried: on the shared 2-core machine (load 26) the pages fought
     * over the CPU, an endless loop in one lane burning the core the other needed, and finished
     * pages ran into the 30 s limit. With more cores, raise this and add
     * {@code @Execution(ExecutionMode.CONCURRENT)} to the class.
     */
    static final int LANES = 1;

    record Case(String page, Set<RenderStatus> expected, boolean canaryAfter, Consumer<RenderOutput> more) {
        /**
         * Pages that hang (or end slow because they hung after drawing), or never finish loading,
         * get the short limit: what they are tested for is how the render ends without them.
         */
        boolean mustBeStopped() {
            return expected.contains(TIMEOUT) || page.startsWith("infinite_loop") || page.startsWith("never_finishes");
        }

        @Override
        public String toString() {
            return page + " -> "
                    + String.join(
                            " or ",
                            expected.stream()
                                    .map(RenderStatus::wireName)
                                    .sorted()
                                    .toList());
        }
    }

    static Case c(String page, RenderStatus expected) {
        return new Case(page, Set.of(expected), false, o -> {});
    }

    static Case c(String page, RenderStatus expected, Consumer<RenderOutput> more) {
        return new Case(page, Set.of(expected), false, more);
    }

    static Case dangerous(String page, RenderStatus... expected) {
        return new Case(page, Set.of(expected), true, o -> {});
    }

    static Case dangerous(String page, RenderStatus expected, Consumer<RenderOutput> more) {
        return new Case(page, Set.of(expected), true, more);
    }

    static List<Case> corpus() {
        return List.of(
                dangerous("infinite_loop", TIMEOUT),
                // It drew a correct picture before it hung: that picture is its poster and it is ok + slow,
                // never a timeout (docs/rendering.md, "Heavy scenes").
                dangerous(
                        "infinite_loop_later",
                        OK,
                        o -> assertThat(o.checks().slow()).isTrue()),
                c("alert_storm", OK),
                dangerous("alert_forever", TIMEOUT),
                c("window_open_spam", OK),
                c(
                        "location_change",
                        OK,
                        o -> assertThat(o.blockedRequests()).anyMatch(r -> r.contains("elsewhere.example"))),
                c("leaves_for_about_blank", OK, o -> {
                    assertThat(o.blockedRequests())
                            .anyMatch(r -> r.equals("navigation about:blank"))
                            .anyMatch(r -> r.startsWith("navigation https://elsewhere.example/form"));
                    assertThat(o.console())
                            .anyMatch(l -> l.text().equals("still here at " + NetworkGuard.DOCUMENT_URL));
                }),
                dangerous("allocation_loop", CRASHED),
                dangerous("heap_exhaustion", CRASHED),
                // Laying out 250,000 boxes took 15-20 s on the shared 2-core machine, and longer than
                // the limit at its busiest: either is a correct, stored ending; the next render must not care.
                dangerous("huge_dom", OK, TIMEOUT),
                c(
                        "fetch_outside",
                        OK,
                        o -> assertThat(o.console())
                                .noneMatch(l -> l.text().startsWith("REACHED"))
                                .anyMatch(l -> l.text().startsWith("blocked"))),
                c(
                        "websocket_outside",
                        OK,
                        o -> assertThat(o.console()).noneMatch(l -> l.text().startsWith("REACHED"))),
                c(
                        "image_beacons",
                        OK,
                        o -> assertThat(o.blockedRequests()).anyMatch(r -> r.contains("tracker.example"))),
                c("send_beacon", OK, o -> assertThat(o.blockedRequests()).anyMatch(r -> r.contains("beacon-now"))),
                c(
                        "unknown_cdn",
                        ERROR,
                        o -> assertThat(o.blockedRequests()).anyMatch(r -> r.contains("cdn.unknown-libs.example"))),
                c(
                        "never_finishes_loading",
                        OK,
                        o -> assertThat(o.timing().loadMs()).isNull()),
                c("empty", BLANK),
                c(
                        "draws_after_click",
                        OK,
                        o -> assertThat(o.checks().interactive()).isTrue()),
                c("syntax_error", ERROR, o -> assertThat(o.errors().getFirst()).containsIgnoringCase("SyntaxError")),
                c("p5_from_cdn", OK, o -> assertThat(o.checks().animates()).isTrue()),
                c("three_from_cdn", OK, o -> assertThat(o.checks().animates()).isTrue()),
                dangerous("pushstate_loop", OK),
                c(
                        "service_worker",
                        OK,
                        o -> assertThat(o.console()).anyMatch(l -> l.text().equals("sw failed: SecurityError"))),
                c("webrtc_stun", OK),
                c("link_hints", OK),
                c("iframe_outside", OK),
                c("meta_refresh", OK),
                dangerous("beforeunload_trap", OK),
                c(
                        "console_spam",
                        OK,
                        o -> assertThat(o.console())
                                .hasSizeLessThanOrEqualTo(Trace.MAX_CONSOLE)
                                .anyMatch(l -> l.text().contains("truncated"))),
                c("window_close", OK),
                c("unhandled_rejection", ERROR),
                c("worker_loop", OK),
                // The errors come after it drew: ok, with the errors shown (docs/rendering.md, statuses).
                c(
                        "timer_throws",
                        OK,
                        o -> assertThat(o.errors()).anyMatch(e -> e.startsWith("TypeError: thrown from a timer"))),
                c("download_attempt", OK));
    }

    /** One lane: a renderer with the short limit and one with the production limit. */
    record Lane(Renderer stopping, Renderer full) {
        Renderer forCase(Case c) {
            return c.mustBeStopped() ? stopping : full;
        }
    }

    final BlockingQueue<Lane> lanes = new ArrayBlockingQueue<>(LANES);
    LoopbackTrap trap;
    RenderConfig production;

    @BeforeAll
    void start() throws IOException {
        production = ChromiumForTests.config();
        for (int i = 0; i < LANES; i++) {
            lanes.add(new Lane(Renderer.open(production.withTimeLimit(STOPPED_LIMIT)), Renderer.open(production)));
        }
        trap = new LoopbackTrap();
    }

    /** The page rendered before this one, whose late beacons may arrive during this one. */
    String previous = "(none)";

    @AfterAll
    void stop() throws IOException, InterruptedException {
        Thread.sleep(300); // late beacons of the last page, sent as its context closed
        for (Lane lane : lanes) {
            lane.stopping().close();
            lane.full().close();
        }
        if (trap != null) {
            assertThat(trap.arrivals())
                    .as("nothing may reach loopback, even after the browser closed")
                    .isEmpty();
            trap.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostile_page_ends_in_its_status_within_the_limit_and_reaches_no_network(Case c) throws Exception {
        Lane lane = lanes.take();
        try {
            renderAndCheck(lane.forCase(c), c);
        } finally {
            lanes.add(lane);
        }
    }

    private void renderAndCheck(Renderer renderer, Case c) throws Exception {
        RenderOutput out = renderer.render(trap.fill(page(c.page())), 7);
        System.out.printf(
                "%-24s %-8s %6d ms  %s  %s%n",
                c.page(), out.status().wireName(), out.timing().totalMs(), out.reason(), out.checks());

        assertThat(out.status()).as(out.reason() + " / errors " + out.errors()).isIn(c.expected());
        assertThat(out.timing().totalMs())
                .isLessThan((c.mustBeStopped() ? STOPPED_LIMIT : production.timeLimit()).toMillis() + 15_000);
        c.more().accept(out);
        // A beacon sent as the context closed arrives a moment later: it is caught here after the
        // next page's render (which takes longer than that moment), or by stop() after the last one,
        // instead of waiting 300 ms after every page.
        assertThat(trap.arrivals())
                .as("connections that left the renderer, during " + c.page() + " or just after " + previous)
                .isEmpty();
        previous = c.page();
        if (c.canaryAfter()) {
            RenderOutput next = renderer.render(Canary.PAGE, 1);
            assertThat(next.status())
                    .as("the render after " + c.page() + ": " + next.reason())
                    .isEqualTo(OK);
            assertThat(next.checks().animates()).isTrue();
        }
    }

    static String page(String name) throws IOException {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("pages/" + name + ".html")) {
            if (in == null) throw new IllegalArgumentException("no page " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
