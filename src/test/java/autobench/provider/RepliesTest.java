package autobench.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RepliesTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void retry_after_reads_seconds_fractions_and_http_dates() {
        assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("2.5", clock)).isEqualTo(Duration.ofMillis(2500));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 12:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", clock))
                .as("a date in the past means now")
                .isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-3", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }

    @Test
    void go_durations_from_rate_limit_headers_and_retry_info_are_read() {
        assertThat(Replies.goDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Replies.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(Replies.goDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Replies.goDuration("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(Replies.goDuration("37.5s")).isEqualTo(Duration.ofMillis(37500));
        assertThat(Replies.goDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Replies.goDuration("10")).isNull();
        assertThat(Replies.goDuration("s")).isNull();
        assertThat(Replies.goDuration("5 s")).isNull();
        assertThat(Replies.goDuration("")).isNull();
    }

    @Test
    void every_status_maps_to_exactly_one_kind_and_only_429_503_529_are_retriable() {
        for (int status = 100; status < 600; status++) {
            FailureKind kind = Replies.kindForStatus(status);
            boolean retriable = status == 429 || status == 503 || status == 529;
            assertThat(kind.refusedBeforeWork())
                    .as("status " + status + " -> " + kind)
                    .isEqualTo(retriable);
        }
        assertThat(Replies.kindForStatus(401)).isEqualTo(FailureKind.AUTH);
        assertThat(Replies.kindForStatus(404)).isEqualTo(FailureKind.BAD_REQUEST);
        assertThat(Replies.kindForStatus(504)).isEqualTo(FailureKind.TIMEOUT);
        assertThat(Replies.kindForStatus(502)).isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void a_wait_hint_is_dropped_for_kinds_that_are_never_retried() {
        var reply = new HttpTransport.Reply(500, "{}", Duration.ofSeconds(9));
        assertThat(Replies.failed(FailureKind.SERVER_ERROR, reply, "x", reply.retryAfter())
                        .retryAfter())
                .isNull();
        assertThat(Replies.failed(FailureKind.OVERLOADED, reply, "x", reply.retryAfter())
                        .retryAfter())
                .isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void secrets_are_masked_in_every_text_field() {
        String key = "sk-live-abc123";
        Completion c = Secrets.scrub(
                new Completion.Answered("a " + key, key, Finish.STOP, Usage.NONE, key, "raw " + key), key);
        assertThat(c.toString()).doesNotContain(key).contains("[redacted]");
        Completion f = Secrets.scrub(new Completion.Failed(FailureKind.AUTH, "bad " + key, 401, null, key), key);
        assertThat(f.toString()).doesNotContain(key);
    }
}
