package autobench.render;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Compressed library forms kept between builds on one machine, the way npm keeps its packages: a
 * clean clone's build takes the forms an earlier build made (any checkout) instead of compressing
 * 62 MB again, 16 s on two cores. An entry is named by the SHA-256 of the body and how it was
 * compressed ({@code <sha>.br10}, {@code <sha>.gz9}), so it can only be taken for the same bytes
 * compressed the same way; an empty entry records that the form was not smaller than the body. An
 * entry is decompressed and compared with the body before it is taken (a damaged one is made
 * again and replaced), and written to a temporary file that is then moved into place, so an
 * interrupted build leaves no half entry.
 *
 * <p>Where: {@code $AUTOBENCH_BUILD_CACHE}, else {@code $XDG_CACHE_HOME/autobench}, else
 * {@code ~/.cache/autobench}, in a folder {@code precompressed} (beside {@code npm-packs}, the
 * packed packages, see LibraryBundler); {@code AUTOBENCH_BUILD_CACHE=off} builds without either.
 * Deleting the folders is always safe.
 */
record FormCache(Path dir) {
    /** The cache the environment names, or none. */
    static Optional<FormCache> fromEnvironment(Map<String, String> env, String home) {
        Optional<Path> root = root(env, home);
        if (root.isEmpty()) return Optional.empty();
        Path dir = root.get().resolve("precompressed");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            System.out.println("[autobench] no build cache (" + dir + ": " + e + "); compressing everything");
            return Optional.empty();
        }
        return Optional.of(new FormCache(dir));
    }

    /**
     * The machine's build cache folder ({@code $AUTOBENCH_BUILD_CACHE}, else
     * {@code $XDG_CACHE_HOME/autobench}, else {@code ~/.cache/autobench}), or none if it is off or
     * there is no home; it holds the compressed forms and the packed npm packages.
     */
    static Optional<Path> root(Map<String, String> env, String home) {
        String named = env.get("AUTOBENCH_BUILD_CACHE");
        if (named != null && !named.isBlank()) {
            return named.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(named));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Optional.of(Path.of(xdg, "autobench"));
        if (home != null && !home.isBlank()) return Optional.of(Path.of(home, ".cache", "autobench"));
        return Optional.empty();
    }

    /** How a form was made: the file suffix of its entry. */
    enum Form {
        GZIP9("gz9"),
        BROTLI10("br10");

        final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * What an earlier build made of {@code body} (named {@code sha}): the form, an empty array if the
     * form was not smaller than the body, or empty if there is no usable entry. An entry is taken
     * only if it decompresses to exactly {@code body}: compared byte for byte, which unlike hashing
     * what it decompresses to costs next to nothing.
     */
    Optional<byte[]> get(String sha, byte[] body, Form form) {
        Path entry = dir.resolve(sha + "." + form.suffix);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(entry)) return Optional.empty();
            bytes = Files.readAllBytes(entry);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (bytes.length == 0 || Arrays.equals(decompressed(bytes, form), body)) return Optional.of(bytes);
        return Optional.empty(); // damaged or foreign: made again, and put() replaces it
    }

    /** Records what this build made ({@code form} empty: not smaller than the body); a failure only costs the reuse. */
    void put(String sha, Form form, byte[] bytes) {
        Path entry = dir.resolve(sha + "." + form.suffix);
        try {
            Path tmp = Files.createTempFile(dir, sha, ".part");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            System.out.println("[autobench] could not keep " + entry + " in the build cache: " + e);
        }
    }

    /** The body a form decompresses to; an empty array if it does not decompress at all. */
    static byte[] decompressed(byte[] packed, Form form) {
        try {
            if (form == Form.GZIP9) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
                    return in.readAllBytes();
                }
            }
            DirectDecompress d = Decoder.decompress(packed);
            return d.getResultStatus() == DecoderJNI.Status.DONE ? d.getDecompressedData() : new byte[0];
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
