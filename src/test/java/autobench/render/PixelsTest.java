package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelsTest {
    static BufferedImage flat(Color c) {
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        return img;
    }

    @Test
    void a_flat_picture_of_any_colour_has_no_contrast() {
        assertThat(Pixels.contrast(flat(Color.WHITE))).isLessThan(0.001);
        assertThat(Pixels.contrast(flat(Color.RED))).isLessThan(0.001);
    }

    @Test
    void a_picture_with_a_shape_has_contrast_above_the_blank_threshold() {
        BufferedImage img = flat(Color.BLACK);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(10, 10, 20, 20);
        g.dispose();
        assertThat(Pixels.contrast(img)).isGreaterThan(Pixels.BLANK_CONTRAST);
    }

    @Test
    void changed_counts_only_pixels_that_moved_more_than_the_delta() {
        BufferedImage a = flat(new Color(100, 100, 100));
        BufferedImage faint = flat(new Color(110, 100, 100));
        assertThat(Pixels.changed(a, faint)).isZero();
        BufferedImage b = flat(new Color(100, 100, 100));
        var g = b.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        assertThat(Pixels.changed(a, b)).isEqualTo(0.01);
    }

    @Test
    void pictures_of_different_sizes_count_as_entirely_changed() {
        assertThat(Pixels.changed(flat(Color.RED), new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB)))
                .isEqualTo(1.0);
    }
}
