package autobench.render;

import autobench.runtime.Libraries.Library;
import autobench.runtime.Libraries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Build step (run by exec-maven-plugin after compile): fetches each allowed library with
 * {@code npm pack} and copies the one file its CDN URL names, plus its licence, into the classes.
 *
 * <p>Public only because the plugin calls {@code main} reflectively. It reads the list from
 * {@link Libraries} so the prompt, the renderer and the bundle cannot drift apart, and it fails the
 * build with a plain message when npm or the registry is missing: a renderer without its libraries
 * would silently give every p5.js answer a blank poster.
 */
public final class LibraryBundler {
    private LibraryBundler() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) throw new IllegalArgumentException("usage: LibraryBundler <pack-cache-dir> <classes-dir>");
        Path cache = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        Files.createDirectories(cache);
        for (Library lib : Libraries.ALL) {
            Path target = classes.resolve(LibraryRoutes.resourcePath(lib));
            if (Files.isRegularFile(target)) continue;
            Path tgz = cache.resolve(lib.npmPackage() + "-" + lib.version() + ".tgz");
            if (!Files.isRegularFile(tgz)) pack(lib, cache, tgz);
            Map<String, byte[]> files = untar(tgz);
            byte[] body = files.get("package/" + lib.file());
            if (body == null) {
                throw new IllegalStateException(lib.npmPackage() + "@" + lib.version() + " has no file '" + lib.file()
                        + "'; fix autobench.runtime.Libraries so every URL names a file the package ships");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, body);
            for (String name : new String[] {"LICENSE", "LICENSE.md", "LICENSE.txt", "license"}) {
                byte[] licence = files.get("package/" + name);
                if (licence != null) { Files.write(target.getParent().resolve("LICENSE.txt"), licence); break; }
            }
            System.out.println("[autobench] bundled " + lib.npmPackage() + "@" + lib.version() + "/" + lib.file()
                    + " (" + body.length + " bytes)");
        }
    }

    private static void pack(Library lib, Path cache, Path expected) throws IOException, InterruptedException {
        String spec = lib.npmPackage() + "@" + lib.version();
        ProcessBuilder pb = new ProcessBuilder("npm", "pack", spec, "--silent", "--pack-destination", cache.toString())
                .redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("npm not found: AutoBench bundles its allowed JS libraries from the npm "
                    + "registry at build time. Install Node.js 20+ with npm (Debian: apt-get install -y nodejs npm).", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) { p.destroyForcibly(); throw new IllegalStateException("npm pack " + spec + " timed out"); }
        if (p.exitValue() != 0 || !Files.isRegularFile(expected)) {
            throw new IllegalStateException("npm pack " + spec + " failed (exit " + p.exitValue() + "). The build needs the npm "
                    + "registry to bundle the allowed libraries; check the network and `npm config get registry`.\n" + out);
        }
    }

    /** Reads a .tgz into memory; npm packages are small and use plain ustar entries. */
    static Map<String, byte[]> untar(Path tgz) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) header[156];
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
