package autobench.render;

import autobench.runtime.Libraries;
import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The allowed libraries as live previews get them: in their preview form, with a strong validator,
 * and with the brotli and gzip forms made at build time, so a visitor's browser downloads a few
 * hundred kilobytes where the files weigh megabytes, and the server never compresses per request.
 *
 * <p>The preview form is the renderer's body with library CDN URLs inside scripts and style sheets
 * made path-absolute ({@code /cdn/<host>/...}): module re-exports, classic-build facades and add-ons
 * import their library by its canonical URL, which the sandbox's policy would refuse. Being
 * path-absolute, the bytes are the same whatever host name the sandbox is reached by, so they can
 * be compressed once, at build time, and cached anywhere.
 *
 * <p>Compressed forms are stored by the SHA-256 of the preview body ({@code precompressed/<sha>.br},
 * {@code .gz}): identical files of several versions (three.js's add-ons and fonts) share one, and a
 * form can only ever be sent for the bytes it was made from, whatever changed since the build.
 */
public final class PreviewLibraries {
    static final String ROOT = "autobench/render/precompressed/";
    /** Below this, compressing saves less than the headers cost. */
    static final int SMALLEST = 1024;
    /** Content types worth compressing; fonts (woff2) are compressed already. */
    private static final Set<String> COMPRESSIBLE =
            Set.of("application/javascript", "text/css", "application/json", "image/svg+xml");

    /**
     * One library response for previews.
     *
     * @param sha  the SHA-256 of {@code body}, in hex: its validator, and the name of its compressed forms
     * @param gzip whether a gzip form was made at build time
     * @param br   whether a brotli form was made at build time
     */
    public record Prepared(byte[] body, String contentType, String sha, boolean gzip, boolean br) {}

    private final LibraryRoutes routes;
    /** Keyed by the renderer's body (the same array each time for a file): hashing a 6 MB build once is enough. */
    private final Map<byte[], Prepared> prepared = Collections.synchronizedMap(new WeakHashMap<>());

    private PreviewLibraries(LibraryRoutes routes) {
        this.routes = routes;
    }

    /** Previews of the bundled libraries. */
    public static PreviewLibraries bundled() {
        return new PreviewLibraries(LibraryRoutes.bundled());
    }

    /** What a preview gets for {@code url}; empty where the renderer would refuse it. */
    public Optional<Prepared> lookup(String url) {
        if (!(routes.resolve(url) instanceof LibraryRoutes.Resolution.Served s)) return Optional.empty();
        if (s.body().length < SMALLEST) return Optional.of(prepare(s.body(), s.contentType()));
        return Optional.of(prepared.computeIfAbsent(s.body(), b -> prepare(b, s.contentType())));
    }

    private static Prepared prepare(byte[] served, String contentType) {
        byte[] body = previewForm(served, contentType);
        String sha = sha(body);
        boolean compressible = compressible(body, contentType);
        return new Prepared(
                body, contentType, sha, compressible && exists(sha + ".gz"), compressible && exists(sha + ".br"));
    }

    /** The stored gzip form of the body named {@code sha}, read when sent (kept out of memory between requests). */
    public static byte[] gzip(String sha) {
        return read(sha + ".gz");
    }

    /** The stored brotli form of the body named {@code sha}. */
    public static byte[] brotli(String sha) {
        return read(sha + ".br");
    }

    /** Scripts and style sheets with their library CDN URLs made path-absolute; anything else as it is. */
    static byte[] previewForm(byte[] body, String contentType) {
        if (!contentType.contains("javascript") && !contentType.startsWith("text/css")) return body;
        String text = new String(body, StandardCharsets.UTF_8);
        String pointed = Libraries.pointAt(text, "");
        return pointed == text ? body : pointed.getBytes(StandardCharsets.UTF_8);
    }

    static boolean compressible(byte[] body, String contentType) {
        String type = contentType.split(";")[0].trim();
        return body.length >= SMALLEST && COMPRESSIBLE.contains(type);
    }

    static String sha(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(String name) {
        return PreviewLibraries.class.getClassLoader().getResource(ROOT + name) != null;
    }

    private static byte[] read(String name) {
        try (InputStream in = PreviewLibraries.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) throw new IllegalStateException("missing precompressed library " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every body a preview may be sent at full size: each kept file of each bundle, in its preview form. */
    Stream<Prepared> keptFiles() {
        return Libraries.SERVED.stream()
                .flatMap(lib -> lib.bundles().stream()
                        .flatMap(b -> routes.keptFiles(b).stream()
                                .map(f -> prepare(routes.servedBody(lib, b, f), LibraryRoutes.contentType(f)))));
    }

    /**
     * Build step (LibraryBundler, after bundling): writes the brotli (quality 10, the largest window
     * browsers accept) and gzip (level 9) forms of every compressible kept file that a form makes
     * smaller, skips those already made, and removes those no file names any more. Files are
     * compressed on every core, or taken from the machine's {@link FormCache} where an earlier build
     * made them. Quality 10, not 11: on three.js's 7 MB of modules, 11 took 2.6
     * times as long (9.1 s against 3.5 s on this machine) for forms 2.4 % smaller, and a clean
     * clone's build compresses 62 MB.
     */
    static void precompress(Path classes) throws IOException {
        Path dir = classes.resolve(ROOT);
        Files.createDirectories(dir);
        boolean brotli = brotliAvailable();
        PreviewLibraries previews = new PreviewLibraries(LibraryRoutes.bundled());
        long started = System.nanoTime();
        Map<String, Prepared> unique = new LinkedHashMap<>();
        for (Prepared p : (Iterable<Prepared>) previews.keptFiles()::iterator) {
            if (compressible(p.body(), p.contentType())) unique.putIfAbsent(p.sha(), p);
        }
        AtomicLong made = new AtomicLong(), reused = new AtomicLong();
        Optional<FormCache> cache = FormCache.fromEnvironment(System.getenv(), System.getProperty("user.home"));
        try {
            unique.values().parallelStream().forEach(p -> {
                try {
                    switch (makeForms(p, dir, brotli, cache)) {
                        case MADE -> made.incrementAndGet();
                        case REUSED -> reused.incrementAndGet();
                        case PRESENT -> {}
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Set<String> wanted = new HashSet<>();
        long raw = 0, gz = 0, br = 0;
        for (Prepared p : unique.values()) {
            raw += p.body().length;
            for (String form : List.of(p.sha() + ".gz", p.sha() + ".br")) {
                Path f = dir.resolve(form);
                if (!Files.isRegularFile(f)) continue;
                wanted.add(form);
                if (form.endsWith(".gz")) gz += Files.size(f);
                else br += Files.size(f);
            }
        }
        try (Stream<Path> stale = Files.list(dir)) {
            for (Path f : stale.filter(f -> !wanted.contains(f.getFileName().toString()))
                    .toList()) Files.delete(f);
        }
        System.out.printf(
                "[autobench] precompressed %d library files (%d new, %d from the build cache %s, %d s): %d KB as gzip %d KB,"
                        + " brotli %d KB%s%n",
                unique.size(),
                made.get(),
                reused.get(),
                cache.map(FormCache::toString).orElse("(off)"),
                (System.nanoTime() - started) / 1_000_000_000,
                raw / 1024,
                gz / 1024,
                br / 1024,
                brotli ? "" : " (no brotli library for this platform: gzip only)");
    }

    /** What {@link #makeForms} did for one file. */
    enum Made {
        /** Both forms were in the classes already. */
        PRESENT,
        /** Every missing form was taken from the build cache. */
        REUSED,
        /** At least one form was compressed here. */
        MADE
    }

    /** Writes the forms of {@code p} not written yet (each only if smaller), from the cache where it has them. */
    static Made makeForms(Prepared p, Path dir, boolean brotli, Optional<FormCache> cache) throws IOException {
        Made gz = makeForm(p, dir.resolve(p.sha() + ".gz"), FormCache.Form.GZIP9, cache);
        Made br = brotli ? makeForm(p, dir.resolve(p.sha() + ".br"), FormCache.Form.BROTLI10, cache) : Made.PRESENT;
        return gz == Made.MADE || br == Made.MADE
                ? Made.MADE
                : gz == Made.REUSED || br == Made.REUSED ? Made.REUSED : Made.PRESENT;
    }

    private static Made makeForm(Prepared p, Path file, FormCache.Form form, Optional<FormCache> cache)
            throws IOException {
        if (Files.isRegularFile(file)) return Made.PRESENT;
        Optional<byte[]> kept = cache.flatMap(c -> c.get(p.sha(), p.body(), form));
        Made how = kept.isPresent() ? Made.REUSED : Made.MADE;
        byte[] packed = kept.orElseGet(() -> compress(p, form));
        boolean smaller = packed.length > 0 && packed.length < p.body().length;
        if (smaller) Files.write(file, packed);
        if (how == Made.MADE) cache.ifPresent(c -> c.put(p.sha(), form, smaller ? packed : new byte[0]));
        return how;
    }

    private static byte[] compress(Prepared p, FormCache.Form form) {
        try {
            if (form == FormCache.Form.GZIP9) return gzipped(p.body());
            Encoder.Mode mode =
                    p.contentType().contains("javascript") || p.contentType().contains("css")
                            ? Encoder.Mode.TEXT
                            : Encoder.Mode.GENERIC;
            return Encoder.compress(
                    p.body(),
                    new Encoder.Parameters().setQuality(10).setWindow(24).setMode(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzipped(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    static boolean brotliAvailable() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable t) { // no native library for this platform
            return false;
        }
    }
}
