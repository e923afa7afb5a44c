package autobench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The operator's side of a site's admin pages over HTTP, for tests: GET, form POST and signing in. */
public final class OperatorClient {
    /** A signed-in operator: the cookie to send, the page's CSRF token and the Set-Cookie header as sent. */
    public record Session(String cookie, String csrf, String setCookie) {}

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public OperatorClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        return post(
                path,
                cookie,
                form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")));
    }

    /** A POST of a form body already encoded. */
    public HttpResponse<String> post(String path, String cookie, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with the token as a person would; fails the test unless sign-in and the operator page work. */
    public Session signIn(String token) throws Exception {
        HttpResponse<String> r = post("/admin/login", null, Map.of("token", token));
        assertThat(r.statusCode()).as("sign-in answers with a redirect").isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = get("/admin", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a CSRF token on the admin page").isTrue();
        return new Session(cookie, m.group(1), setCookie);
    }
}
