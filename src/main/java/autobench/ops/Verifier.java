package autobench.ops;

import autobench.dispatch.Budget;
import autobench.dispatch.CallLedger;
import autobench.dispatch.CallOutcome;
import autobench.dispatch.LedgerCall;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.dispatch.SubmissionStore;
import autobench.render.RenderStore;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The integrity report: the invariants users rely on, checked against what is stored. */
public final class Verifier {
    private static final long DAY_MS = 86_400_000L;
    private final Sources from;
    private final Clock clock;

    /**
     * What the report reads.
     *
     * @param database describes the database (kind and location, never a password)
     * @param schedule  the schedule's findings: failed stage runs, stages due and not run, work no worker took
     */
    public record Sources(
            TaskStore tasks,
            SubmissionStore submissions,
            CallLedger ledger,
            RenderStore renders,
            Budget budget,
            Supplier<String> database,
            Costs costs,
            Supplier<Findings> schedule,
            Supplier<List<String>> danglingVoteReferences) {}

    /** Findings a part of the arena reports about itself: problems fail the report, warnings do not. */
    public record Findings(List<String> problems, List<String> warnings) {}

    public Verifier(Sources from, Clock clock) {
        this.from = from;
        this.clock = clock;
    }

    /**
     * @param problems invariant breaks (non-zero exit)
     * @param warnings things an operator should look at, but that the system handled as designed
     */
    public record Report(
            String database,
            List<String> duplicateSubmissions,
            List<String> answeredTwice,
            Map<LocalDate, Integer> tasksPerDay,
            Map<TaskStatus, Integer> tasksByStatus,
            Map<SubmissionStatus, Integer> submissionsByStatus,
            Map<Integer, Integer> callsPerSubmission,
            int ledgerCalls,
            Map<String, Integer> renders,
            List<String> problems,
            List<String> warnings,
            Double budgetUsd,
            double spentTodayUsd,
            Costs.Report cost) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report run() {
        long now = clock.millis();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> dups = from.submissions().duplicates();
        dups.forEach(d -> problems.add("duplicate submission for task/model " + d));
        List<String> twice = from.ledger().submissionsAnsweredTwice();
        twice.forEach(
                id -> problems.add("submission " + id + " has more than one answered call in the ledger (paid twice)"));
        for (Submission s : from.submissions().expiredClaims(now)) {
            problems.add("submission " + s.id() + " is stuck in 'calling' with an expired lease held by "
                    + s.leaseOwner() + " (the next run-day marks it unknown)");
        }
        for (LedgerCall c : from.ledger().orphanedInFlight()) {
            problems.add("ledger call " + c.id() + " (submission " + c.submissionId() + ", attempt " + c.attempt()
                    + ") has no outcome although its submission is no longer calling");
        }
        from.ledger().taskWriterCalls().forEach((day, c) -> {
            if (c.outcome() == CallOutcome.UNKNOWN) {
                warnings.add("the task writer call for " + day + " (" + c.modelId() + ") is unknown: " + c.detail()
                        + "; it was not sent again and the day's tasks came from the library");
            }
        });
        for (Submission s : from.submissions().withStatus(SubmissionStatus.UNKNOWN)) {
            warnings.add("submission " + s.id() + " (" + s.modelId() + ") is unknown: " + s.reason());
        }
        for (Submission s : from.submissions().withStatus(SubmissionStatus.PENDING)) {
            warnings.add("submission " + s.id() + " (" + s.modelId()
                    + ") is still pending (budget cap, or a run that did not finish)");
        }
        for (StoredTask t : from.tasks().stuck(TaskStatus.APPROVED, now - DAY_MS)) {
            warnings.add("task " + t.day() + " #" + t.slot() + " '" + t.title()
                    + "' has been approved but not dispatched for over a day");
        }
        Map<String, Integer> renders = from.renders().counts();
        for (StoredTask t : from.tasks().stuck(TaskStatus.DISPATCHED, now - DAY_MS)) {
            warnings.add("task " + t.day() + " #" + t.slot() + " '" + t.title()
                    + "' was dispatched over a day ago but is not published"
                    + " (is Chromium installed? run: autobench render --date " + t.day() + ")");
        }
        Findings schedule = from.schedule().get();
        problems.addAll(schedule.problems());
        from.danglingVoteReferences().get().forEach(d -> problems.add(d + " (votes must name what is stored)"));
        warnings.addAll(schedule.warnings());
        Double cap = from.budget().capUsd();
        double spent = from.budget().spentToday(clock);
        if (cap != null && spent >= cap)
            warnings.add(String.format("daily budget reached: spent $%.4f of $%.2f today", spent, cap));
        return new Report(
                from.database().get(),
                dups,
                twice,
                new LinkedHashMap<>(from.tasks().countsPerDay()),
                from.tasks().countsByStatus(),
                from.submissions().countsByStatus(),
                from.ledger().callsPerSubmission(),
                from.ledger().total(),
                renders,
                problems,
                warnings,
                cap,
                spent,
                from.costs().now());
    }
}
