package autobench.render;

import autobench.runtime.Libraries;
import autobench.runtime.Libraries.Bundle;
import autobench.runtime.Libraries.Library;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
        Path cache = Path.of(args[0]);
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
        for (Library lib : Libraries.SERVED) {
            for (Bundle bundle : lib.bundles()) bundle(lib, bundle, cache, classes);
        }
        PreviewLibraries.precompress(classes);
    }

    private static boolean bundled(Library lib, Bundle bundle, Path classes) {
        Path root = classes.resolve(LibraryRoutes.resourceRoot(lib.npmPackage(), bundle.version()));
        return Files.isRegularFile(root.resolve(LibraryRoutes.INDEX));
    }

    private static Path tgz(Library lib, Bundle bundle, Path cache) {
        return cache.resolve(lib.npmPackage().replace("@", "").replace('/', '-') + "-" + bundle.version() + ".tgz");
    }

    private static void bundle(Library lib, Bundle bundle, Path cache, Path classes)
            throws IOException, InterruptedException {
        String spec = lib.npmPackage() + "@" + bundle.version();
        Path root = classes.resolve(LibraryRoutes.resourceRoot(lib.npmPackage(), bundle.version()));
        Path index = root.resolve(LibraryRoutes.INDEX);
        if (Files.isRegularFile(index)) return;
        Path tgz = tgz(lib, bundle, cache);
        if (!Files.isRegularFile(tgz)) pack(Map.of(spec, tgz), cache);
        Map<String, byte[]> files = untar(tgz);
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
        if (lib.global() != null && bundle.module() == null && bundle.classic() != null) {
            Files.writeString(
                    root.resolve(bundle.classic() + LibraryRoutes.EXPORTS),
                    String.join("\n", exportedNames(root.resolve(bundle.classic()), peers(classes))),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(index, String.join("\n", kept), StandardCharsets.UTF_8);
        System.out.println("[autobench] bundled " + spec + ": " + kept.size() + " files, " + bytes / 1024 + " KB");
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
     * The names a classic (UMD) build exports, read by loading it in Node.js as CommonJS. An ES
     * module re-exporting the build's global needs them written out: module exports are static.
     * A build that will not load outside a browser exports only its global (and default).
     */
    static List<String> exportedNames(Path classic) throws IOException, InterruptedException {
        return exportedNames(classic, Map.of());
    }

    /**
     * The same, where the build's own {@code require("react")} (ReactDOM, framer-motion) is given
     * the classic build of that package named in {@code peers}, so its names can be read too.
     */
    static List<String> exportedNames(Path classic, Map<String, Path> peers) throws IOException, InterruptedException {
        StringBuilder json = new StringBuilder("{");
        peers.forEach((name, path) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":\"")
                .append(path.toAbsolutePath().toString().replace("\\", "/"))
                .append('"'));
        json.append('}');
        String script = "const peers = JSON.parse(process.argv[2]); const M = require('module'); const load = M._load;"
                + " M._load = function (r, ...a) { return load.call(this, peers[r] || r, ...a); };"
                + " let m = null; try { m = require(process.argv[1]); } catch (e) {}"
                + " const keys = m && (typeof m === 'object' || typeof m === 'function') ? Object.keys(m) : [];"
                + " console.log(keys.filter(k => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)).join('\\n'));";
        Process p = new ProcessBuilder(
                        NodeLocator.node().toString(),
                        "-e",
                        script,
                        classic.toAbsolutePath().toString(),
                        json.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return List.of();
        }
        return out.lines()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .sorted()
                .distinct()
                .toList();
    }

    /** The newest classic build bundled so far of each package: what a UMD build may require by name. */
    private static Map<String, Path> peers(Path classes) {
        Map<String, Path> peers = new TreeMap<>();
        for (Library lib : Libraries.SERVED) {
            for (Bundle b : lib.bundles()) {
                Path f = classes.resolve(LibraryRoutes.resourceRoot(lib.npmPackage(), b.version()))
                        .resolve(b.classic() == null ? "-" : b.classic());
                if (b.classic() != null && b.classic().endsWith(".js") && Files.isRegularFile(f))
                    peers.put(lib.npmPackage(), f);
            }
        }
        return peers;
    }

    /** Packs the packages (spec to the file npm will write) with one npm process. */
    private static void pack(Map<String, Path> specs, Path cache) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("npm", "pack"));
        cmd.addAll(specs.keySet());
        // Versions are exact, so a package npm has cached is the package: --prefer-offline takes it
        // without asking the registry again (a clean clone's 68 packages: 19 s down to 5 s here).
        cmd.addAll(List.of("--silent", "--prefer-offline", "--pack-destination", cache.toString()));
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
                .filter(e -> !Files.isRegularFile(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (p.exitValue() != 0 || !absent.isEmpty()) {
            throw new IllegalStateException(
                    "npm pack " + what + " failed (exit " + p.exitValue() + "; not packed: " + absent + "). The build "
                            + "needs the npm registry to bundle the allowed libraries; check the network and "
                            + "`npm config get registry`.\n" + out);
        }
    }

    /** Reads a .tgz into memory; npm packages are small and use plain ustar entries. */
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
        }
        return files;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }
}
