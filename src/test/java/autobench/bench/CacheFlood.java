package autobench.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A crawler inventing query strings: COUNT requests, each with a query string no other request used,
 * against the cacheable routes, from CONCURRENCY connections at once (bench/load.sh, the flooding phase).
 * Most are values no route can use or parameters no route reads; one in 50 is a valid, new date window
 * of the leaderboard page, which is rendered and kept (about 20 KB with its compressed forms), so the
 * cache fills past its bound and must evict.
 * Prints {@code key=value} lines: requests, seconds, and the count per status.
 *
 * <pre>CacheFlood BASE_URL COUNT CONCURRENCY TASK_ID</pre>
 */
public final class CacheFlood {
    private CacheFlood() {}

    /** The i-th request's path and query: distinct for every i. */
    static String path(int i, String taskId) {
        if (i % 50 == 0) { // a window nobody asked before: valid, rendered, kept
            LocalDate from = LocalDate.of(2020, 1, 1).plusDays(i / 50);
            return "/leaderboard?from=" + from + "&to=" + from.plusDays(400);
        }
        return switch (i % 5) {
            case 0 -> "/api/v1/days/" + LocalDate.of(1900, 1, 1).plusDays(i); // no such day: 404, not kept
            case 1 -> "/leaderboard?utm_source=flood-" + i; // a parameter no route reads: the leaderboard itself
            case 2 -> "/task/" + taskId + "?run=flood-" + i; // no answer of the task: 400
            case 3 -> "/leaderboard?category=flood-" + i; // no such category: 400 before the cache
            default -> "/archive?page=" + (1_000 + i); // past the last page: 404, not kept
        };
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CacheFlood BASE_URL COUNT CONCURRENCY TASK_ID");
            System.exit(2);
        }
        String base = args[0], task = args[3];
        int count = Integer.parseInt(args[1]), concurrency = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong transportErrors = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        long t0 = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            HttpResponse<Void> r = http.send(
                                    HttpRequest.newBuilder(URI.create(base + path(i, task)))
                                            .header("Accept-Encoding", "gzip")
                                            .timeout(Duration.ofSeconds(30))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong())
                                    .incrementAndGet();
                        } catch (IOException e) {
                            transportErrors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "requests=%d%n", count);
        System.out.printf(Locale.ROOT, "seconds=%.1f%n", seconds);
        System.out.printf(Locale.ROOT, "rps=%.0f%n", count / seconds);
        new TreeMap<>(statuses).forEach((s, n) -> System.out.printf(Locale.ROOT, "status.%d=%d%n", s, n.get()));
        System.out.printf(Locale.ROOT, "transport_errors=%d%n", transportErrors.get());
    }
}
