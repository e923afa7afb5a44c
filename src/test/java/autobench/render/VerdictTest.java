package autobench.render;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(out.artifacts()).extracting(Artifact::kind)
                .containsExactly("poster", "frame-1", "frame-2", "frame-3", "frame-4", "preview");
        assertThat(out.artifact("preview").orElseThrow().mimeType()).isEqualTo("image/gif");
    }

    @Test
    void an_uncaught_error_makes_the_status_error_even_if_something_was_drawn() {
        Trace t = drawn(false);
        t.error("ReferenceError: x is not defined");
        RenderOutput out = Verdict.of(t, config, 100);
        assertThat(out.status()).isEqualTo(RenderStatus.ERROR);
        assertThat(out.reason()).isEqualTo("uncaught error: ReferenceError: x is not defined");
        assertThat(out.checks().runs()).isFalse();
        assertThat(out.checks().notBlank()).isTrue();
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
        assertThat(out.artifact("frame-1").orElseThrow().bytes()).isEqualTo(t.captures.frames().get(1).bytes);
    }

    @Test
    void a_crash_outranks_an_error() {
        Trace t = drawn(true);
        t.error("boom");
        t.crashed("the page crashed");
        assertThat(Verdict.of(t, config, 1).status()).isEqualTo(RenderStatus.CRASHED);
    }

    @Test
    void a_timeout_outranks_an_error_and_the_crash_the_watchdog_causes_afterwards() {
        Trace t = drawn(true);
        t.error("boom");
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
