package autobench.bench;

import autobench.vote.Refusal;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The voting half of {@code bench/load.sh}: N visitors, each with its own cookie jar (and, when the
 * server trusts X-Forwarded-For, its own address), take a battle and the posters it shows, vote at random, read the reveal
 * and take the next battle, for a fixed time. Afterwards it counts, in the database, the votes stored
 * for the visitors it played, and prints the figures as {@code key=value} lines plus a short table.
 *
 * <pre>VotingClient BASE_URL SECONDS VISITORS JDBC_URL [SEED]</pre>
 *
 * Exit status 0 when every accepted vote is stored (and nothing else is) and no answer was a 5xx; 1 otherwise.
 */
public final class VotingClient {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]*)\"");
    private static final Pattern LEFT = Pattern.compile("name=\"left\" value=\"([^\"]*)\"");
    private static final Pattern RIGHT = Pattern.compile("name=\"right\" value=\"([^\"]*)\"");
    private static final Pattern MESSAGE =
            Pattern.compile("<p class=\"message\" role=\"status\"[^>]*>(.*?)</p>", Pattern.DOTALL);
    private static final Pattern COOKIE = Pattern.compile("^\\s*([^=;\\s]+)=([^;]*)");
    private static final String[] CHOICES = {"left", "right", "tie", "both_bad"};

    /** Client-side latency samples of one endpoint, in microseconds. */
    static final class Histogram {
        private long[] samples = new long[1024];
        /** When each sample's request began, in milliseconds since the histogram was made. */
        private long[] at = new long[1024];

        private int n;
        private final long start = System.nanoTime();

        synchronized void add(long micros) {
            add(micros, (System.nanoTime() - start) / 1_000_000 - micros / 1000);
        }

        synchronized void add(long micros, long atMillis) {
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
                at = Arrays.copyOf(at, n * 2);
            }
            at[n] = atMillis;
            samples[n++] = micros;
        }

        /**
         * The p99 of each {@code windowMillis}-long slice of the run, in milliseconds, in order: where
         * in the run the slow answers were (at the start, while the client's own JVM compiles its
         * code, or spread over the run).
         */
        synchronized List<Double> p99ByWindow(long windowMillis) {
            Map<Long, Histogram> windows = new TreeMap<>();
            for (int i = 0; i < n; i++)
                windows.computeIfAbsent(Math.max(0, at[i]) / windowMillis, k -> new Histogram())
                        .add(samples[i], 0);
            List<Double> p99 = new ArrayList<>();
            windows.values().forEach(h -> p99.add(h.quantile(0.99) / 1000.0));
            return p99;
        }

        synchronized int count() {
            return n;
        }

        /** The q-quantile (0 < q ≤ 1) by the nearest-rank rule, in microseconds; 0 when empty. */
        synchronized long quantile(double q) {
            if (n == 0) return 0;
            long[] s = Arrays.copyOf(samples, n);
            Arrays.sort(s);
            int rank = (int) Math.ceil(q * n);
            return s[Math.max(0, Math.min(n - 1, rank - 1))];
        }
    }

    /** What the visitors saw, added up. */
    static final class Tally {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong noBattle = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong otherStatus = new AtomicLong();
        final AtomicLong posterMissing = new AtomicLong();
        final AtomicLong transportErrors = new AtomicLong();
        final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
        final Histogram battle = new Histogram();
        final Histogram poster = new Histogram();
        final Histogram vote = new Histogram();
        final Map<String, Long> acceptedByVisitor = new ConcurrentHashMap<>();

        void refuse(String reason) {
            refused.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private final HttpClient http;
    private final String base;
    private final Tally tally;

    VotingClient(HttpClient http, String base, Tally tally) {
        this.http = http;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.tally = tally;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: VotingClient BASE_URL SECONDS VISITORS JDBC_URL [SEED]");
            System.exit(2);
        }
        String base = args[0];
        int seconds = Integer.parseInt(args[1]);
        int visitors = Integer.parseInt(args[2]);
        String jdbc = args[3];
        long seed = args.length > 4 ? Long.parseLong(args[4]) : System.nanoTime();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Tally tally = new Tally();
        VotingClient client = new VotingClient(http, base, tally);
        // THINK_MS: how long a visitor looks at a battle before voting (0: flat out, a closed loop that measures
        // capacity; people look at least voting.min_view_seconds, 4 s by default).
        client.thinkMillis = Long.parseLong(System.getenv().getOrDefault("THINK_MS", "0"));
        // WARMUP_SECONDS: visitors first play this long uncounted, on the same HTTP client, so that the figures
        // are the server's and not this JVM compiling its own code and opening its connections (the server is
        // warmed the same way before it is measured). The counted visitors that follow are new ones (new cookies).
        long warmup = Long.parseLong(System.getenv().getOrDefault("WARMUP_SECONDS", "0"));
        if (warmup > 0) {
            VotingClient warming = new VotingClient(http, base, new Tally());
            warming.thinkMillis = client.thinkMillis;
            warming.run(visitors, Duration.ofSeconds(warmup), seed ^ 0x5DEECE66DL);
        }
        long t0 = System.nanoTime();
        client.run(visitors, Duration.ofSeconds(seconds), seed);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long stored = stored(jdbc, tally.acceptedByVisitor.keySet());
        boolean ok = report(tally, stored, elapsed, visitors, System.out);
        System.exit(ok ? 0 : 1);
    }

    /** Pause between seeing a battle and voting, uniform in [think/2, 3·think/2]; 0 votes at once. */
    long thinkMillis;

    /** Runs {@code visitors} visitors, one virtual thread each, until {@code duration} has passed. */
    void run(int visitors, Duration duration, long seed) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        SplittableRandom root = new SplittableRandom(seed);
        CountDownLatch done = new CountDownLatch(visitors);
        for (int i = 0; i < visitors; i++) {
            SplittableRandom rnd = root.split();
            // One benchmark-range /24 per visitor (198.18.0.0/15), so a server that trusts X-Forwarded-For caps each
            // visitor's
            // network separately: the network cap counts a /24, and 100 visitors in one would share it.
            String address = "198." + (18 + i / 256) + "." + (i % 256) + ".1";
            Thread.ofVirtual().name("visitor-" + i).start(() -> {
                try {
                    visit(address, rnd, deadline);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    /** One visitor's loop: battle, vote, reveal, again. */
    void visit(String address, SplittableRandom rnd, long deadline) {
        Map<String, String> jar = new HashMap<>();
        // Paced visitors arrive spread over one look, as people do, not all in the same millisecond.
        if (thinkMillis > 0) {
            try {
                Thread.sleep(rnd.nextLong(thinkMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> page = send(
                        jar,
                        address,
                        HttpRequest.newBuilder(URI.create(base + "/battle")).GET(),
                        tally.battle);
                if (page.statusCode() >= 500) {
                    tally.serverErrors.incrementAndGet();
                    continue;
                }
                Matcher token = TOKEN.matcher(page.body());
                Matcher left = LEFT.matcher(page.body());
                Matcher right = RIGHT.matcher(page.body());
                if (page.statusCode() != 200 || !token.find() || !left.find() || !right.find()) {
                    tally.noBattle.incrementAndGet();
                    Thread.sleep(50);
                    continue;
                }
                // A browser asks for the posters the page shows (a side with no picture shows none); so does the
                // visitor.
                for (String ref : postersShown(page.body())) poster(jar, address, ref);
                if (thinkMillis > 0) Thread.sleep(thinkMillis / 2 + rnd.nextLong(thinkMillis + 1));
                String form = "token=" + enc(unescape(token.group(1))) + "&left=" + enc(unescape(left.group(1)))
                        + "&right=" + enc(unescape(right.group(1))) + "&choice=" + CHOICES[rnd.nextInt(CHOICES.length)];
                HttpResponse<String> reveal = send(
                        jar,
                        address,
                        HttpRequest.newBuilder(URI.create(base + "/battle/vote"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Origin", base)
                                .POST(HttpRequest.BodyPublishers.ofString(form)),
                        tally.vote);
                classify(reveal.statusCode(), reveal.body(), jar.get("ab_visitor"));
            } catch (IOException e) {
                tally.transportErrors.incrementAndGet();
                try {
                    Thread.sleep(50); // a server that is gone refuses at once: do not spin
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final Pattern POSTER = Pattern.compile("<img src=\"/p/([^\"]+)\"");

    /** The references of the posters a battle page shows, in page order. */
    static List<String> postersShown(String page) {
        List<String> refs = new ArrayList<>();
        Matcher m = POSTER.matcher(page);
        while (m.find()) refs.add(unescape(m.group(1)));
        return refs;
    }

    /** One poster of a battle, as the page's {@code <img src="/p/{ref}">} asks for it; the bytes are not kept. */
    void poster(Map<String, String> jar, String address, String ref) throws IOException, InterruptedException {
        HttpResponse<?> r = send(
                jar,
                address,
                HttpRequest.newBuilder(URI.create(base + "/p/" + enc(ref))).GET(),
                tally.poster,
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() >= 500) tally.serverErrors.incrementAndGet();
        else if (r.statusCode() != 200) tally.posterMissing.incrementAndGet(); // an answer that has no picture
    }

    /** Sorts the answer to a vote: accepted (the reveal), refused (by the server's reason), or an error. */
    void classify(int status, String body, String visitor) {
        if (status >= 500) {
            tally.serverErrors.incrementAndGet();
        } else if (status == 200
                && (body.contains("data-revealed=\"yes\"") || body.contains("data-revealed=\"later\""))) {
            // named at once, or (a blind task, the default) "names shown later": either way counted
            tally.accepted.incrementAndGet();
            if (visitor != null) tally.acceptedByVisitor.merge(visitor, 1L, Long::sum);
        } else if (status == 409 || status == 403 || status == 200) {
            tally.refuse(reason(status, body));
        } else {
            tally.otherStatus.incrementAndGet();
        }
    }

    /** The refusal's name, found by its message; the status and message when no known refusal says it. */
    static String reason(int status, String body) {
        Matcher m = MESSAGE.matcher(body);
        String message = m.find() ? unescape(m.group(1)).trim() : "";
        for (Refusal r : Refusal.values()) {
            if (r.message().equals(message)) return r.name();
        }
        return status + " " + (message.isEmpty() ? "(no message)" : message);
    }

    private HttpResponse<String> send(Map<String, String> jar, String address, HttpRequest.Builder b, Histogram h)
            throws IOException, InterruptedException {
        return send(jar, address, b, h, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(
            Map<String, String> jar,
            String address,
            HttpRequest.Builder b,
            Histogram h,
            HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        if (!jar.isEmpty()) {
            StringBuilder cookie = new StringBuilder();
            jar.forEach((k, v) -> cookie.append(cookie.isEmpty() ? "" : "; ")
                    .append(k)
                    .append('=')
                    .append(v));
            b.header("Cookie", cookie.toString());
        }
        b.header("X-Forwarded-For", address).timeout(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        HttpResponse<T> r = http.send(b.build(), body);
        h.add((System.nanoTime() - t0) / 1000);
        for (String set : r.headers().allValues("Set-Cookie")) {
            Matcher m = COOKIE.matcher(set);
            if (m.find()) jar.put(m.group(1), m.group(2));
        }
        return r;
    }

    /** Votes stored for these visitors (all of them were created by this run: visitor ids are random). */
    static long stored(String jdbc, Set<String> visitors) throws SQLException {
        if (visitors.isEmpty()) return 0;
        try (Connection c = DriverManager.getConnection(jdbc);
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM votes WHERE visitor = ?")) {
            long n = 0;
            for (String v : visitors) {
                s.setString(1, v);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
            return n;
        }
    }

    /** Prints the figures; true when stored equals accepted and there was no 5xx. */
    static boolean report(Tally t, long stored, double seconds, int visitors, PrintStream out) {
        long refusedTotal =
                t.refused.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Long> refused = new TreeMap<>();
        t.refused.forEach((k, v) -> refused.put(k, v.get()));
        out.printf(Locale.ROOT, "visitors=%d%n", visitors);
        out.printf(Locale.ROOT, "seconds=%.1f%n", seconds);
        out.printf(Locale.ROOT, "accepted=%d%n", t.accepted.get());
        out.printf(Locale.ROOT, "stored=%d%n", stored);
        out.printf(Locale.ROOT, "refused=%d%n", refusedTotal);
        refused.forEach((k, v) -> out.printf(Locale.ROOT, "refused.%s=%d%n", k.replace(' ', '_'), v));
        out.printf(Locale.ROOT, "no_battle=%d%n", t.noBattle.get());
        out.printf(Locale.ROOT, "server_errors_5xx=%d%n", t.serverErrors.get());
        out.printf(Locale.ROOT, "other_status=%d%n", t.otherStatus.get());
        out.printf(Locale.ROOT, "poster_missing=%d%n", t.posterMissing.get());
        out.printf(Locale.ROOT, "transport_errors=%d%n", t.transportErrors.get());
        for (var e : List.of(Map.entry("battle", t.battle), Map.entry("poster", t.poster), Map.entry("vote", t.vote))) {
            Histogram h = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "%s.requests=%d%n%s.rps=%.1f%n%s.p50_ms=%.1f%n%s.p99_ms=%.1f%n",
                    e.getKey(),
                    h.count(),
                    e.getKey(),
                    h.count() / seconds,
                    e.getKey(),
                    h.quantile(0.50) / 1000.0,
                    e.getKey(),
                    h.quantile(0.99) / 1000.0);
            out.printf(
                    Locale.ROOT,
                    "%s.p99_by_5s_ms=%s%n",
                    e.getKey(),
                    String.join(
                            " ",
                            h.p99ByWindow(5000).stream()
                                    .map(v -> String.format(Locale.ROOT, "%.0f", v))
                                    .toList()));
        }
        List<String> problems = new ArrayList<>();
        if (stored != t.accepted.get()) problems.add("accepted " + t.accepted.get() + " but stored " + stored);
        if (t.serverErrors.get() > 0) problems.add(t.serverErrors.get() + " answers with status 5xx");
        out.println("ok=" + problems.isEmpty() + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
        return problems.isEmpty();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Undoes the HTML escaping jte applies to attribute values and text (pages' tests use it too). */
    public static String unescape(String s) {
        return s.replace("&#39;", "'")
                .replace("&#34;", "\"")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
