package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.ops.CronGate.Decision;
import autobench.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronGateTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-09-01T00:00:00Z"));

    @Test
    void only_the_configured_secret_is_allowed() {
        CronGate gate = new CronGate("s3cret-value", clock);
        assertThat(gate.check("s3cret-value", "10.0.0.1")).isEqualTo(Decision.ALLOWED);
        assertThat(gate.check(null, "10.0.0.1")).isEqualTo(Decision.REFUSED);
        assertThat(gate.check("", "10.0.0.1")).isEqualTo(Decision.REFUSED);
        assertThat(gate.check("s3cret-valu", "10.0.0.1")).as("a prefix").isEqualTo(Decision.REFUSED);
        assertThat(gate.check("s3cret-value ", "10.0.0.1"))
                .as("one more character")
                .isEqualTo(Decision.REFUSED);
    }

    @Test
    void without_a_configured_secret_cron_triggers_are_off() {
        assertThat(new CronGate(null, clock).check("anything", "a")).isEqualTo(Decision.OFF);
        assertThat(new CronGate("", clock).check("", "a")).isEqualTo(Decision.OFF);
    }

    @Test
    void the_right_secret_passes_even_after_many_wrong_guesses_from_the_same_address() {
        CronGate gate = new CronGate("s3cret", clock);
        for (int i = 0; i < 3 * CronGate.FAILURES_PER_WINDOW; i++) gate.check("guess" + i, "proxy");
        assertThat(gate.check("s3cret", "proxy"))
                .as("behind a proxy, anyone shares the trigger's address")
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void wrong_guesses_from_one_address_are_slowed_down_then_forgiven() {
        CronGate gate = new CronGate("s3cret", clock);
        for (int i = 0; i < CronGate.FAILURES_PER_WINDOW; i++)
            assertThat(gate.check("guess" + i, "attacker")).isEqualTo(Decision.REFUSED);
        assertThat(gate.check("guess", "attacker")).isEqualTo(Decision.SLOW_DOWN);
        assertThat(gate.check(null, "attacker")).isEqualTo(Decision.SLOW_DOWN);
        assertThat(gate.check("guess", "cron-host"))
                .as("another address is not punished")
                .isEqualTo(Decision.REFUSED);
        clock.advance(Duration.ofMillis(CronGate.WINDOW_MS));
        assertThat(gate.check("guess", "attacker")).isEqualTo(Decision.REFUSED);
    }

    @Test
    void the_failure_map_stays_bounded_and_is_swept_without_any_success() {
        CronGate gate = new CronGate("s3cret", clock);
        for (int i = 0; i < CronGate.MAX_ADDRESSES + 500; i++)
            gate.check("guess", "10.0." + (i / 256) + "." + (i % 256));
        assertThat(gate.addressesRemembered()).isEqualTo(CronGate.MAX_ADDRESSES);
        clock.advance(Duration.ofMillis(CronGate.WINDOW_MS));
        assertThat(gate.check("guess", "one-more")).isEqualTo(Decision.REFUSED);
        assertThat(gate.addressesRemembered())
                .as("expired addresses swept at the next call, a failure")
                .isEqualTo(1);
    }

    @Test
    void accepted_calls_are_capped_per_window() {
        CronGate gate = new CronGate("s3cret", clock);
        for (int i = 0; i < CronGate.CALLS_PER_WINDOW; i++)
            assertThat(gate.check("s3cret", "h")).isEqualTo(Decision.ALLOWED);
        assertThat(gate.check("s3cret", "h")).isEqualTo(Decision.SLOW_DOWN);
    }
}
