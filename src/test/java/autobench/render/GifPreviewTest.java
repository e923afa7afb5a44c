package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class GifPreviewTest {
    @Test
    void the_preview_is_a_looping_gif_with_one_picture_per_frame_scaled_down() throws Exception {
        List<BufferedImage> frames =
                List.of(PixelsTest.flat(Color.RED), PixelsTest.flat(Color.GREEN), PixelsTest.flat(Color.BLUE));
        BufferedImage big = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        byte[] gif = GifPreview.encode(List.of(big, big), 750);
        assertThat(new String(gif, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(new String(gif, StandardCharsets.ISO_8859_1)).contains("NETSCAPE2.0");

        byte[] three = GifPreview.encode(frames, 750);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(three))) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            assertThat(new Color(reader.read(1).getRGB(5, 5))).isEqualTo(Color.GREEN);
        }
        ImageReader r2 = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            r2.setInput(in);
            assertThat(r2.read(0).getWidth()).isEqualTo(GifPreview.MAX_WIDTH);
        }
    }
}
