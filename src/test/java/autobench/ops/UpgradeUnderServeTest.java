package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's build replaces target/autobench.jar by a rename, never by writing it in place, so
 * a {@code serve} started from the old jar keeps working through an upgrade and stops cleanly.
 * Maven is played by a stand-in {@code mvnw} that writes the jar where Maven would
 * (target/FINALNAME.jar, in place, like Maven): had the launcher built under the final name, the
 * running server's jar would be rewritten under it.
 */
class UpgradeUnderServeTest {
    @TempDir
    Path tmp;

    @Test
    void a_rebuild_under_a_running_serve_leaves_it_answering_and_it_stops_cleanly() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Path target = Files.createDirectories(checkout.resolve("target"));
        Files.copy(Path.of("autobench"), checkout.resolve("autobench"));
        Path first = thinJar(tmp.resolve("first.jar"), 0);
        Path second = thinJar(tmp.resolve("second.jar"), 1_000_000); // other bytes at other offsets
        Files.writeString(checkout.resolve("mvnw"), """
                #!/usr/bin/env bash
                # Stand-in for Maven: writes the "built" jar in place at target/<finalName>.jar, as Maven does.
                name=autobench
                for a in "$@"; do [[ "$a" == -Dautobench.jarName=* ]] && name="${a#-Dautobench.jarName=}"; done
                cp "%s" "$(dirname "$0")/target/$name.jar"
                """.formatted(second));
        Files.setPosixFilePermissions(checkout.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(first, target.resolve("autobench.jar"));
        Object inodeBefore = Files.getAttribute(target.resolve("autobench.jar"), "unix:ino");

        int[] ports = FreePorts.distinct(2);
        int port = ports[0], sandbox = ports[1];
        Path log = tmp.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(
                        checkout.resolve("autobench").toString(),
                        "serve",
                        "--roles",
                        "web",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--sandbox-port",
                        String.valueOf(sandbox))
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("AUTOBENCH_CONFIG");
        Process serve = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            awaitReady(http, port, serve, log);
            assertThat(get(http, port, "/").statusCode()).isEqualTo(200);

            Process build = new ProcessBuilder(checkout.resolve("autobench").toString(), "build")
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("build.log").toFile())
                    .start();
            build.getOutputStream().close();
            assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(build.exitValue())
                    .as(Files.readString(tmp.resolve("build.log")))
                    .isZero();
            // Pages not asked for before load classes the server had not loaded yet: from the jar it opened.
            for (String path : List.of(
                    "/methodology",
                    "/leaderboard",
                    "/archive",
                    "/feed.atom",
                    "/api/v1/openapi.json",
                    "/api/v1/stats",
                    "/readyz",
                    "/")) {
                assertThat(get(http, port, path).statusCode())
                        .as(path + "; log: " + Files.readString(log))
                        .isEqualTo(200);
            }
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stops").isTrue();
            String out = Files.readString(log);
            assertThat(serve.exitValue()).as(out).isEqualTo(128 + 15);
            assertThat(out).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "ZipException");
            assertThat(Files.mismatch(target.resolve("autobench.jar"), second))
                    .as("the new jar is in place")
                    .isEqualTo(-1);
            assertThat(Files.getAttribute(target.resolve("autobench.jar"), "unix:ino"))
                    .as("a new file, renamed over the old")
                    .isNotEqualTo(inodeBefore);
            try (Stream<Path> left = Files.list(target)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("autobench.jar");
            }
        } finally {
            serve.destroyForcibly();
        }
    }

    /**
     * A runnable jar of the compiled main classes (dependencies by Class-Path, from the local
     * repository), with {@code padding} bytes of an extra first entry so two jars differ throughout.
     */
    static Path thinJar(Path out, int padding) throws IOException {
        Path classes = null;
        List<String> deps = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.endsWith(Path.of("target", "classes"))) classes = p;
            else if (entry.endsWith(".jar")) deps.add(p.toUri().toString());
        }
        assertThat(classes).as("target/classes on the test class path").isNotNull();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "autobench.cli.App");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", deps));
        Path root = classes;
        try (OutputStream file = Files.newOutputStream(out);
                JarOutputStream jar = new JarOutputStream(file, m);
                Stream<Path> files = Files.walk(root)) {
            // Not compressed: the classes carry about 90 MB of bundled libraries, and deflating them
            // took 15 s or more per jar on the shared machine; what is tested is where the bytes are.
            jar.setLevel(Deflater.NO_COMPRESSION);
            if (padding > 0) {
                jar.putNextEntry(new JarEntry("padding.bin"));
                jar.write(new byte[padding]);
                jar.closeEntry();
            }
            // Directory entries too: class path scanners (Flyway's, for the migrations) look for them.
            for (Path f : files.filter(f -> !f.equals(root)).sorted().toList()) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                boolean dir = Files.isDirectory(f);
                jar.putNextEntry(new JarEntry(dir ? name + "/" : name));
                if (!dir) Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return out;
    }

    private static void awaitReady(HttpClient http, int port, Process serve, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(serve.isAlive())
                    .as("serve died: %s", Files.readString(log))
                    .isTrue();
            try {
                if (get(http, port, "/readyz").statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not become ready: " + Files.readString(log));
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
