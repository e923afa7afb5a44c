package autobench.web;

import autobench.render.LibraryBundler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Build step for the browser tests (exec-maven-plugin, after test-compile): fetches axe-core from
 * the npm registry with {@code npm pack} and puts its {@code axe.min.js} among the test classes,
 * so the accessibility checks run offline afterwards. The pack is kept where the libraries' packs are
 * ({@link LibraryBundler#packCache}).
 */
public final class AxeBundle {
    static final String VERSION = "4.11.4";
    static final String RESOURCE = "autobench/web/axe.min.js";

    private AxeBundle() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]), testClasses = Path.of(args[1]);
        Path target = testClasses.resolve(RESOURCE);
        if (Files.isRegularFile(target)) return;
        Path tgz = LibraryBundler.packed("axe-core", VERSION, cache);
        byte[] axe = member(tgz, "package/axe.min.js");
        Files.createDirectories(target.getParent());
        Files.write(target, axe);
        System.out.println(
                "[autobench] bundled axe-core@" + VERSION + " for the browser tests (" + axe.length + " bytes)");
    }

    /** One regular file out of a gzipped ustar archive. */
    static byte[] member(Path tgz, String wanted) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] h = new byte[512];
            while (in.readNBytes(h, 0, 512) == 512 && h[0] != 0) {
                String name = text(h, 0, 100);
                String prefix = text(h, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                String octal = text(h, 124, 12).trim();
                int size = octal.isEmpty() ? 0 : Integer.parseInt(octal, 8);
                byte[] body = in.readNBytes(size);
                in.skipNBytes((512 - size % 512) % 512);
                if (name.equals(wanted)) return body;
            }
        }
        throw new IllegalStateException(tgz + " has no " + wanted);
    }

    private static String text(byte[] h, int from, int len) {
        int end = from;
        while (end < from + len && h[end] != 0) end++;
        return new String(h, from, end - from, StandardCharsets.US_ASCII);
    }
}
