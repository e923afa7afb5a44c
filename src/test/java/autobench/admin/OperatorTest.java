package autobench.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import autobench.config.Config;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.ops.Costs;
import autobench.rating.Outcome;
import autobench.rating.VoteFilter;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.ChatStub;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.vote.Battle;
import autobench.vote.CastResult;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator's actions, on both databases: each does what it says, refuses bad input, and is audited. */
public class OperatorTest {
    static final LocalDate DAY = LocalDate.of(2026, 6, 10);
    static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    static final String ACTOR = "cli:tester";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    Config config(Store store, int tasksPerDay, boolean autoApprove, String extra) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), tasksPerDay) + TestConfigs.stubModel("a", stub.port(), 30)
                + TestConfigs.stubModel("b", stub.port(), 30) + "auto_approve: " + autoApprove + "\n" + extra;
        return TestConfigs.load(tmp, yaml, Map.of());
    }

    Assembly arena(Config c, ManualClock clock) {
        return TestAssembly.of(c).clock(clock).build();
    }

    public static void publish(Assembly a) {
        a.storage().database().jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO render_results (submission_id, status, result, seed, attempts, created_at, updated_at)
                    SELECT id, 'done', 'ok', 0, 1, 0, 0 FROM submissions WHERE status = 'succeeded'
                    ON CONFLICT (submission_id) DO NOTHING""");
            h.execute("UPDATE tasks SET status = 'published' WHERE status = 'dispatched'");
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String s) throws Exception {
        return JSON.readValue(s, Map.class);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void approve_edit_and_reject_act_on_proposed_tasks_and_each_writes_an_audit_row_with_before_and_after(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 3, false, ""), new ManualClock(NOON))) {
            List<StoredTask> proposed = a.pipeline().dailyTasks().ensure(DAY);
            Operator op = a.operator();
            assertThat(op.awaitingApproval())
                    .extracting(StoredTask::id)
                    .containsExactlyElementsOf(
                            proposed.stream().map(StoredTask::id).toList());

            op.approve(ACTOR, proposed.get(0).id());
            op.editAndApprove(ACTOR, proposed.get(1).id(), "  A better title ", "Draw a spinning cube.");
            op.reject(ACTOR, proposed.get(2).id());

            assertThat(a.storage()
                            .tasks()
                            .byId(proposed.get(0).id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(TaskStatus.APPROVED);
            StoredTask edited = a.storage().tasks().byId(proposed.get(1).id()).orElseThrow();
            assertThat(edited.status()).isEqualTo(TaskStatus.APPROVED);
            assertThat(edited.title()).isEqualTo("A better title");
            assertThat(edited.prompt()).isEqualTo("Draw a spinning cube.");
            assertThat(a.storage()
                            .tasks()
                            .byId(proposed.get(2).id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(TaskStatus.REJECTED);
            assertThat(op.awaitingApproval()).isEmpty();

            List<AdminStore.AuditRow> audit = op.audit(10);
            assertThat(audit)
                    .extracting(AdminStore.AuditRow::action)
                    .containsExactlyInAnyOrder("approve", "edit_approve", "reject");
            assertThat(audit).allSatisfy(r -> {
                assertThat(r.actor()).isEqualTo(ACTOR);
                assertThat(r.at()).isEqualTo(NOON.toEpochMilli());
            });
            AdminStore.AuditRow edit = audit.stream()
                    .filter(r -> r.action().equals("edit_approve"))
                    .findFirst()
                    .orElseThrow();
            assertThat(edit.target()).isEqualTo(proposed.get(1).id());
            assertThat(json(edit.before()))
                    .containsEntry("status", "proposed")
                    .containsEntry("title", proposed.get(1).title());
            assertThat(json(edit.after())).containsEntry("status", "approved").containsEntry("title", "A better title");

            // The rejected task is never sent; the two approved ones go to both models.
            a.pipeline().dispatcher().dispatchDay(DAY);
            assertThat(stub.requests()).isEqualTo(4);
            assertThat(a.storage().submissions().forTask(proposed.get(2).id())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_bad_edit_or_an_action_on_a_task_that_is_not_proposed_changes_nothing_and_says_why(Store store) {
        try (Assembly a = arena(config(store, 1, false, ""), new ManualClock(NOON))) {
            StoredTask t = a.pipeline().dailyTasks().ensure(DAY).get(0);
            Operator op = a.operator();
            assertThatThrownBy(() -> op.editAndApprove(ACTOR, t.id(), "   ", "prompt"))
                    .isInstanceOf(Operator.Refused.class)
                    .hasMessageContaining("title");
            assertThatThrownBy(() -> op.editAndApprove(ACTOR, t.id(), "Title", ""))
                    .hasMessageContaining("prompt");
            assertThatThrownBy(() -> op.approve(ACTOR, "no-such-task"))
                    .hasMessageContaining("no task with id no-such-task");
            assertThat(a.storage().tasks().byId(t.id()).orElseThrow()).isEqualTo(t);
            op.approve(ACTOR, t.id());
            assertThatThrownBy(() -> op.reject(ACTOR, t.id())).hasMessageContaining("is approved, not proposed");
            assertThat(a.storage().tasks().byId(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.APPROVED);
            assertThatThrownBy(() -> op.setModelDisabled(ACTOR, "nope", true))
                    .hasMessageContaining("no model with id nope");
            assertThatThrownBy(() -> op.setHidden(ACTOR, "nope", true))
                    .hasMessageContaining("no submission with id nope");
            assertThatThrownBy(() -> op.voidVotes(ACTOR, "nobody")).hasMessageContaining("has no votes");
            assertThat(op.audit(10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_disabled_model_is_not_dispatched_and_the_switch_survives_a_restart_and_the_config_sync(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, 2, true, "");
        ManualClock clock = new ManualClock(NOON);
        try (Assembly a = arena(c, clock)) {
            a.operator().setModelDisabled(ACTOR, "b", true);
            AdminStore.AuditRow row = a.operator().audit(1).get(0);
            assertThat(row.action()).isEqualTo("disable_model");
            assertThat(json(row.before())).containsEntry("disabled", false);
            assertThat(json(row.after())).containsEntry("disabled", true);
        }
        try (Assembly a = arena(c, clock)) { // a restart: the models are synced from the config again
            assertThat(a.storage().models().disabledIds()).containsExactly("b");
            a.pipeline().dailyCycle().run(DAY);
            assertThat(stub.requests()).as("2 tasks × model a only").isEqualTo(2);
            for (StoredTask t : a.storage().tasks().forDay(DAY)) {
                assertThat(a.storage().submissions().forTask(t.id()))
                        .extracting(Submission::modelId)
                        .containsExactly("a");
            }
            a.operator().setModelDisabled(ACTOR, "b", false);
            a.pipeline().dailyCycle().run(DAY.plusDays(1));
            assertThat(stub.requests()).as("the next day both models").isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_hidden_answer_leaves_the_gallery_and_new_battles_and_comes_back_when_shown(Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 2, true, ""), new ManualClock(NOON))) {
            a.pipeline().dailyCycle().run(DAY);
            publish(a);
            StoredTask t = a.storage().tasks().forDay(DAY).get(0);
            String hidden =
                    a.storage().submissions().find(t.id(), "a").orElseThrow().id();
            long versionBefore = a.website().gallery().dataVersion();

            a.operator().setHidden(ACTOR, hidden, true);

            assertThat(a.website().gallery().dataVersion())
                    .as("the site's caches see a change")
                    .isNotEqualTo(versionBefore);
            assertThat(a.website().gallery().task(t.id()).orElseThrow().answers())
                    .extracting(x -> x.submissionId())
                    .doesNotContain(hidden)
                    .hasSize(1);
            assertThat(a.website().gallery().answer(hidden)).isEmpty();
            assertThat(a.website().gallery().texts(hidden)).isEmpty();
            assertThat(a.website().gallery().answersOf("a"))
                    .extracting(x -> x.answer().submissionId())
                    .doesNotContain(hidden);
            Set<String> inBattles = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                Battle b = a.website().battles().issue("visitor-" + i, "addr").orElseThrow();
                inBattles.add(b.leftSubmissionId());
                inBattles.add(b.rightSubmissionId());
            }
            assertThat(inBattles).doesNotContain(hidden);
            assertThat(json(a.operator().audit(1).get(0).after())).containsEntry("hidden", true);

            ((ManualClock) a.storage().clock()).advance(Duration.ofSeconds(1));
            a.operator().setHidden(ACTOR, hidden, false);
            assertThat(a.website().gallery().answer(hidden)).isPresent();
            assertThat(a.operator().audit(1).get(0).action()).isEqualTo("unhide");
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void voided_votes_stay_stored_but_leave_the_leaderboard_and_the_exports(Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 2, true, ""), new ManualClock(NOON))) {
            a.pipeline().dailyCycle().run(DAY);
            publish(a);
            StoredTask t = a.storage().tasks().forDay(DAY).get(0);
            String
                    sa =
                            a.storage()
                                    .submissions()
                                    .find(t.id(), "a")
                                    .orElseThrow()
                                    .id(),
                    sb =
                            a.storage()
                                    .submissions()
                                    .find(t.id(), "b")
                                    .orElseThrow()
                                    .id();
            long now = NOON.toEpochMilli();
            for (int i = 0; i < 5; i++)
                a.storage()
                        .votes()
                        .vote(
                                a.storage().votes().issueBattle(t.id(), sa, sb, "abuser", now),
                                "abuser",
                                Outcome.LEFT,
                                null,
                                now);
            a.storage()
                    .votes()
                    .vote(
                            a.storage().votes().issueBattle(t.id(), sa, sb, "honest", now),
                            "honest",
                            Outcome.RIGHT,
                            null,
                            now);
            assertThat(a.storage().votes().all()).hasSize(6);
            assertThat(a.operator().topVisitors(5).get(0).subject()).isEqualTo("abuser");
            a.pipeline().dailyCycle().snapshot(DAY.plusDays(1)); // the snapshot of DAY, with all six votes
            assertThat(a.storage().snapshots().history("a", "all", "bradley_terry"))
                    .singleElement()
                    .satisfies(pt -> assertThat(pt.votes()).isEqualTo(6));

            assertThat(a.operator().voidVotes(ACTOR, "abuser")).isEqualTo(5);

            assertThat(a.storage().votes().all()).hasSize(1);
            ((ManualClock) a.storage().clock())
                    .advance(Duration.ofDays(1)); // the reveal: DAY's votes are public from the next day
            assertThat(a.website().gallery().votes()).hasSize(1);
            assertThat(a.website().gallery().voteCount()).isEqualTo(1);
            assertThat(a.website()
                            .gallery()
                            .standings(VoteFilter.ALL)
                            .get(0)
                            .board()
                            .votes())
                    .isEqualTo(1);
            assertThat(a.storage().snapshots().history("a", "all", "bradley_terry"))
                    .as("the stored snapshot is computed again")
                    .singleElement()
                    .satisfies(pt -> assertThat(pt.votes()).isEqualTo(1));
            long stored = a.storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes WHERE voided_at IS NOT NULL")
                            .mapTo(Long.class)
                            .one());
            assertThat(stored).as("voided, never deleted").isEqualTo(5);
            AdminStore.AuditRow row = a.operator().audit(1).get(0);
            assertThat(row.action()).isEqualTo("void_votes");
            assertThat(row.target()).isEqualTo("abuser");
            assertThat(json(row.before())).containsEntry("counted", 5).containsEntry("voided", 0);
            assertThat(json(row.after())).containsEntry("counted", 0).containsEntry("voided", 5);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_networks_votes_are_listed_with_their_lean_and_voided_together_and_audited(Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 2, true, "voting: {min_view_seconds: 0}\n"), new ManualClock(NOON))) {
            a.pipeline().dailyCycle().run(DAY);
            publish(a);
            // Eight fresh cookies from eight addresses of one /24, each picking model a's side; two honest visitors
            // elsewhere.
            for (int i = 1; i <= 8; i++) vote(a, "stuffer-" + i, "203.0.113." + i, "a");
            vote(a, "honest-1", "198.51.100.1", "b");
            vote(a, "honest-2", "2001:db8::1", "a");
            String network = a.website().battles().networkHashOf("203.0.113.200");

            var top = a.operator().topNetworks(5);
            assertThat(top).hasSize(3).first().satisfies(n -> {
                assertThat(n.subject()).isEqualTo(network).hasSize(64);
                assertThat(n.votes()).isEqualTo(8);
                assertThat(n.others()).as("visitors").isEqualTo(8);
                assertThat(n.lean().modelId()).isEqualTo("a");
                assertThat(n.lean().share()).isEqualTo(1.0);
            });
            assertThat(top.get(1).lean()).as("one vote is too few to lean").isNull();
            assertThat(a.operator().topVisitors(20))
                    .hasSize(10)
                    .allSatisfy(v -> assertThat(v.others()).as("networks").isEqualTo(1));

            assertThat(a.operator().voidNetwork(ACTOR, network.toUpperCase(Locale.ROOT)))
                    .isEqualTo(8);

            assertThat(a.storage().votes().all()).hasSize(2);
            assertThat(a.operator().topNetworks(5))
                    .hasSize(2)
                    .noneMatch(n -> n.subject().equals(network));
            AdminStore.AuditRow row = a.operator().audit(1).get(0);
            assertThat(row.action()).isEqualTo("void_network_votes");
            assertThat(row.target()).isEqualTo(network);
            assertThat(json(row.before())).containsEntry("counted", 8).containsEntry("voided", 0);
            assertThat(json(row.after())).containsEntry("counted", 0).containsEntry("voided", 8);
            assertThatThrownBy(() -> a.operator().voidNetwork(ACTOR, "203.0.113.0/24"))
                    .hasMessageContaining("64 hex digits");
            assertThatThrownBy(() -> a.operator().voidNetwork(ACTOR, "0".repeat(64)))
                    .hasMessageContaining("has no votes");
        }
    }

    /** One vote through the web's path, for the side {@code model} is on. */
    private static void vote(Assembly a, String visitor, String address, String model) {
        Battle b = a.website().battles().issue(visitor, address).orElseThrow();
        String left = a.storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT model_id FROM submissions WHERE id = :id")
                        .bind("id", b.leftSubmissionId())
                        .mapTo(String.class)
                        .one());
        var r = a.website()
                .battles()
                .cast(b.token(), visitor, left.equals(model) ? Outcome.LEFT : Outcome.RIGHT, address);
        assertThat(r).isInstanceOf(CastResult.Accepted.class);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_bulk_resend_shows_its_estimate_sends_nothing_without_the_confirmed_count_and_then_resends_each_once(
            Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 3, true, ""), new ManualClock(NOON))) {
            a.pipeline().dailyCycle().run(DAY);
            // Two of b's three answers become unknown; the third is the comparable call the estimate prices from.
            List<String> unknown = a.storage().tasks().forDay(DAY).stream()
                    .limit(2)
                    .map(t -> a.storage()
                            .submissions()
                            .find(t.id(), "b")
                            .orElseThrow()
                            .id())
                    .toList();
            a.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.createUpdate("UPDATE submissions SET status = 'unknown' WHERE id IN (<ids>)")
                            .bindList("ids", unknown)
                            .execute());
            int before = stub.requests();

            Operator.ResendEstimate e = a.operator().resendEstimate(DAY);
            assertThat(e.count()).isEqualTo(2);
            assertThat(e.lines())
                    .extracting(Operator.ResendLine::submissionId)
                    .containsExactlyInAnyOrderElementsOf(unknown);
            // The stub's answers used 120 input and 340 output tokens; prices are $1 and $2 per million; the limit is
            // 1000.
            assertThat(e.expectedUsd()).isCloseTo(2 * (120 * 1.0 + 340 * 2.0) / 1e6, within(1e-9));
            assertThat(e.upperUsd()).isCloseTo(2 * (120 * 1.0 + 1000 * 2.0) / 1e6, within(1e-9));
            assertThat(e.withoutHistory()).isZero();
            assertThat(stub.requests()).as("an estimate sends nothing").isEqualTo(before);

            assertThatThrownBy(() -> a.operator().resendDay(ACTOR, DAY, 1))
                    .hasMessageContaining("confirmation was for 1");
            assertThat(stub.requests()).isEqualTo(before);
            assertThat(a.operator().audit(10)).isEmpty();

            Operator.ResendResult r = a.operator().resendDay(ACTOR, DAY, 2);
            assertThat(r.outcomes()).containsOnlyKeys(unknown);
            assertThat(stub.requests()).isEqualTo(before + 2);
            for (String id : unknown)
                assertThat(a.storage().submissions().byId(id).orElseThrow().status())
                        .isEqualTo(SubmissionStatus.SUCCEEDED);
            AdminStore.AuditRow row = a.operator().audit(1).get(0);
            assertThat(row.action()).isEqualTo("resend_day");
            assertThat(row.target()).isEqualTo(DAY.toString());
            assertThat(json(row.before())).containsEntry("unknown", 2);
            assertThat(json(row.after())).containsOnlyKeys(unknown);
            assertThat(a.operator().resendEstimate(DAY).count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void cost_today_this_month_and_the_projected_month_come_from_the_ledger_against_the_budget(Store store) {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 2, true, "daily_budget_usd: 2\n"), new ManualClock(NOON))) {
            a.pipeline().dailyCycle().run(DAY); // 4 calls today at (120 × $1 + 340 × $2) / 1M each
            String sub = a.storage()
                    .submissions()
                    .find(a.storage().tasks().forDay(DAY).get(0).id(), "a")
                    .orElseThrow()
                    .id();
            long june1 = LocalDate.of(2026, 6, 1)
                    .atTime(9, 0)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            long may31 = LocalDate.of(2026, 5, 31)
                    .atTime(23, 0)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            a.storage().database().jdbi().useHandle(h -> {
                h.execute(
                        "INSERT INTO provider_calls (id, submission_id, attempt, model_id, caller, reason, started_at, outcome, cost_usd)"
                                + " VALUES ('c-june', ?, 91, 'a', 'test', 'first', ?, 'answered', 1.0)",
                        sub,
                        june1);
                h.execute(
                        "INSERT INTO provider_calls (id, submission_id, attempt, model_id, caller, reason, started_at, outcome, cost_usd)"
                                + " VALUES ('c-may', ?, 92, 'a', 'test', 'first', ?, 'answered', 5.0)",
                        sub,
                        may31);
            });
            Costs.Report r = a.storage().costs().now();
            double today = 4 * (120 * 1.0 + 340 * 2.0) / 1e6;
            assertThat(r.todayUsd()).isCloseTo(today, within(1e-9));
            assertThat(r.monthUsd()).isCloseTo(1.0 + today, within(1e-9));
            assertThat(r.daysElapsed()).isEqualTo(10);
            assertThat(r.daysInMonth()).isEqualTo(30);
            assertThat(r.projectedMonthUsd()).isCloseTo((1.0 + today) / 10 * 30, within(1e-9));
            assertThat(r.monthBudgetUsd()).isEqualTo(60.0);
            assertThat(r.projectedOverBudget()).isFalse();
            assertThat(r.lines()).hasSize(3);
            assertThat(r.lines().get(2)).contains("$3.0096").contains("of $60.00");
            assertThat(a.storage().verifier().run().cost()).isEqualTo(r);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_single_resend_refuses_a_succeeded_submission_and_audits_the_one_it_sends(Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        try (Assembly a = arena(config(store, 1, true, ""), new ManualClock(NOON))) {
            a.pipeline().dailyCycle().run(DAY);
            String id = a.storage()
                    .submissions()
                    .find(a.storage().tasks().forDay(DAY).get(0).id(), "b")
                    .orElseThrow()
                    .id();
            assertThatThrownBy(() -> a.operator().resendOne(ACTOR, id))
                    .hasMessageContaining("is succeeded; only unknown or failed");
            assertThat(stub.requests()).isEqualTo(2);
            a.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE submissions SET status = 'unknown' WHERE id = ?", id));
            Operator.ResendEstimate e = a.operator().resendEstimate(id);
            assertThat(e.count()).isEqualTo(1);
            assertThat(e.submissionId()).isEqualTo(id);
            assertThat(stub.requests()).isEqualTo(2);

            a.operator().resendOne(ACTOR, id);

            assertThat(stub.requests()).isEqualTo(3);
            AdminStore.AuditRow row = a.operator().audit(1).get(0);
            assertThat(row.action()).isEqualTo("resend");
            assertThat(json(row.before())).containsEntry("status", "unknown");
            assertThat(json(row.after())).containsEntry("status", "succeeded");
        }
    }
}
