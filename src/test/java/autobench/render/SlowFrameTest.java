package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A stage that outlives the stall limit is an endless loop only if the page's renderer spent the
 * time; when the browser's GPU process spent it drawing WebGL in software, it is a slow frame, and
 * only the time limit ends it (docs/rendering.md, "Hangs, and frames that take seconds").
 */
@ResourceLock(ChromiumForTests.RENDER_LANE_A)
@Tag("chromium")
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowFrameTest {
    // Stall limit 5 s: on a busy machine the page may start running 3 s or more into the render, and the loop
    // must still meet the stall limit before the time limit.
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static Renderer renderer;

    @BeforeAll
    static void start() {
        renderer = Renderer.open(ChromiumForTests.config().withTimeLimit(LIMIT));
    }

    @AfterAll
    static void stop() {
        if (renderer != null) renderer.close();
    }

    /**
     * Every pixel of an 800×600 canvas runs 60,000 steps of a fragment shader: far more than the
     * stall limit per frame in software GL on any machine, while the page's own script only waits
     * for the next animation frame.
     */
    static final String HEAVY_SHADER = """
            <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
            const gl = c.getContext('webgl');
            function shader(type, src) { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); return s; }
            const p = gl.createProgram();
            gl.attachShader(p, shader(gl.VERTEX_SHADER,
              'attribute vec2 a; void main() { gl_Position = vec4(a, 0.0, 1.0); }'));
            gl.attachShader(p, shader(gl.FRAGMENT_SHADER,
              'precision highp float; uniform float t; void main() { float c = gl_FragCoord.x * 0.001 + t;'
              + ' for (int i = 0; i < 60000; i++) { c = fract(sin(c * 12.9898 + float(i)) * 43758.5453); }'
              + ' gl_FragColor = vec4(c, c * 0.5, 1.0 - c, 1.0); }'));
            gl.linkProgram(p); gl.useProgram(p);
            gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
            gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
            gl.enableVertexAttribArray(0); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
            const t = gl.getUniformLocation(p, 't');
            function frame(ms) { gl.uniform1f(t, ms * 0.001); gl.drawArrays(gl.TRIANGLES, 0, 3); requestAnimationFrame(frame); }
            requestAnimationFrame(frame);
            </script>""";

    @Test
    @Order(2)
    void a_frame_that_takes_seconds_to_draw_in_software_webgl_is_not_taken_for_an_endless_loop() {
        RenderOutput out = renderer.render(HEAVY_SHADER, 1);
        assertThat(out.reason()).as(out.reason()).doesNotContain("stopped responding");
        assertThat(out.console())
                .as("the watchdog looked at where the stalled stage's time went")
                .anyMatch(l -> l.type().equals("autobench") && l.text().contains("GPU process drew"));
    }

    /**
     * First, on the lane's warm browser: the heavy frame's render ends by killing its browser, and the
     * first page of a fresh browser on a busy machine can start running seconds late, too late for
     * its stall to come before the time limit (seen twice with the loop run second).
     */
    @Test
    @Order(1)
    void an_endless_loop_is_still_stopped_at_half_the_time_limit() {
        RenderOutput out = renderer.render(
                "<!doctype html><body><script>requestAnimationFrame(() => { for (;;) {} });</script>", 1);
        assertThat(out.status()).isEqualTo(RenderStatus.TIMEOUT);
        // "stopped responding" is the stall's own reason; a render the time limit ended says "did not finish".
        assertThat(out.reason()).contains("stopped responding");
        assertThat(out.console()).noneMatch(l -> l.text().contains("GPU process drew"));
    }
}
