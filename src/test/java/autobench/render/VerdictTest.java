package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class VerdictTest {
    final RenderConfig config = RenderConfig.defaults(Path.of("/nonexistent/chromium"));

    static byte[] png(Color background, int squareX) {
        BufferedImage img = PixelsTest.flat(background);
        if (squareX >= 0) {
            var g = img.createGraphics();
            g.setColor(Color.YELLOW);
            g.fillRect(squareX, 40, 20, 20);
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Trace drawn(boolean moving) {
        Trace t = new Trace();
        t.captures.poster(png(Color.BLUE, 10));
        for (int i = 0; i < 5; i++) t.captures.frame(png(Color.BLUE, moving ? i * 15 : 10));
        return t;
    }

    @Test
    void a_page_that_draws_and_moves_without_errors_is_ok_and_animates() {
        RenderOutput out = Verdict.of(drawn(true), config, 100);
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().runs()).isTrue();
        assertThat(out.checks().animates()).isTrue();
        assertThat(out.artifacts())
                .extracting(Artifact::kind)
                .containsExactly("poster", "frame-1", "frame-2", "frame-3", "frame-4", "preview");
        assertThat(out.artifact("preview").orElseThrow().mimeType()).isEqualTo("image/gif");
    }

    @Test
    void an_uncaught_error_before_the_page_drew_makes_the_status_error_even_if_something_was_drawn_later() {
        Trace t = new Trace();
        t.captures.early(png(Color.BLUE, -1));
        t.error("ReferenceError: x is not defined");
        t.captures.poster(png(Color.BLUE, 10));
        for (int i = 0; i < 5; i++) t.captures.frame(png(Color.BLUE, 10));
        RenderOutput out = Verdict.of(t, config, 100);
        assertThat(out.status()).isEqualTo(RenderStatus.ERROR);
        assertThat(out.reason())
                .isEqualTo("uncaught error before the page drew anything: ReferenceError: x is not defined");
        assertThat(out.checks().runs()).isFalse();
        assertThat(out.checks().notBlank()).isTrue();
    }

    @Test
    void an_uncaught_error_after_the_page_drew_leaves_it_ok_with_the_error_shown() {
        Trace t = drawn(false);
        t.error("ReferenceError: firebase is not defined");
        RenderOutput out = Verdict.of(t, config, 100);
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().runs()).isFalse();
        assertThat(out.errors()).containsExactly("ReferenceError: firebase is not defined");
        assertThat(out.reason())
                .isEqualTo("rendered; an uncaught error came after it drew: ReferenceError: firebase is not defined");
    }

    @Test
    void a_module_script_that_failed_to_load_makes_the_status_error_whatever_was_drawn() {
        Trace t = drawn(true);
        t.moduleFailed("an inline module script");
        RenderOutput out = Verdict.of(t, config, 100);
        assertThat(out.status()).isEqualTo(RenderStatus.ERROR);
        assertThat(out.reason())
                .isEqualTo("a module script failed to load, so none of its code ran: an inline module script");
        assertThat(out.checks().runs()).isFalse();
    }

    @Test
    void a_visible_webgl_canvas_that_stayed_one_colour_is_blank_though_a_title_lies_over_it() {
        Trace t = new Trace();
        t.captures.poster(titleOver(Color.BLACK)); // a line of text over the canvas, under 1 % of it
        for (int i = 0; i < 5; i++) t.captures.frame(titleOver(Color.BLACK));
        t.webgl = new Trace.WebGl(120, List.of(new Rectangle(0, 0, 800, 600)));
        RenderOutput out = Verdict.of(t, config, 100);
        assertThat(out.status()).isEqualTo(RenderStatus.BLANK);
        assertThat(out.reason()).contains("WebGL canvas");

        t.webgl = new Trace.WebGl(0, List.of(new Rectangle(0, 0, 800, 600)));
        Trace drewScene = drawn(true);
        drewScene.webgl = new Trace.WebGl(0, List.of(new Rectangle(0, 0, 800, 600)));
        assertThat(Verdict.of(drewScene, config, 1).status())
                .as("no draw call at all")
                .isEqualTo(RenderStatus.BLANK);

        Trace scene = new Trace();
        scene.captures.poster(sceneOver(Color.BLACK));
        for (int i = 0; i < 5; i++) scene.captures.frame(png(Color.BLACK, i * 15));
        scene.webgl = new Trace.WebGl(120, List.of(new Rectangle(0, 0, 800, 600)));
        assertThat(Verdict.of(scene, config, 1).status()).isEqualTo(RenderStatus.OK);
    }

    /** A picture a third of which is a drawn object. */
    static byte[] sceneOver(Color background) {
        return over(background, img -> img.fillRect(0, 0, 33, 100));
    }

    /** A picture with a thin line of "text" (0.8 % of it) over a flat colour. */
    static byte[] titleOver(Color background) {
        return over(background, img -> img.fillRect(10, 10, 8, 1));
    }

    static byte[] over(Color background, Consumer<Graphics2D> draw) {
        BufferedImage img = PixelsTest.flat(background);
        var g = img.createGraphics();
        g.setColor(Color.ORANGE);
        draw.accept(g);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_render_cut_short_after_a_correct_picture_is_ok_and_slow_not_timeout() {
        Trace t = drawn(true);
        t.timedOut();
        RenderOutput out = Verdict.of(t, config, 1);
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().slow()).isTrue();
        assertThat(out.reason()).contains("slow: it did not finish within 30 s");
    }

    @Test
    void a_slow_page_cut_short_before_its_poster_keeps_its_last_complete_frame_as_the_poster() {
        Trace t = new Trace();
        byte[] last = png(Color.GREEN, 30);
        t.captures.provisional(png(Color.GREEN, 10));
        t.captures.provisional(last);
        t.slow("slow: 48 ms of page time took 900 ms to draw, so it is drawn in 64 ms frames");
        t.hung();
        RenderOutput out = Verdict.of(t, config, 1);
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().slow()).isTrue();
        assertThat(out.artifact("poster").orElseThrow().bytes()).isEqualTo(last);
    }

    @Test
    void a_flat_page_is_blank_unless_input_reveals_something_which_then_becomes_the_poster() {
        Trace t = new Trace();
        t.captures.poster(png(Color.WHITE, -1));
        for (int i = 0; i < 3; i++) t.captures.frame(png(Color.WHITE, -1));
        assertThat(Verdict.of(t, config, 1).status()).isEqualTo(RenderStatus.BLANK);

        t.captures.input(new Trace.Shot(png(Color.WHITE, -1)), png(Color.RED, 30));
        byte[] fullSize = png(Color.RED, 60);
        t.captures.revealed(fullSize);
        RenderOutput out = Verdict.of(t, config, 1);
        assertThat(out.status()).isEqualTo(RenderStatus.OK);
        assertThat(out.checks().interactive()).isTrue();
        assertThat(out.artifact("poster").orElseThrow().bytes()).isEqualTo(fullSize);
    }

    @Test
    void the_poster_is_the_full_size_picture_and_the_first_small_frame_is_not_stored_twice() {
        Trace t = drawn(true);
        byte[] poster = t.captures.poster().bytes;
        RenderOutput out = Verdict.of(t, config, 1);
        assertThat(out.artifact("poster").orElseThrow().bytes()).isEqualTo(poster);
        assertThat(out.artifacts()).extracting(Artifact::kind).doesNotContain("frame-0");
        assertThat(out.artifact("frame-1").orElseThrow().bytes())
                .isEqualTo(t.captures.frames().get(1).bytes);
    }

    @Test
    void a_crash_outranks_an_error() {
        Trace t = drawn(true);
        t.error("boom");
        t.crashed("the page crashed");
        assertThat(Verdict.of(t, config, 1).status()).isEqualTo(RenderStatus.CRASHED);
    }

    @Test
    void a_timeout_outranks_an_error_before_drawing_and_the_crash_the_watchdog_causes_afterwards() {
        Trace t = new Trace();
        t.error("boom");
        t.captures.poster(png(Color.BLUE, 10));
        t.timedOut();
        t.crashed("the page crashed (out of memory or killed)");
        RenderOutput out = Verdict.of(t, config, 1);
        assertThat(out.status()).isEqualTo(RenderStatus.TIMEOUT);
        assertThat(out.reason()).startsWith("did not finish within 30 s");
    }

    @Test
    void a_render_with_no_picture_at_all_is_a_timeout_with_no_artifacts() {
        RenderOutput out = Verdict.of(new Trace(), config, 1);
        assertThat(out.status()).isEqualTo(RenderStatus.TIMEOUT);
        assertThat(out.artifacts()).isEmpty();
        assertThat(out.checks().runs()).isFalse();
    }

    @Test
    void artifacts_are_content_addressed_by_sha256() {
        Artifact a = new Artifact("poster", "image/png", "abc".getBytes());
        assertThat(a.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
