package autobench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The serve command's own checks, before anything listens. */
@Isolated // CliTest.run swaps System.out and System.err for the whole process
class ServeCommandTest {
    @Test
    void the_preview_origin_must_not_share_the_sites_port() {
        CliTest.Run r = CliTest.run("serve", "--port", "18999", "--sandbox-port", "18999");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--sandbox-port must differ from --port");
    }

    @Test
    void serve_and_demo_describe_their_options() {
        assertThat(CliTest.run("serve", "--help").out())
                .contains("--port")
                .contains("--sandbox-port")
                .contains("--no-cache");
        assertThat(CliTest.run("demo", "--help").out()).contains("--no-serve").contains("--days");
    }
}
