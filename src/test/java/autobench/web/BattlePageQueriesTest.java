package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.gallery.Gallery;
import autobench.gallery.TaskHeading;
import autobench.gallery.TaskView;
import autobench.testing.StatementCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A battle is drawn and voted on many times a second: its page and its reveal read the task's heading
 * (title, prompt, blindness) with one statement, not the task with every answer, render and label.
 */
@ResourceLock(WebFixture.LOCK)
class BattlePageQueriesTest {
    static WebFixture site;
    static StatementCounter statements;

    @BeforeAll
    static void start() {
        site = WebFixture.shared();
        statements = new StatementCounter(site.arena.storage().database().jdbi(), sql -> true);
    }

    @AfterAll
    static void stop() {
        if (statements != null) statements.close();
    }

    @Test
    void a_task_heading_says_what_the_task_view_says_with_one_statement() {
        Gallery gallery = site.arena.website().gallery();
        String id = site.firstTaskId();
        TaskView full = gallery.task(id).orElseThrow();
        Set<String> versionCheck = versionCheck(sql -> true);
        statements.reset();
        TaskHeading heading = gallery.heading(id).orElseThrow();
        assertThat(statements.statements())
                .as("statements besides the data-version check, which a request just before may have begun aside")
                .filteredOn(sql -> !versionCheck.contains(sql))
                .hasSize(1);
        assertThat(heading.id()).isEqualTo(full.id());
        assertThat(heading.title()).isEqualTo(full.title());
        assertThat(heading.prompt()).isEqualTo(full.prompt());
        assertThat(heading.revealAt()).isEqualTo(full.revealAt());
        assertThat(heading.blind()).isEqualTo(full.blind());
        statements.reset();
        gallery.task(id);
        assertThat(statements.count())
                .as("the full view, which the battle handlers no longer read, costs more (so the check above can fail)")
                .isGreaterThan(1);
        assertThat(gallery.heading("no-such-task")).isEmpty();
    }

    /**
     * The statements (of those {@code sql} matches) of the site's data-version check, which a request may begin on a
     * thread of its own at any time: not a lookup of what a test counts, so told apart by their text.
     */
    static Set<String> versionCheck(Predicate<String> sql) {
        Set<String> seen;
        try (StatementCounter check =
                new StatementCounter(site.arena.storage().database().jdbi(), sql)) {
            site.arena.website().gallery().dataVersion();
            seen = Set.copyOf(check.statements());
        }
        assertThat(seen).as("the data-version check's own statements").isNotEmpty();
        return seen;
    }

    /** Each battle page makes the browser ask for two posters; finding one used to read the whole task view. */
    @Test
    void a_poster_once_served_is_served_again_without_asking_the_database() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<URI> shown = postersOfABattle(http);
        assertThat(shown).as("the battle shows a poster").isNotEmpty();
        URI poster = shown.get(0);
        HttpResponse<byte[]> first =
                http.send(HttpRequest.newBuilder(poster).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        Predicate<String> posterTables =
                sql -> sql.contains("artifacts") || sql.contains("blobs") || sql.contains("submissions");
        // The site's routine data-version check (every 100 ms, aside from requests) reads two of these tables too;
        // when the repeat comes later than that on a busy machine, the check runs meanwhile.
        Set<String> versionCheck = versionCheck(posterTables);
        try (StatementCounter reads =
                new StatementCounter(site.arena.storage().database().jdbi(), posterTables)) {
            HttpResponse<byte[]> again =
                    http.send(HttpRequest.newBuilder(poster).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(reads.statements())
                    .as("statements other than the data-version check while a served poster was served again")
                    .filteredOn(sql -> !versionCheck.contains(sql))
                    .isEmpty();
        }
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create(site.base + "/p/forged-ref")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
    }

    /**
     * A poster the fast path sends (from Jetty's selector, once its bytes are remembered) carries exactly the
     * status, headers and bytes the handler sent for it; a HEAD gets the same headers and no body.
     */
    @Test
    void a_remembered_poster_leaves_from_the_fast_path_exactly_as_the_handler_sent_it() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // a poster the handler answers (nobody asked for it since the data changed last): the fixture is shared, so
        // battles are drawn until one shows such a poster
        URI poster = null;
        HttpResponse<byte[]> first = null;
        for (int i = 0; i < 50 && first == null; i++) {
            for (URI u : postersOfABattle(http)) {
                if (first != null) break;
                long before = site.site.fastPathPosters();
                HttpResponse<byte[]> r =
                        http.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (site.site.fastPathPosters() == before) {
                    poster = u;
                    first = r;
                }
            }
        }
        assertThat(first).as("a poster answered by the handler").isNotNull();
        // The fast path sends it while the data version is current; the shared site checks it every 100 ms, and on a
        // busy machine a repeat may come after that (then the handler answers, correctly): a few tries.
        HttpResponse<byte[]> second = null;
        for (int i = 0; i < 20 && second == null; i++) {
            long before = site.site.fastPathPosters();
            HttpResponse<byte[]> r =
                    http.send(HttpRequest.newBuilder(poster).build(), HttpResponse.BodyHandlers.ofByteArray());
            // more than before (classes that do not hold the fixture's lock may fetch posters at the same time)
            if (site.site.fastPathPosters() > before) second = r;
        }
        assertThat(second).as("a repeat left from the fast path").isNotNull();
        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(200);
        assertThat(headersOf(second)).isEqualTo(headersOf(first));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(headersOf(second))
                .containsEntry("cache-control", List.of(BattleHandlers.POSTER_CACHE_CONTROL))
                .containsKeys("content-security-policy", "x-content-type-options", "content-type");
        HttpResponse<byte[]> head = http.send(
                HttpRequest.newBuilder(poster)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("content-length")).contains(String.valueOf(first.body().length));
    }

    /** The posters a fresh battle page shows. */
    private static List<URI> postersOfABattle(HttpClient http) throws Exception {
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(site.base + "/battle"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<URI> posters = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"/p/([^\"]+)\"").matcher(page);
        while (m.find()) posters.add(URI.create(site.base + "/p/" + m.group(1)));
        return posters;
    }

    private static Map<String, List<String>> headersOf(HttpResponse<?> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        h.remove(":status");
        return h;
    }
}
