package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** An operator in a real browser: sign in, approve a task, disable a model, and find both in the audit log. */
@ResourceLock(WebFixture.LOCK)
@Tag("chromium")
class OperatorJourneyTest {
    static final String TOKEN = "operator-token-for-the-browser-test";

    @TempDir
    Path tmp;

    @Test
    void sign_in_approve_a_task_disable_a_model_and_read_both_in_the_audit_log() {
        String yaml = TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("alpha", 9, 30)
                + TestConfigs.stubModel("beta", 9, 30)
                + "auto_approve: false\nweb:\n  port: 0\n  sandbox_port: 0\n  admin_token_env: ADMIN_TOKEN\n";
        Config c = TestConfigs.load(tmp, yaml, Map.of("ADMIN_TOKEN", TOKEN));
        try (Assembly a = TestAssembly.of(c)
                        .env(Map.of("ADMIN_TOKEN", TOKEN)::get)
                        .build();
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1");
                BrowserForTests browsers = new BrowserForTests();
                BrowserContext context =
                        browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            List<StoredTask> proposed =
                    a.pipeline().dailyTasks().ensure(a.today().date());
            String base = "http://127.0.0.1:" + site.port();
            Page page = context.newPage();
            List<String> errors = BrowserForTests.watchErrors(page);

            page.navigate(base + "/admin");
            assertThat(page.locator("h1").textContent()).isEqualTo("Operator sign-in");
            page.locator("#token").fill("not the token");
            page.locator("form.admin-login button").click();
            assertThat(page.locator("p.message").textContent()).contains("Wrong or missing token");
            assertThat(context.cookies()).noneMatch(k -> k.name.equals("ab_admin"));

            page.locator("#token").fill(TOKEN);
            page.locator("form.admin-login button").click();
            page.waitForURL(base + "/admin");
            assertThat(context.cookies()).anySatisfy(k -> {
                assertThat(k.name).isEqualTo("ab_admin");
                assertThat(k.httpOnly).isTrue();
                assertThat(k.path).isEqualTo("/admin");
            });
            assertThat(page.locator("article.proposed").count()).isEqualTo(2);

            page.locator("#task-" + proposed.get(0).id() + " form[action='/admin/approve'] button")
                    .click();
            page.waitForURL("**/admin?notice=*");
            assertThat(page.locator("p.message").textContent()).isEqualTo("Task approved.");
            assertThat(page.locator("article.proposed").count()).isEqualTo(1);

            page.locator("button", new Page.LocatorOptions().setHasText("Disable beta"))
                    .click();
            page.waitForURL("**/admin?notice=*");
            assertThat(page.locator("p.message").textContent()).isEqualTo("Model disabled.");
            assertThat(page.locator("button", new Page.LocatorOptions().setHasText("Enable beta"))
                            .count())
                    .isEqualTo(1);

            page.locator("nav.admin-nav a[href='/admin/audit']").click();
            page.waitForURL(base + "/admin/audit");
            List<String> actions =
                    page.locator("table.audit tbody tr td:nth-child(3)").allTextContents();
            assertThat(actions).containsExactlyInAnyOrder("approve", "disable_model");
            assertThat(page.locator("table.audit").textContent())
                    .contains(proposed.get(0).id())
                    .contains("beta")
                    .contains("{\"disabled\":true}")
                    .contains("session:");

            page.locator("nav.admin-nav button", new Page.LocatorOptions().setHasText("Sign out"))
                    .click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Operator sign-in");
            page.navigate(base + "/admin/audit");
            assertThat(page.locator("h1").textContent()).isEqualTo("Operator sign-in");
            assertThat(errors).as("console errors").allMatch(e -> e.contains("401"));

            assertThat(a.storage()
                            .tasks()
                            .byId(proposed.get(0).id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(TaskStatus.APPROVED);
            assertThat(a.storage().models().disabledIds()).containsExactly("beta");
        }
    }
}
