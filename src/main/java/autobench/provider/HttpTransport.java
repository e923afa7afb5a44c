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
import java.util.Map;

/**
 * A thin JSON-over-HTTP client on the JDK HTTP client, shared by adapters. It never retries and
 * never logs headers (they carry keys); transport failures become {@link Completion.Failed}.
 */
public final class HttpTransport {
    private final HttpClient client;
    private final Clock clock;

    public HttpTransport(Clock clock) {
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A received HTTP reply. */
    public record Reply(int status, String body, Duration retryAfter) {}

    /** Either a reply or a classified transport failure. */
    public sealed interface Result permits Received, Broken {}

    public record Received(Reply reply) implements Result {}

    public record Broken(Completion.Failed failure) implements Result {}

    public Result postJson(URI uri, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Duration retryAfter = RetryAfter.parse(r.headers().firstValue("retry-after").orElse(null), clock);
            return new Received(new Reply(r.statusCode(), r.body() == null ? "" : r.body(), retryAfter));
        } catch (HttpConnectTimeoutException e) {
            return new Broken(Completion.Failed.of(FailureKind.CONNECT, "connect timed out to " + uri.getHost()));
        } catch (HttpTimeoutException e) {
            return new Broken(Completion.Failed.of(FailureKind.TIMEOUT, "no reply within " + timeout.toSeconds() + "s"));
        } catch (ConnectException | UnresolvedAddressException e) {
            return new Broken(Completion.Failed.of(FailureKind.CONNECT, "could not connect to " + uri.getHost()));
        } catch (IOException e) {
            if (e.getCause() instanceof UnknownHostException || e.getCause() instanceof ConnectException) {
                return new Broken(Completion.Failed.of(FailureKind.CONNECT, "could not connect to " + uri.getHost()));
            }
            return new Broken(Completion.Failed.of(FailureKind.NETWORK, "connection broke: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Broken(Completion.Failed.of(FailureKind.NETWORK, "interrupted while waiting for the reply"));
        }
    }
}
