package autobench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench scripts run on the JDK the launcher would choose, not on whatever `java` comes first. */
class BenchScriptsTest {
    @Test
    void every_bench_script_finds_its_jdk_through_the_launcher() throws IOException {
        try (Stream<Path> scripts = Files.walk(Path.of("bench"), 2)
                .filter(p -> !p.startsWith(Path.of("bench", "results")) && !p.startsWith(Path.of("bench", "lib")))) {
            List<Path> all = scripts.filter(p -> p.toString().endsWith(".sh")).toList();
            assertThat(all).isNotEmpty();
            for (Path script : all) {
                assertThat(Files.readString(script))
                        .as(script.toString())
                        .containsPattern("(?m)^source \"?(bench|\\$HERE|\\$HERE/\\.\\.)/lib/jdk\\.sh\"?");
            }
        }
    }

    @Test
    void a_java_home_older_than_21_is_passed_over_for_a_jdk_21_or_newer(@TempDir Path dir) throws Exception {
        // A stand-in JDK 17 named by JAVA_HOME and first on PATH: the one a bench once picked up.
        Path old = dir.resolve("jdk17/bin");
        Files.createDirectories(old);
        for (String tool : new String[] {"java", "javac"}) {
            Path f = old.resolve(tool);
            Files.writeString(f, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder pb = new ProcessBuilder(
                "bash",
                "-c",
                "source bench/lib/jdk.sh && echo \"$JAVA_HOME\" && \"$JAVA\" -XshowSettings:properties -version 2>&1"
                        + " | grep java.specification.version");
        pb.environment().put("JAVA_HOME", dir.resolve("jdk17").toString());
        pb.environment().put("PATH", old + ":" + System.getenv("PATH"));
        pb.environment().remove("AUTOBENCH_JAVA_HOME");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.getFirst()).doesNotContain("jdk17");
        int major = Integer.parseInt(
                lines.getLast().replaceAll(".*= *", "").replaceAll("\\..*", "").trim());
        assertThat(major).isGreaterThanOrEqualTo(21);
    }
}
