package autobench.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderer's promises on well-behaved pages: reproducible, isolated, recovering. */
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

    @Test
    void the_seed_decides_the_poster_same_seed_same_bytes_other_seed_other_picture() {
        String a = renderer.render(RANDOM_DOTS, 1).artifact("poster").orElseThrow().sha256();
        String b = renderer.render(RANDOM_DOTS, 1).artifact("poster").orElseThrow().sha256();
        String c = renderer.render(RANDOM_DOTS, 2).artifact("poster").orElseThrow().sha256();
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
        assertThat(again.artifact("poster").orElseThrow().sha256()).isEqualTo(out.artifact("poster").orElseThrow().sha256());
    }
}
