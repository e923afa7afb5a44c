package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The renderer's promises on well-behaved pages: reproducible, isolated, recovering. */
@ResourceLock(ChromiumForTests.RENDER_LANE_B)
@Tag("chromium")
@Tag("slow")
class RendererTest {
    static Renderer renderer;

    @BeforeAll
    static void start() {
        renderer = Renderer.open(ChromiumForTests.config());
    }

    @AfterAll
    static void stop() {
        if (renderer != null) renderer.close();
    }

    static final String RANDOM_DOTS = """
            <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
            const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 800, 600);
            for (let i = 0; i < 300; i++) { g.fillStyle = '#000'; g.fillRect(Math.random() * 800, Math.random() * 600, 6, 6); }
            </script>""";

    /**
     * An input handler starts a one-second CSS transition; the next input event's handler then holds the page for
     * 1.5 s of real time (as a busy machine can hold a round trip). The transition must still run on page time,
     * so it cannot have ended before a second of page time has passed, however long the real wait.
     */
    static final String TRANSITION_ON_INPUT = """
            <!doctype html><style>body{margin:0;background:#fff}
            #box{width:800px;height:600px;background:#fff;transition:background-color 1s linear}#box.on{background:#000}</style>
            <div id=box></div><script>
            const real = () => Performance.prototype.now.call(performance);
            let downs = 0, ups = 0;
            addEventListener('mousedown', () => {
              if (downs++) return;
              box.classList.add('on'); getComputedStyle(box).backgroundColor;
              console.log('started ' + performance.now());
            });
            addEventListener('mouseup', () => { if (ups++) return; const t = real(); while (real() - t < 1500) {} });
            box.addEventListener('transitionend', () => console.log('ended ' + performance.now()));
            </script>""";

