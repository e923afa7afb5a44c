package autobench.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RendererSmokeTest {
    static Renderer renderer;

    @BeforeAll
    static void start() {
        renderer = Renderer.open(ChromiumForTests.config());
    }

    @AfterAll
    static void stop() {
        if (renderer != null) renderer.close();
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
        long t0 = System.nanoTime();
        RenderOutput out = renderer.render(html, 42);
        System.out.println("took " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + out.status() + " " + out.reason() + " " + out.checks() + " " + out.console() + " " + out.timing());
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().animates()).isTrue();
        assertThat(out.checks().interactive()).isFalse();
        RenderOutput again = renderer.render(html, 42);
        assertThat(again.artifact("poster").orElseThrow().sha256()).isEqualTo(out.artifact("poster").orElseThrow().sha256());
    }
}
