package autobench.render;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The gallery's animated preview: the frames, scaled down, as a looping GIF. The JDK's own GIF
 * writer is enough (it builds the palette itself), so no image library is needed.
 */
final class GifPreview {
    static final int MAX_WIDTH = 400;

    private GifPreview() {}

    static byte[] encode(List<BufferedImage> frames, int delayMs) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                BufferedImage small = scale(frame);
                IIOMetadata meta =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(small), null);
                annotate(meta, Math.max(2, delayMs / 10));
                writer.writeToSequence(new IIOImage(small, null, meta), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void annotate(IIOMetadata meta, int delayCentis) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentis));
        control.setAttribute("transparentColorIndex", "0");
        // The NETSCAPE2.0 extension with a loop count of 0 makes browsers loop forever.
        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
        app.setAttribute("applicationID", "NETSCAPE");
        app.setAttribute("authenticationCode", "2.0");
        app.setUserObject(new byte[] {1, 0, 0});
        child(root, "ApplicationExtensions").appendChild(app);
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /**
     * Scales down and maps every pixel to a fixed 6×7×6 colour cube. The JDK writer would build
     * an optimal palette per frame itself, but that costs more than the rest of a render.
     */
    private static BufferedImage scale(BufferedImage src) {
        int w = Math.min(MAX_WIDTH, src.getWidth());
        int h = Math.max(1, src.getHeight() * w / src.getWidth());
        BufferedImage rgb = src;
        if (w != src.getWidth() || src.getType() != BufferedImage.TYPE_INT_RGB) { // frames are usually small already
            rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            var g = rgb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
        }
        int[] px = Pixels.rgb(rgb);
        byte[] idx = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int r = (((p >> 16) & 0xff) * 5 + 127) / 255,
                    gg = (((p >> 8) & 0xff) * 6 + 127) / 255,
                    b = ((p & 0xff) * 5 + 127) / 255;
            idx[i] = (byte) ((r * 7 + gg) * 6 + b);
        }
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        indexed.getRaster().setDataElements(0, 0, w, h, idx);
        return indexed;
    }

    private static final IndexColorModel PALETTE = cube();

    private static IndexColorModel cube() {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 7; j++)
                for (int k = 0; k < 6; k++) {
                    int n = (i * 7 + j) * 6 + k;
                    r[n] = (byte) (i * 255 / 5);
                    g[n] = (byte) (j * 255 / 6);
                    b[n] = (byte) (k * 255 / 5);
                }
        return new IndexColorModel(8, 256, r, g, b);
    }
}
