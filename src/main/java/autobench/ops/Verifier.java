package autobench.ops;

import autobench.wiring.Arena;
import autobench.dispatch.LedgerCall;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The integrity report: the invariants users rely on, checked against what is stored. */
public final class Verifier {
    private static final long DAY_MS = 86_400_000L;
    private final Arena arena;

    public Verifier(Arena arena) {
        this.arena = arena;
    }

    /**
     * @param problems invariant breaks (non-zero exit)
     * @param warnings things an operator should look at, but that the system handled as designed
     */
    public record Report(String database, List<String> duplicateSubmissions, List<String> answeredTwice,
                         Map<LocalDate, Integer> tasksPerDay, Map<TaskStatus, Integer> tasksByStatus,
                         Map<SubmissionStatus, Integer> submissionsByStatus, Map<Integer, Integer> callsPerSubmission,
                         int ledgerCalls, Map<String, Integer> renders, List<String> problems, List<String> warnings,
                         Double budgetUsd, double spentTodayUsd) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report run() {
        long now = arena.clock.millis();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> dups = arena.submissions.duplicates();
        dups.forEach(d -> problems.add("duplicate submission for task/model " + d));
        List<String> twice = arena.ledger.submissionsAnsweredTwice();
        twice.forEach(id -> problems.add("submission " + id + " has more than one answered call in the ledger (paid twice)"));
        for (Submission s : arena.submissions.expiredClaims(now)) {
            problems.add("submission " + s.id() + " is stuck in 'calling' with an expired lease held by " + s.leaseOwner()
                    + " (the next run-day marks it unknown)");
        }
        for (LedgerCall c : arena.ledger.orphanedInFlight()) {
            problems.add("ledger call " + c.id() + " (submission " + c.submissionId() + ", attempt " + c.attempt()
                    + ") has no outcome although its submission is no longer calling");
        }
        for (Submission s : arena.submissions.withStatus(SubmissionStatus.UNKNOWN)) {
            warnings.add("submission " + s.id() + " (" + s.modelId() + ") is unknown: " + s.reason());
        }
        for (Submission s : arena.submissions.withStatus(SubmissionStatus.PENDING)) {
            warnings.add("submission " + s.id() + " (" + s.modelId() + ") is still pending (budget cap, or a run that did not finish)");
        }
        for (StoredTask t : arena.tasks.stuck(TaskStatus.APPROVED, now - DAY_MS)) {
            warnings.add("task " + t.day() + " #" + t.slot() + " '" + t.title() + "' has been approved but not dispatched for over a day");
        }
        Map<String, Integer> renders = new autobench.render.RenderStore(arena.db).counts();
        for (StoredTask t : arena.tasks.stuck(TaskStatus.DISPATCHED, now - DAY_MS)) {
            warnings.add("task " + t.day() + " #" + t.slot() + " '" + t.title() + "' was dispatched over a day ago but is not published"
                    + " (is Chromium installed? run: autobench render --date " + t.day() + ")");
        }
        Double cap = arena.budget.capUsd();
        double spent = arena.budget.spentToday(arena.clock);
        if (cap != null && spent >= cap) warnings.add(String.format("daily budget reached: spent $%.4f of $%.2f today", spent, cap));
        return new Report(arena.db.describe(), dups, twice, new LinkedHashMap<>(arena.tasks.countsPerDay()),
                arena.tasks.countsByStatus(), arena.submissions.countsByStatus(), arena.ledger.callsPerSubmission(),
                arena.ledger.total(), renders, problems, warnings, cap, spent);
    }
}
