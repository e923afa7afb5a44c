package autobench.render;

import autobench.runtime.Libraries;
import autobench.runtime.Libraries.Bundle;
import autobench.runtime.Libraries.Library;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Build step (run by exec-maven-plugin after compile): fetches each kept library version with
 * {@code npm pack} and copies its files, its licence, an index of the files kept and, for classic
 * builds that modules may ask for, the names the build's global carries, into the classes; then the
 * compressed forms live previews are sent ({@link PreviewLibraries#precompress}).
 *
 * <p>Public only because the plugin calls {@code main} reflectively. It reads the list from
 * {@link Libraries} so the prompt, the renderer and the bundle cannot drift apart, and it fails the
 * build with a plain message when npm or the registry is missing: a renderer without its libraries
 * would silently give every p5.js answer a blank poster.
 */
public final class LibraryBundler {
    private LibraryBundler() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2)
            throw new IllegalArgumentException("usage: LibraryBundler <pack-cache-dir> <classes-dir>");
        Path cache = packCache(Path.of(args[0]));
        Path classes = Path.of(args[1]);
        Files.createDirectories(cache);
        // One npm process for every package not yet in the cache: npm takes about a second to start
        // and look a package up, so one call per package cost a minute on a clean clone, one call for
        // all of them a few seconds.
        Map<String, Path> missing = new LinkedHashMap<>();
        for (Library lib : Libraries.SERVED) {
            for (Bundle bundle : lib.bundles()) {
                Path tgz = tgz(lib, bundle, cache);
                if (!bundled(lib, bundle, classes) && !Files.isRegularFile(tgz))
                    missing.put(lib.npmPackage() + "@" + bundle.version(), tgz);
            }
        }
        if (!missing.isEmpty()) pack(missing, cache);
        // Unpacking and writing on every core; the names of classic builds, the index files and the
        // messages after, in the list's order.
        List<Bundled> bundled;
        try {
            bundled = Libraries.SERVED.stream()
                    .flatMap(lib -> lib.bundles().stream().map(b -> Map.entry(lib, b)))
                    .toList()
                    .parallelStream()
                    .map(e -> {
                        try {
                            return bundle(e.getKey(), e.getValue(), cache, classes);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(
                                    "interrupted while packing " + e.getKey().npmPackage(), ex);
                        }
                    })
                    .flatMap(Optional::stream)
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        finish(bundled, classes);
        PreviewLibraries.precompress(classes);
    }

    /**
     * Where packed packages are kept: beside the compressed forms in the machine's build cache
     * ({@code <cache>/npm-packs}, see {@link FormCache}), so that a clean clone does not start npm
     * at all once any checkout on the machine has packed the same versions (exact versions: a
     * package packed once is the package); with the cache off, {@code fallback} in the build folder.
     */
    public static Path packCache(Path fallback) {
        return FormCache.root(System.getenv(), System.getProperty("user.home"))
                .map(root -> root.resolve("npm-packs"))
                .orElse(fallback);
    }

    /**
     * A bundle whose files are written; {@code classic} is its classic build if the names that build
     * exports are wanted (read for all bundles by one Node.js process). Its index is written last, so
     * a build stopped before that bundles it again.
     */
    private record Bundled(Library lib, Bundle bundle, Path index, List<String> kept, long bytes, Path classic) {
        String spec() {
            return lib.npmPackage() + "@" + bundle.version();
        }
    }

    private static void finish(List<Bundled> bundled, Path classes) throws IOException, InterruptedException {
        List<Bundled> classic =
                bundled.stream().filter(b -> b.classic() != null).toList();
        Map<Path, List<String>> names = exportedNames(classic.stream()
                .map(b -> new Classic(b.classic(), peers(classes, b.bundle())))
                .toList());
        for (Bundled b : bundled) {
            if (b.classic() != null) {
                Files.writeString(
                        b.classic().resolveSibling(b.classic().getFileName() + LibraryRoutes.EXPORTS),
                        String.join("\n", names.getOrDefault(b.classic(), List.of())),
                        StandardCharsets.UTF_8);
            }
            Files.writeString(b.index(), String.join("\n", b.kept()), StandardCharsets.UTF_8);
            System.out.println(
                    "[autobench] bundled " + b.spec() + ": " + b.kept().size() + " files, " + b.bytes() / 1024 + " KB");
        }
    }

    private static boolean bundled(Library lib, Bundle bundle, Path classes) {
        Path root = classes.resolve(LibraryRoutes.resourceRoot(lib.npmPackage(), bundle.version()));
        return Files.isRegularFile(root.resolve(LibraryRoutes.INDEX));
    }

    private static Path tgz(Library lib, Bundle bundle, Path cache) {
        return cache.resolve(tgzName(lib.npmPackage(), bundle.version()));
    }

    /** The file name npm gives the pack of {@code npmPackage@version}. */
    private static String tgzName(String npmPackage, String version) {
        return npmPackage.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /**
     * The pack of {@code npmPackage@version} in the machine's pack cache ({@link #packCache}), packed
     * first if it is not there: for other build steps that need a package (the browser tests' axe-core).
     */
    public static Path packed(String npmPackage, String version, Path fallback)
            throws IOException, InterruptedException {
        Path cache = packCache(fallback);
        Files.createDirectories(cache);
        Path tgz = cache.resolve(tgzName(npmPackage, version));
        if (!Files.isRegularFile(tgz)) pack(Map.of(npmPackage + "@" + version, tgz), cache);
        return tgz;
    }

    /** Writes the bundle's files, unless its index says they are there already. */
    private static Optional<Bundled> bundle(Library lib, Bundle bundle, Path cache, Path classes)
            throws IOException, InterruptedException {
        String spec = lib.npmPackage() + "@" + bundle.version();
        Path root = classes.resolve(LibraryRoutes.resourceRoot(lib.npmPackage(), bundle.version()));
        Path index = root.resolve(LibraryRoutes.INDEX);
        if (Files.isRegularFile(index)) return Optional.empty();
        Path tgz = tgz(lib, bundle, cache);
        if (!Files.isRegularFile(tgz)) pack(Map.of(spec, tgz), cache);
        Map<String, byte[]> files;
        try {
            files = untar(tgz);
        } catch (IOException e) { // a damaged pack in the cache: packed again once
            System.out.println("[autobench] " + tgz + " is damaged (" + e + "); packing " + spec + " again");
            Files.delete(tgz);
            pack(Map.of(spec, tgz), cache);
            files = untar(tgz);
        }
        List<String> kept = new ArrayList<>();
        long bytes = 0;
        for (String wanted : bundle.files()) {
            List<String> matches = new ArrayList<>();
            if (wanted.endsWith("/")) {
                for (String name : files.keySet()) {
                    String f = name.substring("package/".length());
                    if (f.startsWith(wanted) && keptInFolder(f)) matches.add(f);
                }
            } else if (files.containsKey("package/" + wanted)) {
                matches.add(wanted);
            }
            if (matches.isEmpty()) {
                throw new IllegalStateException(spec + " has no file '" + wanted
                        + "'; fix autobench.runtime.Libraries so every bundle names files the package ships");
            }
            for (String f : matches) {
                byte[] body = files.get("package/" + f);
                Path target = root.resolve(f);
                Files.createDirectories(target.getParent());
                Files.write(target, body);
                kept.add(f);
                bytes += body.length;
            }
        }
        for (String name : new String[] {"LICENSE", "LICENSE.md", "LICENSE.txt", "license"}) {
            byte[] licence = files.get("package/" + name);
            if (licence != null) {
                Files.write(root.resolve("LICENSE.txt"), licence);
                break;
            }
        }
        boolean wantsNames = lib.global() != null && bundle.module() == null && bundle.classic() != null;
        return Optional.of(
                new Bundled(lib, bundle, index, kept, bytes, wantsNames ? root.resolve(bundle.classic()) : null));
    }

    /**
     * Scripts, JSON (three.js's typeface fonts), style sheets and woff2 fonts in a kept folder; not
     * the WebAssembly decoders. Of a font, only the woff2 file: every style sheet kept lists it first.
     */
    private static boolean keptInFolder(String file) {
        if (!(file.endsWith(".js")
                || file.endsWith(".mjs")
                || file.endsWith(".json")
                || file.endsWith(".css")
                || file.endsWith(".woff2"))) {
            return false;
        }
        return Libraries.SKIPPED.stream().noneMatch(file::contains);
    }

    /**
     * A classic (UMD) build whose exported names are wanted, and what its own {@code require(name)}
     * calls get instead (ReactDOM and framer-motion require "react"): the classic build of that
     * package, so its names can be read too.
     */
    record Classic(Path file, Map<String, Path> peers) {}

    /**
     * The names each classic build exports, read by loading it in Node.js as CommonJS. An ES module
     * re-exporting the build's global needs them written out: module exports are static. A build
     * that will not load outside a browser exports only its global (and default), and is not in the
     * answer. One Node.js process reads them all, and leaves as soon as it has written its answer: a
     * process per build cost half a second each for starting, and a build that keeps a timer going
     * (GSAP 2's ticker) held its process open for a second and a half more.
     */
    static Map<Path, List<String>> exportedNames(List<Classic> classics) throws IOException, InterruptedException {
        if (classics.isEmpty()) return Map.of();
        ObjectMapper json = new ObjectMapper();
        ArrayNode asked = json.createArrayNode();
        for (Classic c : classics) {
            ObjectNode one = asked.addObject().put("file", abs(c.file()));
            ObjectNode peers = one.putObject("peers");
            c.peers().forEach((name, path) -> peers.put(name, abs(path)));
        }
        String script = "const M = require('module'); const load = M._load; let peers = {};"
                + " M._load = function (r, ...a) { return load.call(this, peers[r] || r, ...a); };"
                + " process.on('uncaughtException', () => {}); process.on('unhandledRejection', () => {});"
                + " const asked = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
                + " const names = asked.map(({file, peers: p}) => { peers = p; let m = null;"
                + "   try { m = require(file); } catch (e) {}"
                + "   const keys = m && (typeof m === 'object' || typeof m === 'function') ? Object.keys(m) : [];"
                + "   return keys.filter(k => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)); });"
                + " process.stdout.write(JSON.stringify(names), () => process.exit(0));";
        Process p = new ProcessBuilder(NodeLocator.node().toString(), "-e", script)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(json.writeValueAsBytes(asked));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) p.destroyForcibly();
        JsonNode answer;
        try {
            answer = json.readTree(out);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isArray() || answer.size() != classics.size()) {
            throw new IllegalStateException("Node.js did not list the names of the classic library builds (exit "
                    + p.exitValue() + "): " + new String(out, StandardCharsets.UTF_8));
        }
        Map<Path, List<String>> names = new LinkedHashMap<>();
        for (int i = 0; i < classics.size(); i++) {
            List<String> list = new ArrayList<>();
            answer.get(i).forEach(n -> list.add(n.asText()));
            names.put(classics.get(i).file(), list.stream().sorted().distinct().toList());
        }
        return names;
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "/");
    }

    /**
     * The newest classic build of each package, among the bundles up to {@code upTo} in the list's
     * order: what a UMD build may require by name. (Bundles after it do not count, even if an earlier
     * build left them in the classes: the same names whatever was built before.)
     */
    private static Map<String, Path> peers(Path classes, Bundle upTo) {
        Map<String, Path> peers = new TreeMap<>();
        for (Library lib : Libraries.SERVED) {
            for (Bundle b : lib.bundles()) {
                Path f = classes.resolve(LibraryRoutes.resourceRoot(lib.npmPackage(), b.version()))
                        .resolve(b.classic() == null ? "-" : b.classic());
                if (b.classic() != null && b.classic().endsWith(".js") && Files.isRegularFile(f))
                    peers.put(lib.npmPackage(), f);
                if (b == upTo) return peers;
            }
        }
        return peers;
    }

    /**
     * Packs the packages (spec to the file npm will write) with one npm process, into a folder of
     * its own first: a pack appears in the cache whole or not at all, even if the build is stopped
     * while npm writes, or two builds pack at once.
     */
    private static void pack(Map<String, Path> specs, Path cache) throws IOException, InterruptedException {
        Path staging = Files.createTempDirectory(cache, "packing-");
        try {
            npmPack(specs, staging);
            for (Path target : specs.values()) {
                Path made = staging.resolve(target.getFileName());
                try {
                    Files.move(made, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(made, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            try (Stream<Path> left = Files.list(staging)) {
                for (Path f : left.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(staging);
        }
    }

    private static void npmPack(Map<String, Path> specs, Path into) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("npm", "pack"));
        cmd.addAll(specs.keySet());
        // Versions are exact, so a package npm has cached is the package: --prefer-offline takes it
        // without asking the registry again (a clean clone's 68 packages: 19 s down to 5 s here).
        cmd.addAll(List.of("--silent", "--prefer-offline", "--pack-destination", into.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "npm not found: AutoBench bundles its allowed JS libraries from the npm "
                            + "registry at build time. Install Node.js 20+ with npm (Debian: apt-get install -y nodejs npm).",
                    e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String what = specs.size() == 1 ? specs.keySet().iterator().next() : specs.size() + " packages";
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("npm pack " + what + " timed out");
        }
        List<String> absent = specs.entrySet().stream()
                .filter(e -> !Files.isRegularFile(into.resolve(e.getValue().getFileName())))
                .map(Map.Entry::getKey)
                .toList();
        if (p.exitValue() != 0 || !absent.isEmpty()) {
            throw new IllegalStateException(
                    "npm pack " + what + " failed (exit " + p.exitValue() + "; not packed: " + absent + "). The build "
                            + "needs the npm registry to bundle the allowed libraries; check the network and "
                            + "`npm config get registry`.\n" + out);
        }
    }

    /**
     * Reads a .tgz into memory; npm packages are small and use plain ustar entries. A damaged pack
     * (cut short, or its compressed data changed) throws: the whole stream is read, checksum included.
     */
    static Map<String, byte[]> untar(Path tgz) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(
                        field(header, 124, 12).trim().isEmpty()
                                ? "0"
                                : field(header, 124, 12).trim(),
                        8);
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) header[156];
                if (type == 'L') {
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '0' || type == 0) files.put(name, body);
            }
            // to the end, where the gzip trailer's checksum shows whether what was read is the pack
            in.transferTo(OutputStream.nullOutputStream());
        }
        return files;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }
}
