package autobench.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Picture measurements behind the checks, and their thresholds (see docs/rendering.md). */
final class Pixels {
    private Pixels() {}

    /** A poster whose luminance standard deviation is at or below this is blank (one flat colour). */
    static final double BLANK_CONTRAST = 2.0;
    /** A channel must move by more than this (0..255) for a pixel to count as changed. */
    static final int CHANGE_DELTA = 16;
    /** Share of changed pixels above which two pictures differ (0.1 % = 480 px at 800×600). */
    static final double CHANGE_SHARE = 0.001;

    /** Decodes to packed RGB ints (TYPE_INT_RGB), the layout every measurement here reads directly. */
    static BufferedImage decode(byte[] encoded) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
            if (img == null) throw new IllegalArgumentException("not an image");
            if (img.getType() == BufferedImage.TYPE_INT_RGB) return img;
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            var g = rgb.createGraphics();
            g.drawImage(img, 0, 0, null); // one native blit; per-pixel getRGB on the decoded layout is slow
            g.dispose();
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pixels as packed RGB, without a copy when the picture is already TYPE_INT_RGB. */
    static int[] rgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB
                && img.getRaster().getDataBuffer() instanceof DataBufferInt d
                && d.getNumBanks() == 1
                && img.getRaster().getParent() == null) {
            return d.getData();
        }
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** Standard deviation of luminance, 0 for a flat picture. */
    static double contrast(BufferedImage img) {
        int[] rgb = rgb(img);
        double sum = 0, sumSq = 0;
        for (int p : rgb) {
            double y = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
            sum += y;
            sumSq += y * y;
        }
        double mean = sum / rgb.length;
        return Math.sqrt(Math.max(0, sumSq / rgb.length - mean * mean));
    }

    /**
     * The contrast of a region given in viewport pixels, of a picture taken at {@code scale}; the
     * region is clipped to the picture (nothing left: 0).
     */
    static double contrast(BufferedImage img, Rectangle viewportRegion, double scale) {
        Rectangle r = new Rectangle(
                        (int) Math.floor(viewportRegion.x * scale),
                        (int) Math.floor(viewportRegion.y * scale),
                        (int) Math.ceil(viewportRegion.width * scale),
                        (int) Math.ceil(viewportRegion.height * scale))
                .intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
        if (r.isEmpty()) return 0;
        return contrast(img.getSubimage(r.x, r.y, r.width, r.height));
    }

    /**
     * The share of a region's pixels (viewport pixels, picture taken at {@code scale}) that have its
     * most common colour: 1 for a flat region, whatever small text is laid over it.
     */
    static double dominantShare(BufferedImage img, Rectangle viewportRegion, double scale) {
        Rectangle r = new Rectangle(
                        (int) Math.floor(viewportRegion.x * scale),
                        (int) Math.floor(viewportRegion.y * scale),
                        (int) Math.ceil(viewportRegion.width * scale),
                        (int) Math.ceil(viewportRegion.height * scale))
                .intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
        if (r.isEmpty()) return 1;
        int[] px = img.getRGB(r.x, r.y, r.width, r.height, null, 0, r.width);
        Map<Integer, Integer> counts = new HashMap<>();
        int best = 0;
        for (int p : px) best = Math.max(best, counts.merge(p & 0xffffff, 1, Integer::sum));
        return (double) best / px.length;
    }

    /** Share of pixels that changed between two pictures (1 if their sizes differ). */
    static double changed(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return 1;
        int[] pa = rgb(a);
        int[] pb = rgb(b);
        int changed = 0;
        for (int i = 0; i < pa.length; i++) {
            int x = pa[i] & 0xffffff, y = pb[i] & 0xffffff;
            if (x == y) continue;
            int dr = Math.abs(((x >> 16) & 0xff) - ((y >> 16) & 0xff));
            int dg = Math.abs(((x >> 8) & 0xff) - ((y >> 8) & 0xff));
            int db = Math.abs((x & 0xff) - (y & 0xff));
            if (Math.max(dr, Math.max(dg, db)) > CHANGE_DELTA) changed++;
        }
        return (double) changed / pa.length;
    }

    static double changed(byte[] a, byte[] b) {
        if (Arrays.equals(a, b)) return 0;
        return changed(decode(a), decode(b));
    }
}
