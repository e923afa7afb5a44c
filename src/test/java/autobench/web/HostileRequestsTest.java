package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.testing.Fuzz;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: malformed requests to every route of both origins (pages, API, artifacts, static files,
 * votes, previews, libraries, cron triggers, health and metrics) are answered, never with a 5xx, and
 * no answer carries a Java stack trace. Requests are written on a raw socket, so they can be what
 * an HTTP client refuses to send: bad ids, encoded and raw path traversal, NUL bytes, overlong URLs,
 * bad dates and page numbers, wrong or missing content types, huge bodies, garbage votes.
 *
 * <p>Two sites: the shared SQLite site with published, rendered days ({@link WebFixture}) and an
 * empty site on PostgreSQL with cron triggers switched on.
 */
@ResourceLock(WebFixture.LOCK)
@Tag("chromium")
class HostileRequestsTest {
    static final String CRON_SECRET = "a-long-cron-secret-for-fuzzing";
    static WebFixture fixture;
    static Path pgDir;
    static Assembly pgArena;
    static Site pgSite;
    static String taskId;
    static String cookie;
    static String sha;

    /** One site under test: its two ports and how its pages address themselves. */
    record Target(String name, int port, int sandboxPort) {}

    static Target sqlite;
    static Target postgres;

    @BeforeAll
    static void start() throws Exception {
        fixture = WebFixture.shared();
        sqlite = new Target("sqlite", fixture.site.port(), fixture.site.sandboxPort());
        taskId = fixture.firstTaskId();
        String battle = send(
                        sqlite.port,
                        "GET /battle HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.UTF_8))
                .text;
        var m = Pattern.compile("(?i)set-cookie: ([^;\r\n]+)").matcher(battle);
        cookie = m.find() ? m.group(1) : "v=x";
        var s = Pattern.compile("/a/([0-9a-f]{64})")
                .matcher(send(
                                sqlite.port,
                                ("GET /task/" + taskId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .text);
        sha = s.find() ? s.group(1) : "0".repeat(64);

        pgDir = Files.createTempDirectory("autobench-hostile");
        String yaml = TestConfigs.base(Store.POSTGRES.freshUrl(pgDir), 1)
                + "  - {id: demo-orbit, provider: demo, model: demo-orbit}\n  - {id: demo-grid, provider: demo, model: demo-grid}\n"
                + "cron_secret_env: CRON_SECRET\nweb:\n  port: 0\n  sandbox_port: 0\n";
        Config c = TestConfigs.load(pgDir, yaml, Map.of("CRON_SECRET", CRON_SECRET));
        pgArena =
                TestAssembly.of(c).env(Map.of("CRON_SECRET", CRON_SECRET)::get).build();
        pgSite = Serving.start(pgArena.website(), c.web(), "127.0.0.1");
        postgres = new Target("postgres", pgSite.port(), pgSite.sandboxPort());
    }

    @AfterAll
    static void stop() {
        if (pgSite != null) pgSite.close();
        if (pgArena != null) pgArena.close();
    }

    static LongStream seeds() {
        return Fuzz.seeds(600);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_malformed_request_gets_an_answer_below_500_without_a_stack_trace(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Target t = r.nextInt(3) == 0 ? postgres : sqlite;
        boolean toSandbox = r.nextInt(6) == 0;
        String method = Fuzz.pick(r, METHODS);
        String path = toSandbox ? fill(r, Fuzz.pick(r, SANDBOX_ROUTES)) : fill(r, Fuzz.pick(r, ROUTES));
        if (path.startsWith("/battle/vote") || path.startsWith("/api/cron/"))
            method = r.nextInt(4) == 0 ? method : "POST";
        if (r.nextInt(3) == 0) path += "?" + query(r);
        byte[] request = request(r, method, path, toSandbox ? t.sandboxPort : t.port);
        Answer a = send(toSandbox ? t.sandboxPort : t.port, request);
        String head = a.text.length() > 200 ? a.text.substring(0, 200) : a.text;
        String why = Fuzz.seed(
                t.name + " " + method + " " + (path.length() > 300 ? path.substring(0, 300) + "…" : path) + " ("
                        + request.length + " bytes) → " + head.replace("\r\n", " | "),
                seed);
        if (a.status == 0) {
            // the server may close on a huge body it will not read; it must not close on anything else
            assertThat(request.length).as(why + ": closed without an answer").isGreaterThan(1_000_000);
            return;
        }
        assertThat(a.status).as(why).isBetween(200, 499);
        assertThat(a.text)
                .as(why)
                .doesNotContain("at autobench.")
                .doesNotContain("\tat java.")
                .doesNotContain("at io.javalin");
        if (a.status >= 400) assertThat(a.text).as(why).doesNotContainPattern("[A-Za-z]+Exception\\b");
    }

    // Found by seed 1098: HEAD for a missing page wrote Javalin's "Endpoint HEAD /null not found" after the
    // 404 page's Content-Length, and Jetty turned the mismatch into a 500.
    @Test
    void head_request_for_a_missing_page_gets_404_not_500() throws IOException {
        for (Target t : List.of(sqlite, postgres)) {
            Answer a = send(
                    t.port,
                    ("HEAD /null HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(a.status).as(t.name + ": " + a.text).isEqualTo(404);
            assertThat(a.text).as(t.name).endsWith("\r\n\r\n"); // headers only
        }
        Answer get = send(
                sqlite.port,
                "GET /null HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(get.status).isEqualTo(404);
        assertThat(get.text).contains("There is no page at this address.").doesNotContain("Endpoint GET");
    }

    // Found by seed 4: a vote posted as multipart/form-data without a boundary threw out of the form parser: 500.
    @Test
    void vote_posted_as_multipart_without_a_boundary_is_refused_with_400() throws IOException {
        for (Target t : List.of(sqlite, postgres)) {
            byte[] body = "choice=left&token=x".getBytes(StandardCharsets.UTF_8);
            Answer a = send(
                    t.port,
                    ("POST /battle/vote HTTP/1.1\r\nHost: 127.0.0.1:" + t.port
                                    + "\r\nConnection: close\r\nOrigin: http://127.0.0.1:"
                                    + t.port + "\r\nCookie: " + cookie
                                    + "\r\nContent-Type: multipart/form-data\r\nContent-Length: " + body.length
                                    + "\r\n\r\nchoice=left&token=x")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(a.status).as(t.name + ": " + a.text).isEqualTo(400);
            assertThat(a.text).as(t.name).contains("the form could not be read");
        }
    }

    /** The generator sends a 10 MB body in about one case in 120; this makes sure every run has some. */
    @Test
    void ten_megabyte_posts_to_the_vote_and_cron_endpoints_are_refused_without_a_5xx() throws IOException {
        byte[] body = bigForm(10 * 1024 * 1024);
        for (Target t : List.of(sqlite, postgres)) {
            for (String path : List.of("/battle/vote", "/api/cron/generate", "/api/v1/stats")) {
                ByteArrayOutputStream req = new ByteArrayOutputStream();
                req.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + t.port
                                + "\r\nConnection: close\r\nOrigin: http://127.0.0.1:"
                                + t.port + "\r\nCookie: " + cookie
                                + "\r\nx-cron-secret: wrong\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                req.writeBytes(body);
                Answer a = send(t.port, req.toByteArray());
                if (a.status == 0) continue; // closed while the body was still arriving: refused
                assertThat(a.status)
                        .as(t.name + " " + path + ": "
                                + a.text.lines().findFirst().orElse(""))
                        .isBetween(400, 499);
                assertThat(a.text)
                        .as(t.name + " " + path)
                        .doesNotContain("at autobench.")
                        .doesNotContainPattern("[A-Za-z]+Exception\\b");
            }
        }
    }

    static final List<String> METHODS = List.of(
            "GET", "GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO",
            "get");

    static final List<String> ROUTES = List.of(
            "/",
            "/task/{x}",
            "/answer/{x}/raw",
            "/answer/{x}/code",
            "/battle",
            "/battle/vote",
            "/battle/vote",
            "/p/{x}",
            "/leaderboard",
            "/archive",
            "/model/{x}",
            "/methodology",
            "/a/{x}",
            "/a/{x}",
            "/static/{x}",
            "/static/{x}",
            "/feed.atom",
            "/api/v1/days",
            "/api/v1/days/{x}",
            "/api/v1/tasks/{x}",
            "/api/v1/submissions/{x}",
            "/api/v1/models",
            "/api/v1/models/{x}",
            "/api/v1/leaderboard",
            "/api/v1/votes.jsonl",
            "/api/v1/stats",
            "/api/v1/openapi.json",
            "/api/cron/{x}",
            "/api/cron/{x}",
            "/healthz",
            "/readyz",
            "/metrics",
            "/{x}",
            "/{x}/{x}",
            "/static/{x}/{x}",
            "/a/{x}/{x}",
            "/api/v1/{x}",
            "/admin",
            "/admin/audit",
            "/admin/integrity",
            "/admin/login",
            "/admin/{x}",
            "/data",
            "/data/files/{x}",
            "/data/files/{x}/{x}",
            "/my/votes",
            "/robots.txt",
            "/api/cron/runs/{x}",
            "/favicon.ico");

    static final List<String> SANDBOX_ROUTES =
            List.of("/run/{x}", "/cdn/{x}", "/cdn/{x}/{x}", "/cdn/{x}/{x}/{x}", "/{x}", "/run/{x}/{x}");

    /** Path segments: real ids and names, and what an attacker or a broken client sends instead. */
    static final List<String> SEGMENTS = List.of(
            "",
            "..",
            ".",
            "%2e%2e",
            "..%2f..%2f..%2fetc%2fpasswd",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%5c..%5cwindows",
            "..\\..\\etc",
            "%00",
            "a%00b",
            "site.css%00.png",
            "%ZZ",
            "%",
            "%c0%ae%c0%ae%c0%af",
            "%252e%252e%252f",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "G".repeat(64),
            "-1",
            "0",
            "99999999999999999999",
            "1e9",
            "null",
            "undefined",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "'%20OR%201=1--",
            "%F0%9F%98%80",
            "%ED%A0%80",
            "%FF%FE",
            "\u00e9t\u00e9",
            "2025-02-30",
            "+999999999-12-31",
            "-999999999-01-01",
            "0000-00-00",
            "2025-1-1",
            "../static/site.css",
            "site.css/..",
            "%2fetc%2fpasswd",
            "/etc/passwd",
            ";jsessionid=x",
            "a;b=c",
            "%3F",
            "%23",
            "%2F",
            "~root",
            "*",
            "generate",
            "dispatch",
            "render",
            "snapshot",
            "GENERATE",
            "site.css",
            "htmx.min.js",
            "prism.js",
            "demo-orbit",
            "hostile",
            "AAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "three.js",
            "three@0.160.0",
            "three.module.js");

    static String fill(SplittableRandom r, String route) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int i; (i = route.indexOf("{x}", from)) >= 0; from = i + 3)
            out.append(route, from, i).append(segment(r));
        return out.append(route.substring(from)).toString();
    }

    static String segment(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> taskId;
            case 1 -> sha;
            case 2 -> fixture.today.toString();
            case 3 -> "x".repeat(r.nextInt(20) == 0 ? 100_000 : 1 + r.nextInt(5000)); // overlong
            case 4 ->
                Fuzz.ascii(r, 1 + r.nextInt(20))
                        .replace(" ", "%20")
                        .replace("?", "%3F")
                        .replace("#", "%23");
            case 5 -> taskId.substring(0, r.nextInt(taskId.length())) + Fuzz.pick(r, SEGMENTS);
            default -> Fuzz.pick(r, SEGMENTS);
        };
    }

    static final List<String> PARAMS = List.of("page", "from", "to", "category", "pool", "run", "page", "from");
    static final List<String> VALUES = List.of(
            "-1",
            "0",
            "1",
            "2",
            "2147483648",
            "-2147483649",
            "99999999999999999999",
            "abc",
            "1e3",
            "",
            "%00",
            "2025-13-45",
            "2025-02-30",
            "+999999999-12-31",
            "-999999999-01-01",
            "9999-12-31",
            "0000-01-01",
            "2025-03-01T00:00",
            "game",
            "nope",
            "%3Cx%3E",
            "demo",
            "real",
            "all",
            "x%00y",
            "%ZZ",
            "1%2C2");

    static String query(SplittableRandom r) {
        StringBuilder q = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) q.append('&');
            q.append(Fuzz.pick(r, PARAMS)).append('=');
            q.append(
                    r.nextInt(8) == 0
                            ? Fuzz.ascii(r, r.nextInt(30)).replace(" ", "+").replace("#", "%23")
                            : Fuzz.pick(r, VALUES));
        }
        return q.toString();
    }

    static final List<String> CONTENT_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded",
            "application/json",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "text/plain",
            "text/html; charset=utf-16",
            "application/x-www-form-urlencoded; charset=nope",
            "image/png",
            "*/*",
            "garbage",
            "");

    static byte[] request(SplittableRandom r, String method, String path, int port) {
        byte[] body = body(r);
        StringBuilder h = new StringBuilder();
        h.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        h.append("Host: 127.0.0.1:").append(port).append("\r\n");
        h.append("Connection: close\r\n");
        if (r.nextInt(3) > 0) h.append("Origin: http://127.0.0.1:").append(port).append("\r\n");
        if (r.nextInt(3) > 0)
            h.append("Cookie: ")
                    .append(r.nextInt(4) == 0 ? Fuzz.ascii(r, r.nextInt(200)).replace(";", "") : cookie)
                    .append("\r\n");
        if (r.nextInt(3) == 0)
            h.append("x-cron-secret: ")
                    .append(r.nextBoolean() ? CRON_SECRET : Fuzz.ascii(r, r.nextInt(40)))
                    .append("\r\n");
        if (r.nextInt(6) == 0)
            h.append("Authorization: Bearer ")
                    .append(r.nextBoolean() ? CRON_SECRET : Fuzz.ascii(r, 10))
                    .append("\r\n");
        if (r.nextInt(8) == 0) h.append("If-None-Match: \"").append(sha).append("\"\r\n");
        if (r.nextInt(8) == 0)
            h.append("X-Forwarded-For: ")
                    .append(Fuzz.pick(r, List.of("1.2.3.4", "::1", "garbage", "1.2.3.4, 5.6.7.8", "")))
                    .append("\r\n");
        if (r.nextInt(10) == 0)
            h.append("Accept-Encoding: ")
                    .append(Fuzz.pick(r, List.of("gzip", "br", "zstd", "*", "gzip;q=x")))
                    .append("\r\n");
        if (r.nextInt(12) == 0)
            h.append("Range: bytes=")
                    .append(Fuzz.pick(r, List.of("0-1", "-1", "999999999-", "x", "5-2")))
                    .append("\r\n");
        if (body.length > 0 || r.nextInt(4) == 0) {
            h.append("Content-Type: ").append(Fuzz.pick(r, CONTENT_TYPES)).append("\r\n");
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        h.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] body(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> new byte[0];
            case 3 ->
                ("token=" + Fuzz.ascii(r, r.nextInt(300)).replace("&", "") + "&choice="
                                + Fuzz.pick(r, List.of("left", "right", "tie", "both_bad", "draw", "", "%00", "LEFT"))
                                + "&left=" + Fuzz.ascii(r, 20)
                                + (r.nextBoolean() ? "&choice=right" : ""))
                        .getBytes(StandardCharsets.UTF_8);
            case 4 -> "choice=left&token=%ZZ&token=&%%%=&=&&".getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"choice\":\"left\",\"token\":" + Fuzz.giantNumber(r) + "}").getBytes(StandardCharsets.UTF_8);
            case 6 -> Fuzz.bytes(r, r.nextInt(5000));
            case 7 ->
                ("--x\r\nContent-Disposition: form-data; name=\"choice\"\r\n\r\nleft\r\n--x")
                        .getBytes(StandardCharsets.UTF_8);
            case 8 -> r.nextInt(12) == 0 ? bigForm(10 * 1024 * 1024) : bigForm(r.nextInt(2_000_000));
            default -> Fuzz.text(r, r.nextInt(2000)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] bigForm(int size) {
        byte[] b = ("token=" + "a".repeat(size) + "&choice=left").getBytes(StandardCharsets.US_ASCII);
        return b;
    }

    /** What came back: the status (0 when the connection closed without one) and the whole answer as text. */
    record Answer(int status, String text) {}

    /** Writes the request on a fresh connection and reads until the server closes it. */
    static Answer send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException refusedMidway) {
                // a server may answer and close before a huge body is written: read what it said
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = s.getInputStream()) {
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0 && got.size() < 50_000_000; ) got.write(buf, 0, n);
            } catch (IOException reset) {
                // keep what arrived before the reset
            }
            String text = got.toString(StandardCharsets.UTF_8);
            var m = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(text);
            return new Answer(m.find() ? Integer.parseInt(m.group(1)) : 0, text);
        }
    }
}
