package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.AppAccess;
import autobench.config.Config;
import autobench.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment examples under ops/ that docs/operations.md tells operators to copy. */
class OpsExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void the_systemd_unit_starts_a_command_the_cli_accepts_and_waits_longer_than_the_grace_period() throws Exception {
        List<String> unit = Files.readAllLines(Path.of("ops/autobench.service"));
        String exec = value(unit, "ExecStart");
        List<String> words = Arrays.asList(exec.split("\\s+"));
        int jar = words.indexOf("-jar");
        assertThat(jar).as("ExecStart runs the jar: %s", exec).isPositive();
        String[] args = words.subList(jar + 2, words.size()).toArray(String[]::new);
        var parsed = AppAccess.commandLine().parseArgs(args); // throws on an unknown command or option
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");

        Config example = new ConfigLoader(Map.of()).load(Path.of("autobench.example.yaml"), false);
        long grace = example.shutdownGrace().toSeconds();
        long stopTimeout = Long.parseLong(value(unit, "TimeoutStopSec"));
        assertThat(stopTimeout)
                .as("systemd must not SIGKILL before calls in flight may finish")
                .isGreaterThan(grace + 10);
        assertThat(value(unit, "SuccessExitStatus")).contains("143");
        assertThat(value(unit, "KillSignal")).isEqualTo("SIGTERM");
    }

    @Test
    void the_nginx_example_is_accepted_by_nginx_and_forwards_what_the_site_trusts() throws Exception {
        String site = Files.readString(Path.of("ops/nginx-autobench.conf"));
        assertThat(site)
                .contains("X-Forwarded-For $remote_addr")
                .contains("X-Forwarded-Proto $scheme")
                .contains("proxy_pass http://127.0.0.1:8080")
                .contains("proxy_pass http://127.0.0.1:8081");
        Path nginx = Stream.of("/usr/sbin/nginx", "/usr/bin/nginx")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (nginx == null) {
            String message =
                    "nginx is not installed (apt-get install nginx-light); the example site config was not checked by nginx -t";
            if ("true".equalsIgnoreCase(System.getenv("CI")))
                throw new AssertionError(message + " (CI=true, so this is a failure)");
            System.err.println("\n!!! SKIPPING: " + message + "\n");
            Assumptions.abort(message);
        }
        Path conf = tmp.resolve("nginx.conf");
        Files.writeString(conf, """
                pid %s/nginx.pid;
                error_log %s/error.log;
                events {}
                http {
                  access_log off;
                  include %s;
                }
                """.formatted(
                        tmp, tmp, Path.of("ops/nginx-autobench.conf").toAbsolutePath()));
        Process p = new ProcessBuilder(nginx.toString(), "-t", "-p", tmp.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("syntax is ok");
    }

    private static String value(List<String> unit, String key) {
        return unit.stream()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1).trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError("ops/autobench.service has no " + key));
    }
}
