package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.render.LibraryRoutes;
import autobench.render.LibraryRoutes.Resolution;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A module asked of a classic-only library loads the classic build with a script element, and
 * such scripts run in the order their bytes arrive. Here React's build is made to arrive last, the
 * way a slow network (or a busy machine) can: ReactDOM's module must still run after React's,
 * and two URLs of one React must still be one instance. Both pages fail without the facade's
 * dependency import and shared load (ReactDOM's build then runs with no React).
 */
@Tag("chromium")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassicModuleOrderTest {
    private static final String ORIGIN = "https://render.autobench.invalid/";
    private final LibraryRoutes routes = LibraryRoutes.bundled();
    private BrowserForTests browsers;

    @BeforeAll
    void start() {
        browsers = new BrowserForTests();
    }

    @AfterAll
    void stop() {
        if (browsers != null) browsers.close();
    }

    /** Runs {@code script} as the page's module with React's classic build held back 700 ms; the page's errors. */
    private List<String> run(String script, String expectedText) {
        try (BrowserContext context = browsers.browser.newContext()) {
            Page page = context.newPage();
            List<String> errors = BrowserForTests.watchErrors(page);
            page.route("**/*", route -> answer(route, script));
            page.navigate(ORIGIN);
            page.waitForFunction(
                    "t => document.body.innerText.includes(t) || window.__failed",
                    expectedText,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
            assertThat(page.innerText("body")).as("errors: " + errors).contains(expectedText);
            return errors;
        }
    }

    private void answer(Route route, String script) {
        String url = route.request().url();
        if (url.equals(ORIGIN)) {
            route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html")
                    .setBody("<!DOCTYPE html><div id=root></div><script>addEventListener('error',"
                            + " () => window.__failed = true)</script><script type=module>" + script
                            + "</script>"));
            return;
        }
        if (routes.resolve(url) instanceof Resolution.Served s) {
            if (url.endsWith("/umd/react.production.min.js")) pause(700);
            route.fulfill(
                    new Route.FulfillOptions().setContentType(s.contentType()).setBodyBytes(s.body()));
        } else {
            route.abort("blockedbyclient");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void react_dom_imported_before_react_runs_after_react_even_when_react_arrives_last() {
        List<String> errors = run("""
                import { createRoot } from "https://esm.sh/react-dom@18/client";
                import React, { useState } from "https://esm.sh/react@18";
                function Hello() { const [n] = useState(3); return React.createElement("p", null, "hooks " + n); }
                createRoot(document.getElementById("root")).render(React.createElement(Hello));
                """, "hooks 3");
        assertThat(errors).isEmpty();
    }

    @Test
    void two_urls_of_one_react_are_one_instance_even_when_its_build_arrives_last() {
        List<String> errors = run("""
                import React from "https://esm.sh/react@18.2.0";
                import Again from "https://cdn.jsdelivr.net/npm/react@18/+esm";
                import ReactDOM from "https://unpkg.com/react-dom@18.3.1?module";
                const same = React === Again && React === window.React;
                function Hello() { const [n] = Again.useState(5); return React.createElement("p", null, "same " + same + " " + n); }
                ReactDOM.createRoot(document.getElementById("root")).render(React.createElement(Hello));
                """, "same true 5");
        assertThat(errors).isEmpty();
    }
}
