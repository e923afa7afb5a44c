package autobench.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thin JSON-over-HTTP client on the JDK HTTP client, shared by adapters. It never retries and
 * never logs headers (they carry keys); transport failures become {@link Completion.Failed}.
 *
 * <p>The call's timeout is a deadline for the whole reply, body included: the JDK's own request
 * timeout stops waiting once headers arrive, so a provider that trickles a body forever would
 * otherwise hold a worker past its lease.
 */
public final class HttpTransport {
    private final HttpClient client;
    private final Clock clock;

    public HttpTransport(Clock clock) {
        this(clock, Duration.ofSeconds(15));
    }

    public HttpTransport(Clock clock, Duration connectTimeout) {
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A received HTTP reply.
     *
     * @param retryAfter the parsed {@code Retry-After} header, or {@code null}
     * @param headers    response headers, names in lower case
     */
    public record Reply(int status, String body, Duration retryAfter, Map<String, List<String>> headers) {
        public Reply {
            body = body == null ? "" : body;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public Reply(int status, String body, Duration retryAfter) {
            this(status, body, retryAfter, Map.of());
        }

        /** First value of a header (name case-insensitive), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** Either a reply or a classified transport failure. */
    public sealed interface Result permits Received, Broken {}

    public record Received(Reply reply) implements Result {}

    public record Broken(Completion.Failed failure) implements Result {}

    /**
     * One request as an adapter makes it.
     *
     * @param apiKey scrubbed from whatever comes back; {@code null} when there is none
     */
    public record Post(URI uri, Map<String, String> headers, String body, Duration timeout, String apiKey) {}

    /** How an adapter reads what came back; the names keep a success parser and an error table apart. */
    public interface ReplyReader {
        /** A 2xx reply. */
        Completion parse(Reply reply);

        /** Any other status: the provider's error table. */
        Completion classify(Reply reply);
    }

    /**
     * One call as every adapter makes it: POST, a 2xx reply goes to {@link ReplyReader#parse}, any
     * other to {@link ReplyReader#classify}, transport failures are already classified, and the
     * key is scrubbed from whatever comes back.
     */
    public Completion exchange(Post post, ReplyReader reader) {
        Completion c = switch (postJson(post.uri(), post.headers(), post.body(), post.timeout())) {
            case Broken b -> b.failure();
            case Received r -> r.reply().status() / 100 == 2 ? reader.parse(r.reply()) : reader.classify(r.reply());
        };
        return Secrets.scrub(c, post.apiKey());
    }

    public Result postJson(URI uri, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        CompletableFuture<HttpResponse<String>> call =
                client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> r = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, List<String>> lower = new TreeMap<>();
            r.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            Duration retryAfter =
                    RetryAfter.parse(r.headers().firstValue("retry-after").orElse(null), clock);
            return new Received(new Reply(r.statusCode(), r.body(), retryAfter, lower));
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut(timeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Broken(Completion.Failed.of(FailureKind.NETWORK, "interrupted while waiting for the reply"));
        } catch (ExecutionException e) {
            return classify(e.getCause(), uri, timeout);
        }
    }

    private static Result classify(Throwable e, URI uri, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return new Broken(Completion.Failed.of(FailureKind.CONNECT, "connect timed out to " + uri.getHost()));
        }
        if (e instanceof HttpTimeoutException) return timedOut(timeout);
        if (isConnectFailure(e)) {
            return new Broken(Completion.Failed.of(FailureKind.CONNECT, "could not connect to " + uri.getHost()));
        }
        String what = e == null ? "unknown" : e.getClass().getSimpleName();
        return new Broken(
                Completion.Failed.of(FailureKind.NETWORK, "connection broke after the request was sent: " + what));
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnresolvedAddressException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (!(t instanceof IOException) && t != e) return false;
        }
        return false;
    }

    private static Broken timedOut(Duration timeout) {
        return new Broken(Completion.Failed.of(FailureKind.TIMEOUT, "no complete reply within " + describe(timeout)));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
