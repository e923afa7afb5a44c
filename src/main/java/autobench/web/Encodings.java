package autobench.web;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content codings the site sends: brotli where the client accepts it and the platform's
 * brotli library loads, else gzip, else none. Bodies are compressed once, when an entry is made,
 * never per request.
 */
final class Encodings {
    private static final Logger log = LoggerFactory.getLogger(Encodings.class);
    /** Cached pages: re-made after every vote, so a quick level (a 34 KB page in about a millisecond). */
    static final int PAGE_QUALITY = 6;
    /** Static files: made once per process, so the smallest result. */
    static final int STATIC_QUALITY = 11;

    private static final boolean BROTLI = load();

    /** What a response is sent as. */
    enum Coding {
        IDENTITY,
        GZIP,
        BR
    }

    private Encodings() {}

    private static boolean load() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable t) { // no native library for this platform: gzip only, and say so once
            log.info(
                    "brotli is not available on this platform ({}); pages are sent gzip-compressed only", t.toString());
            return false;
        }
    }

    static boolean brotliAvailable() {
        return BROTLI;
    }

    /** The brotli form of {@code body}, or null when brotli is not available here. */
    /**
     * The smallest brotli window (log2 of its bytes, 10 to 24) that holds the whole body. A window larger
     * than the input compresses no better, but the encoder allocates native memory for it: the default
     * 4 MB window made every page compressed (each cached page, at every data change) malloc several
     * megabytes outside the Java heap, and the process's resident size grew by 100 MB under bench/load.sh.
     */
    static int window(int length) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, length - 1));
        return Math.max(10, Math.min(24, bits + 1));
    }

    static byte[] brotli(byte[] body, int quality) {
        if (!BROTLI) return null;
        try {
            return Encoder.compress(
                    body,
                    new Encoder.Parameters()
                            .setQuality(quality)
                            .setMode(Encoder.Mode.TEXT)
                            .setWindow(window(body.length)));
        } catch (IOException | RuntimeException e) {
            log.warn("brotli compression failed; sending gzip instead", e);
            return null;
        }
    }

    /**
     * The best coding the client accepts among those available: br before gzip. Follows the
     * Accept-Encoding grammar far enough that {@code br;q=0} refuses brotli and {@code *} accepts any.
     */
    static Coding choose(String acceptEncoding, boolean haveBr, boolean haveGzip) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) return Coding.IDENTITY;
        float br = -1, gzip = -1, any = -1;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.split(";");
            String name = p[0].trim().toLowerCase(Locale.ROOT);
            float q = 1;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.length() > 2
                        && (param.charAt(0) == 'q' || param.charAt(0) == 'Q')
                        && param.charAt(1) == '=') {
                    try {
                        q = Float.parseFloat(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0; // a malformed weight accepts nothing rather than guessing
                    }
                }
            }
            switch (name) {
                case "br" -> br = q;
                case "gzip", "x-gzip" -> gzip = q;
                case "*" -> any = q;
                default -> {}
            }
        }
        if (br < 0) br = any;
        if (gzip < 0) gzip = any;
        if (haveBr && br > 0 && br >= gzip) return Coding.BR;
        if (haveGzip && gzip > 0) return Coding.GZIP;
        if (haveBr && br > 0) return Coding.BR;
        return Coding.IDENTITY;
    }
}
