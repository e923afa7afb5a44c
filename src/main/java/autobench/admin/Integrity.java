package autobench.admin;

import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStore;
import autobench.ops.Costs;
import autobench.ops.Verifier;
import autobench.task.StoredTask;
import autobench.task.TaskStore;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator's "integrity and cost" page in plain values: the seed's verification questions
 * (duplicate submissions, today's tasks, submissions per task, calls per submission, stuck or
 * unknown rows) from the integrity report, and spend against the budget.
 */
public final class Integrity {
    private final Supplier<Verifier.Report> report;
    private final Costs costs;
    private final TaskStore tasks;
    private final SubmissionStore submissions;
    private final Supplier<LocalDate> today;

    public Integrity(
            Supplier<Verifier.Report> report,
            Costs costs,
            TaskStore tasks,
            SubmissionStore submissions,
            Supplier<LocalDate> today) {
        this.report = report;
        this.costs = costs;
        this.tasks = tasks;
        this.submissions = submissions;
        this.today = today;
    }

    /** One of today's tasks and its submissions by status. */
    public record TodayTask(
            String id, int slot, String title, String status, int submissions, Map<String, Integer> byStatus) {}

    /**
     * @param callsPerSubmission "N calls" → submissions
     * @param costLines          today, this month, projected month, against the budget
     */
    public record View(
            boolean ok,
            String database,
            int duplicateSubmissions,
            int answeredTwice,
            LocalDate today,
            List<TodayTask> todaysTasks,
            Map<String, Integer> callsPerSubmission,
            Map<String, Integer> submissionsByStatus,
            List<String> problems,
            List<String> warnings,
            List<String> costLines,
            Costs.Report cost) {}

    public View now() {
        Verifier.Report r = report.get();
        LocalDate day = today.get();
        List<TodayTask> todays = tasks.forDay(day).stream().map(this::todayTask).toList();
        Map<String, Integer> calls = new LinkedHashMap<>();
        r.callsPerSubmission().forEach((n, subs) -> calls.put(n + (n == 1 ? " call" : " calls"), subs));
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        r.submissionsByStatus().forEach((s, n) -> byStatus.put(s.wireName(), n));
        return new View(
                r.ok(),
                r.database(),
                r.duplicateSubmissions().size(),
                r.answeredTwice().size(),
                day,
                todays,
                calls,
                byStatus,
                r.problems(),
                r.warnings(),
                r.cost().lines(),
                r.cost());
    }

    private TodayTask todayTask(StoredTask t) {
        List<Submission> subs = submissions.forTask(t.id());
        Map<String, Integer> by = new LinkedHashMap<>();
        for (Submission s : subs) by.merge(s.status().wireName(), 1, Integer::sum);
        return new TodayTask(t.id(), t.slot(), t.title(), t.status().wireName(), subs.size(), by);
    }
}