    @Test
    void a_transition_started_by_input_runs_on_page_time_however_long_the_next_input_takes_in_real_time()
            throws Exception {
        RenderOutput out = renderer.render(TRANSITION_ON_INPUT, 1);
        List<String> lines = out.console().stream().map(ConsoleLine::text).toList();
        double started = lines.stream()
                .filter(l -> l.startsWith("started "))
                .mapToDouble(l -> Double.parseDouble(l.substring(8)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the input never reached the page: " + lines));
        assertThat(lines)
                .as("page time at which the transition ended, if it did; it started at " + started)
                .filteredOn(l -> l.startsWith("ended "))
                .allSatisfy(l ->
                        assertThat(Double.parseDouble(l.substring(6)) - started).isGreaterThanOrEqualTo(1000));
        // and the picture after the input shows it part of the way, as page time says (about 0.4 s of its 1 s)
        byte[] png = out.artifact(Artifact.AFTER_INPUT).orElseThrow().bytes();
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(png));
        int grey = after.getRGB(after.getWidth() / 2, after.getHeight() / 2) & 0xff;
        assertThat(grey)
                .as("the box's colour after the input, white 255 to black 0")
                .isBetween(60, 220);
    }

    @Test
    void the_seed_decides_the_poster_same_seed_same_bytes_other_seed_other_picture() {
        String a =
                renderer.render(RANDOM_DOTS, 1).artifact("poster").orElseThrow().sha256();
        String b =
                renderer.render(RANDOM_DOTS, 1).artifact("poster").orElseThrow().sha256();
        String c =
                renderer.render(RANDOM_DOTS, 2).artifact("poster").orElseThrow().sha256();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void storage_and_cookies_of_one_render_are_invisible_to_the_next() {
        String page = """
                <!doctype html><body><script>
                console.log('seen ' + localStorage.getItem('k') + ' ' + document.cookie.includes('k=1'));
                localStorage.setItem('k', 'v'); document.cookie = 'k=1';
                </script>""";
        renderer.render(page, 1);
        RenderOutput second = renderer.render(page, 1);
        assertThat(second.console()).extracting(ConsoleLine::text).contains("seen null false");
    }

    @Test
    void a_render_after_the_browser_died_works_as_if_nothing_happened() {
        renderer.killBrowsers();
        RenderOutput out = renderer.render(Canary.PAGE, 3);
        assertThat(out.status()).as(out.reason()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().animates()).isTrue();
    }

    @Test
    void an_animated_canvas_renders_ok_and_animates() {
        String html = """
                <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
                const g = c.getContext('2d'); let t = 0;
                function f(){ t++; g.fillStyle='#123'; g.fillRect(0,0,800,600);
                  for (let i=0;i<100;i++){ g.fillStyle=`hsl(${(i*7+t)%360},80%,60%)`; g.beginPath();
                    g.arc(400+Math.cos(i+t/50)*i*2, 300+Math.sin(i+t/40)*i*1.5, 8, 0, 7); g.fill(); }
                  requestAnimationFrame(f); }
                f(); console.log('hello', Math.random());
                </script>""";
        RenderOutput out = renderer.render(html, 42);
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().animates()).isTrue();
        assertThat(out.checks().interactive()).isFalse();
        RenderOutput again = renderer.render(html, 42);
        assertThat(again.artifact("poster").orElseThrow().sha256())
                .isEqualTo(out.artifact("poster").orElseThrow().sha256());
    }

    /** An animated canvas; {@code extra} adds to the script, and a beacon tells which run loaded it. */
    static String animated(String head, String extra) {
        return """
                <!doctype html><html><head>%s</head><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
                new Image().src = 'https://beacon.example/' + location.host;
                const g = c.getContext('2d'); let t = 0, hue = 200;
                function f(){ t++; g.fillStyle=`hsl(${hue},40%%,20%%)`; g.fillRect(0,0,800,600);
                  g.fillStyle='#fd4'; g.fillRect(100 + (t * 3) %% 600, 280, 40, 40); requestAnimationFrame(f); }
                f();
                %s
                </script></body></html>""".formatted(head, extra);
    }

    static boolean replayed(RenderOutput out) {
        return out.blockedRequests().stream().anyMatch(r -> r.contains("beacon.example/" + "replay.autobench.invalid"));
    }

    @Test
    void an_animated_page_that_changes_on_click_is_run_again_with_input_and_found_interactive() {
        RenderOutput out = renderer.render(animated("", "addEventListener('pointerdown', () => { hue = 0; });"), 5);
        assertThat(out.status()).as(out.reason()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().animates()).isTrue();
        assertThat(replayed(out)).isTrue();
        assertThat(out.checks().interactive()).isTrue();
        assertThat(out.artifact("after-input").orElseThrow().mimeType()).isEqualTo("image/png");
    }

    @Test
    void a_handler_set_as_a_property_counts_as_listening() {
        RenderOutput out = renderer.render(animated("", "c.onmousedown = () => { hue = 0; };"), 5);
        assertThat(replayed(out)).isTrue();
        assertThat(out.checks().interactive()).isTrue();
    }

    @Test
    void hover_styles_count_as_able_to_react() {
        // A box where the drag ends (not at 0,0, where Chromium's pointer starts out, hovering).
        String style =
                "<style>#h { position: fixed; left: 500px; top: 300px; width: 120px; height: 120px; background: #345 }"
                        + " #h:hover { background: #f0f }</style>";
        String box = "document.body.appendChild(Object.assign(document.createElement('div'), { id: 'h' }));";
        RenderOutput out = renderer.render(animated(style, box), 5);
        assertThat(replayed(out)).isTrue();
        assertThat(out.checks().interactive()).isTrue();
    }

    @Test
    void an_inline_auxclick_beforeinput_or_drag_handler_counts_as_able_to_react() {
        // One definition (init.js) for listeners and inline attributes: these three were once
        // heard as listeners but not seen as attributes.
        for (String attribute : new String[] {"onauxclick", "onbeforeinput", "ondragstart"}) {
            String element =
                    "document.body.insertAdjacentHTML('beforeend', '<div " + attribute + "=\"hue = 0\">x</div>');";
            RenderOutput out = renderer.render(animated("", element), 5);
            assertThat(replayed(out)).as(attribute).isTrue();
        }
    }

    @Test
    void math_random_is_mulberry32_of_the_folded_seed() {
        String html =
                "<!doctype html><body><script>console.log([Math.random(), Math.random(), Math.random()].join(' '));</script>";
        long seed = 0x1234_5678_9abcL;
        RenderOutput out = renderer.render(html, seed);
        int state = (int) (seed ^ (seed >>> 32));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            state += 0x6D2B79F5;
            int t = state;
            t = (t ^ (t >>> 15)) * (t | 1);
            t ^= t + (t ^ (t >>> 7)) * (t | 61);
            double v = Integer.toUnsignedLong(t ^ (t >>> 14)) / 4294967296.0;
            expected.append(i == 0 ? "" : " ").append(jsNumber(v));
        }
        assertThat(out.console().getFirst().text()).isEqualTo(expected.toString());
    }

