package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The page sweep's wait for a quiet page: it must not return while a request the page made is still out. */
@Tag("chromium")
class BrowserForTestsTest {
    static HttpServer server;
    static BrowserForTests browsers;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The page asks for /slow from its load event, and /slow answers 600 ms later: a wait that
        // returned at the load event would find no answer yet.
        server.createContext("/", ex -> {
            byte[] page = """
                    <!doctype html><title>late request</title><p id=s>waiting</p>
                    <script>addEventListener('load', () =>
                      fetch('/slow').then(r => r.text()).then(t => { document.getElementById('s').textContent = t; }));
                    </script>""".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "answered".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        browsers = new BrowserForTests();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        if (server != null) server.stop(0);
    }

    @Test
    void a_request_made_after_the_load_event_is_answered_before_the_page_counts_as_quiet() {
        try (BrowserContext context = browsers.browser.newContext()) {
            Page page = context.newPage();
            AtomicInteger inFlight = BrowserForTests.inFlight(page);
            page.navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            BrowserForTests.awaitQuiet(page, inFlight);
            assertThat(inFlight.get()).isZero();
            // the answer arrived and the page has had its quiet moment to use it
            assertThat(page.textContent("#s")).isEqualTo("answered");
        }
    }
}
