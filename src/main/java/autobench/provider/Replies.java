package autobench.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers shared by the HTTP adapters: the generic status table, building failures, and the
 * small provider-specific wait hints. Each adapter refines the generic table with what its API
 * documents; this class holds only what every API agrees on.
 */
public final class Replies {
    private Replies() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final int MAX_DETAIL = 300;

    /** The JSON tree of a body, or {@code null} if it is not JSON. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return JSON.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
    }

    /**
     * What an HTTP status means when the body says nothing more specific. 503 and 529 are
     * "overloaded" (refused before work); 504 is a gateway giving up while the model may still
     * be working, so it counts as a timeout, never retried automatically.
     */
    public static FailureKind kindForStatus(int status) {
        return switch (status) {
            case 401, 402, 403 -> FailureKind.AUTH;
            case 408, 504 -> FailureKind.TIMEOUT;
            case 429 -> FailureKind.RATE_LIMITED;
            case 503, 529 -> FailureKind.OVERLOADED;
            default -> {
                if (status >= 400 && status < 500) yield FailureKind.BAD_REQUEST;
                if (status >= 500) yield FailureKind.SERVER_ERROR;
                yield FailureKind.MALFORMED; // 1xx/3xx: we never follow redirects, so this is not an answer
            }
        };
    }

    /**
     * A failure for a received reply. The wait hint is kept only for the retriable kinds: the
     * dispatcher never waits to retry anything else.
     */
    public static Completion.Failed failed(
            FailureKind kind, HttpTransport.Reply reply, String detail, Duration retryAfter) {
        String message = "HTTP " + reply.status() + (detail == null || detail.isBlank() ? "" : ": " + shorten(detail));
        Duration wait = kind.refusedBeforeWork() ? retryAfter : null;
        return new Completion.Failed(kind, message, reply.status(), wait, reply.body());
    }

    /** A failure for a 2xx reply whose body we could not use. */
    public static Completion.Failed malformed(HttpTransport.Reply reply, String why) {
        return new Completion.Failed(FailureKind.MALFORMED, why, reply.status(), null, reply.body());
    }

    public static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL) + "…";
    }

    /** Text of a JSON field, or "" when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asText("");
    }

    /**
     * A token count as reported: 0 when absent, not a number or negative; the largest long when it
     * does not fit in one (a count that wraps round to a negative number would lower the day's spend).
     */
    public static long tokens(JsonNode v) {
        if (v == null) return 0;
        long n;
        if (v.isIntegralNumber() && !v.canConvertToLong())
            n = v.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : 0;
        else if (v.isFloatingPointNumber()) n = (long) v.asDouble();
        else n = v.asLong(0);
        return Math.max(0, n);
    }

    /** Two token counts added, stopping at the largest long instead of wrapping round. */
    public static long sum(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /**
     * Parses Go-style durations such as {@code 1s}, {@code 6m0s}, {@code 20ms} or {@code 37s}
     * (OpenAI's {@code x-ratelimit-reset-*} headers, Gemini's {@code RetryInfo.retryDelay}).
     *
     * @return the duration, or {@code null} if the text is not of that form
     */
    public static Duration goDuration(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        Matcher m = GO_DURATION.matcher(t);
        double millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) return null;
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
            end = m.end();
        }
        if (end == 0 || end != t.length()) return null;
        return Duration.ofMillis((long) Math.ceil(millis));
    }

    /** The longer of two waits, either of which may be {@code null}. */
    public static Duration longer(Duration a, Duration b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