    /** JavaScript's shortest round-trip form of a double in [0, 1), as console.log prints it. */
    private static String jsNumber(double v) {
        return v == 0
                ? "0"
                : new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    @Test
    void the_page_prints_as_many_console_lines_as_the_renderer_leaves_it_room_for() {
        RenderOutput out = renderer.render(
                "<!doctype html><body><script>for (let i = 0; i < 1000; i++) console.log('line ' + i);</script>", 1);
        assertThat(out.console()).filteredOn(l -> l.text().startsWith("line ")).hasSize(Trace.PAGE_CONSOLE);
        assertThat(out.console())
                .anyMatch(l ->
                        l.text().equals("[autobench] console output truncated after " + Trace.PAGE_CONSOLE + " lines"));
    }

    @Test
    void an_animated_page_with_no_input_listener_is_not_run_again_and_not_interactive() {
        RenderOutput out = renderer.render(animated("", ""), 5);
        assertThat(out.checks().animates()).isTrue();
        assertThat(out.blockedRequests()).anyMatch(r -> r.contains("beacon.example/render.autobench.invalid"));
        assertThat(replayed(out)).isFalse();
        assertThat(out.checks().interactive()).isFalse();
        assertThat(out.artifact("after-input")).isEmpty();
    }

    @Test
    void the_second_run_sees_nothing_the_first_run_stored_so_a_page_that_ignores_input_stays_not_interactive() {
        // Draws how many runs it has seen, from storage and cookies; listens for clicks but ignores them.
        String counter = """
                const runs = Number(localStorage.getItem('runs') || 0) + Number(sessionStorage.getItem('runs') || 0)
                  + (document.cookie.includes('ran=1') ? 1 : 0);
                localStorage.setItem('runs', runs + 1); sessionStorage.setItem('runs', 1);
                document.cookie = 'ran=1; domain=autobench.invalid; path=/';
                hue = 120 + runs * 60;
                addEventListener('click', () => {});""";
        RenderOutput out = renderer.render(animated("", counter), 5);
        assertThat(replayed(out)).isTrue();
        assertThat(out.checks().interactive())
                .as("input effect %s", out.checks().inputEffect())
                .isFalse();
    }

    @Test
    void faint_motion_of_pale_dots_on_a_pale_ground_still_counts_as_animating() {
        // Lossy frames once smoothed this below the threshold (the demo's orbit style on a light palette).
        String html = """
                <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
                const g = c.getContext('2d'); const B = [];
                for (let i = 0; i < 300; i++) B.push({ a: Math.random() * 7, r: 20 + Math.random() * 250, s: 1 + Math.random() * 2 });
                function f() { g.globalCompositeOperation = 'source-over'; g.globalAlpha = 0.18; g.fillStyle = '#eff8ee';
                  g.fillRect(0, 0, 800, 600); g.globalAlpha = 1; g.globalCompositeOperation = 'lighter'; g.fillStyle = '#274a57';
                  for (const b of B) { b.a += 0.02; g.beginPath(); g.arc(400 + Math.cos(b.a) * b.r, 300 + Math.sin(b.a) * b.r, b.s, 0, 7); g.fill(); }
                  requestAnimationFrame(f); }
                f();
                </script>""";
        RenderOutput out = renderer.render(html, 3);
        assertThat(out.checks().animates())
                .as("motion %s", out.checks().motion())
                .isTrue();
    }

    @Test
    void crypto_random_values_are_seeded_like_math_random() {
        String html = """
                <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
                const g = c.getContext('2d'); const v = crypto.getRandomValues(new Uint32Array(400));
                for (let i = 0; i < 400; i += 2) { g.fillStyle = '#' + (v[i] & 0xffffff).toString(16).padStart(6, '0');
                  g.fillRect(v[i] % 780, v[i + 1] % 580, 20, 20); }
                console.log(crypto.randomUUID());
                try { crypto.getRandomValues(new Float32Array(2)); } catch (e) { console.log('refused ' + e.name); }
                </script>""";
        RenderOutput a = renderer.render(html, 11), b = renderer.render(html, 11), c = renderer.render(html, 12);
        assertThat(a.artifact("poster").orElseThrow().sha256())
                .isEqualTo(b.artifact("poster").orElseThrow().sha256())
                .isNotEqualTo(c.artifact("poster").orElseThrow().sha256());
        assertThat(a.console().getFirst().text())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isEqualTo(b.console().getFirst().text());
        assertThat(a.console()).extracting(ConsoleLine::text).contains("refused TypeMismatchError");
    }

    @Test
    void a_same_origin_frame_runs_on_page_time_too_so_its_pictures_are_reproducible() {
        String inner = "<body style=margin:0><canvas id=c width=400 height=300></canvas><script>"
                + "const g=c.getContext('2d');function f(t){g.fillStyle='#012';g.fillRect(0,0,400,300);"
                + "g.fillStyle='#6cf';g.fillRect((t/5)%380,(performance.now()/7)%280,20,20);"
                + "g.fillText(new Date().toISOString(),10,290);requestAnimationFrame(f);}requestAnimationFrame(f);</script>";
        String html =
                "<!doctype html><body style=\"margin:0\"><iframe style=\"border:0;width:400px;height:300px\" srcdoc=\""
                        + inner.replace("\"", "&quot;") + "\"></iframe>";
        RenderOutput a = renderer.render(html, 9), b = renderer.render(html, 9);
        assertThat(a.status()).as(a.reason()).isEqualTo(RenderStatus.OK);
        assertThat(a.checks().animates()).isTrue();
        assertThat(a.artifact("poster").orElseThrow().sha256())
                .isEqualTo(b.artifact("poster").orElseThrow().sha256());
        assertThat(a.artifact("frame-3").orElseThrow().sha256())
                .isEqualTo(b.artifact("frame-3").orElseThrow().sha256());
    }

    @Test
    void a_data_url_frame_keeps_a_clock_of_its_own_on_page_time_so_its_pictures_are_reproducible() {
        String inner = "<body style=margin:0><canvas id=c width=400 height=300></canvas><script>"
                + "const g=c.getContext('2d');function f(t){g.fillStyle='#012';g.fillRect(0,0,400,300);"
                + "g.fillStyle='#6cf';g.fillRect((t/5)%380,(performance.now()/7)%280,20,20);"
                + "g.fillText(new Date().toISOString(),10,290);requestAnimationFrame(f);}requestAnimationFrame(f);</script>";
        String html =
                "<!doctype html><body style=\"margin:0\"><iframe style=\"border:0;width:400px;height:300px\" src=\"data:text/html,"
                        + URLEncoder.encode(inner, StandardCharsets.UTF_8).replace("+", "%20") + "\"></iframe>";
        RenderOutput a = renderer.render(html, 9), b = renderer.render(html, 9);
        assertThat(a.status()).as(a.reason()).isEqualTo(RenderStatus.OK);
        assertThat(a.checks().animates()).isTrue();
        assertThat(a.artifact("poster").orElseThrow().sha256())
                .isEqualTo(b.artifact("poster").orElseThrow().sha256());
        assertThat(a.artifact("frame-3").orElseThrow().sha256())
                .isEqualTo(b.artifact("frame-3").orElseThrow().sha256());
    }

    @Test
    void a_javascript_url_navigation_runs_its_code_but_cannot_replace_the_page() {
        String html = """
                <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas>
                <a id=a href="javascript:window.ran = (window.ran || 0) + 1, '<h1>gone</h1>'">x</a><script>
                c.getContext('2d').fillRect(100, 100, 300, 300);
                setTimeout(() => { location.href = "javascript:window.ran = (window.ran || 0) + 1, '<h1>gone</h1>'"; }, 100);
                setTimeout(() => document.getElementById('a').click(), 200);
                setTimeout(() => console.log((document.getElementById('c') ? 'still here ' : 'replaced ') + window.ran), 600);
                </script>""";
        RenderOutput out = renderer.render(html, 1);
        assertThat(out.console()).extracting(ConsoleLine::text).contains("still here 2");
        assertThat(out.status()).as(out.reason()).isEqualTo(RenderStatus.OK);
    }
}
