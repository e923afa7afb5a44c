package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryBundlerTest {
    @TempDir
    Path tmp;

    Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void the_names_of_many_classic_builds_are_read_at_once_each_with_its_own_peers() throws Exception {
        Path lib = file("lib.js", "module.exports = { Shape: 1, draw() {}, 'not a name': 2, $: 3 };");
        Path react17 = file("react17.js", "module.exports = { version17: true };");
        Path react18 = file("react18.js", "module.exports = { version18: true };");
        // a build that requires its peer by name and exports what it found there
        Path dom = file("dom.js", "const R = require('react'); module.exports = { render() {}, ...R };");
        Path browserOnly = file("browser.js", "module.exports = window.THREE;");
        // GSAP 2 keeps a ticker going; without an explicit exit Node.js would wait for it
        Path ticking = file("ticking.js", "setInterval(() => {}, 1000); module.exports = { TweenMax: 1 };");
        // a build that throws later, from a timer: the other answers must still arrive
        Path late =
                file("late.js", "setTimeout(() => { throw new Error('later'); }, 0); module.exports = { Late: 1 };");

        Map<Path, List<String>> names = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> LibraryBundler.exportedNames(List.of(
                        new LibraryBundler.Classic(lib, Map.of()),
                        new LibraryBundler.Classic(dom, Map.of("react", react17)),
                        new LibraryBundler.Classic(browserOnly, Map.of()),
                        new LibraryBundler.Classic(late, Map.of()),
                        new LibraryBundler.Classic(ticking, Map.of()),
                        new LibraryBundler.Classic(dom, Map.of("react", react18)))),
                "a build's timer kept Node.js from answering");

        assertThat(names.get(lib)).containsExactly("$", "Shape", "draw");
        assertThat(names.get(browserOnly)).isEmpty();
        assertThat(names.get(late)).containsExactly("Late");
        assertThat(names.get(ticking)).containsExactly("TweenMax");
        // the same file asked twice: the last answer is kept, and its peer was its own
        assertThat(names.get(dom)).containsExactly("render", "version17");
    }

    @Test
    void no_classic_build_starts_no_process() throws Exception {
        assertThat(LibraryBundler.exportedNames(List.of())).isEmpty();
    }

    @Test
    void a_pack_is_read_whole_and_a_damaged_one_is_refused() throws IOException {
        byte[] body = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        byte[] tgz = tgz("package/index.js", body);
        Path good = Files.write(tmp.resolve("good.tgz"), tgz);
        assertThat(LibraryBundler.untar(good)).containsOnlyKeys("package/index.js");
        assertThat(LibraryBundler.untar(good).get("package/index.js")).isEqualTo(body);

        Path cut = Files.write(tmp.resolve("cut.tgz"), Arrays.copyOf(tgz, tgz.length - 6));
        assertThatThrownBy(() -> LibraryBundler.untar(cut)).isInstanceOf(IOException.class);
        // the last bytes before the trailer: after the archive's end, where a reader that stops at
        // the end of the archive would never look
        byte[] changed = tgz.clone();
        changed[changed.length - 9] ^= 0x01;
        Path bad = Files.write(tmp.resolve("bad.tgz"), changed);
        assertThatThrownBy(() -> LibraryBundler.untar(bad)).isInstanceOf(IOException.class);
    }

    /** A gzipped ustar archive of one regular file, as npm packs them. */
    static byte[] tgz(String name, byte[] body) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
            byte[] h = new byte[512];
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, h, 0, n.length);
            byte[] size = String.format("%011o", body.length).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(size, 0, h, 124, size.length);
            h[156] = '0';
            gz.write(h);
            gz.write(body);
            gz.write(new byte[(512 - body.length % 512) % 512]);
            gz.write(new byte[1024]); // two empty blocks: the end of the archive
        }
        return raw.toByteArray();
    }
}
