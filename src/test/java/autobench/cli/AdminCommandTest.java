package autobench.cli;

import static autobench.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import autobench.admin.OperatorTest;
import autobench.config.ConfigLoader;
import autobench.rating.Outcome;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.vote.CastResult;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** `autobench admin …` and the cost lines of `verify`, as an operator types them. */
@Isolated // CliTest.run swaps System.out and System.err for the whole process
class AdminCommandTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    @Test
    void admin_commands_act_and_are_audited_as_the_os_user_and_resend_day_without_yes_only_prints_the_estimate() {
        stub.answerAll(ChatStub.ok());
        Path cfg = TestConfigs.write(
                tmp,
                TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("a", stub.port(), 30)
                        + TestConfigs.stubModel("b", stub.port(), 30) + "daily_budget_usd: 1\n");
        assertThat(run("run-day", "--config", cfg.toString(), "--date", "2026-04-01")
                        .exit())
                .isZero();
        String unknown;
        try (Assembly a = TestAssembly.build(new ConfigLoader(Map.of()).load(cfg, false))) {
            unknown = a.storage()
                    .submissions()
                    .find(
                            a.storage()
                                    .tasks()
                                    .forDay(LocalDate.parse("2026-04-01"))
                                    .get(0)
                                    .id(),
                            "b")
                    .orElseThrow()
                    .id();
            a.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE submissions SET status = 'unknown' WHERE id = ?", unknown));
        }
        int calls = stub.requests();

        CliTest.Run estimate = run("admin", "resend-day", "--config", cfg.toString(), "--date", "2026-04-01");
        assertThat(estimate.exit()).as(estimate.err()).isZero();
        assertThat(estimate.out())
                .contains("1 unknown submission(s) on 2026-04-01")
                .contains(unknown)
                .contains("at most $")
                .contains("nothing sent; run again with --yes");
        assertThat(stub.requests()).isEqualTo(calls);

        CliTest.Run disable = run("admin", "disable-model", "b", "--config", cfg.toString());
        assertThat(disable.exit()).as(disable.err()).isZero();
        CliTest.Run bad = run("admin", "hide", "no-such-answer", "--config", cfg.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("no submission with id no-such-answer");

        CliTest.Run audit = run("admin", "audit", "--config", cfg.toString());
        assertThat(audit.out())
                .contains("cli:" + System.getProperty("user.name"))
                .contains("disable_model")
                .contains("b")
                .contains("{\"disabled\":false} → {\"disabled\":true}")
                .doesNotContain("resend_day");

        CliTest.Run verify = run("verify", "--config", cfg.toString());
        assertThat(verify.out())
                .contains("cost today")
                .contains("cost this month")
                .contains("projected month (linear by days elapsed)");
    }

    @Test
    void void_votes_with_network_takes_an_address_and_voids_every_vote_of_its_24_and_networks_lists_the_lean() {
        stub.answerAll(ChatStub.ok());
        Path cfg = TestConfigs.write(
                tmp,
                TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("a", stub.port(), 30)
                        + TestConfigs.stubModel("b", stub.port(), 30)
                        + "voting: {min_view_seconds: 0, reveal_after_days: 0}\n");
        assertThat(run("run-day", "--config", cfg.toString(), "--date", "2026-04-01")
                        .exit())
                .isZero();
        try (Assembly a = TestAssembly.build(new ConfigLoader(Map.of()).load(cfg, false))) {
            OperatorTest.publish(a);
            for (int i = 1; i <= 6; i++) {
                var b = a.website()
                        .battles()
                        .issue("cookie-" + i, "198.51.100." + i)
                        .orElseThrow();
                assertThat(a.website().battles().cast(b.token(), "cookie-" + i, Outcome.LEFT, "198.51.100." + i))
                        .isInstanceOf(CastResult.Accepted.class);
            }
        }

        CliTest.Run networks = run("admin", "networks", "--config", cfg.toString());
        assertThat(networks.exit()).as(networks.err()).isZero();
        assertThat(networks.out()).contains("6 votes, 6 visitors, leans to ");
        CliTest.Run both =
                run("admin", "void-votes", "cookie-1", "--network", "198.51.100.9", "--config", cfg.toString());
        assertThat(both.exit()).isNotZero();
        CliTest.Run voided = run("admin", "void-votes", "--network", "198.51.100.250", "--config", cfg.toString());
        assertThat(voided.exit()).as(voided.err()).isZero();
        assertThat(voided.out()).contains("voided 6 vote(s) from network ");
        assertThat(run("admin", "audit", "--config", cfg.toString()).out()).contains("void_network_votes");
        try (Assembly a = TestAssembly.build(new ConfigLoader(Map.of()).load(cfg, false))) {
            assertThat(a.storage().votes().all()).isEmpty();
        }
    }
}
