package autobench.task;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.Provider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Asks a configured model for the day's tasks, and trusts nothing it says: every proposal is
 * validated, written in the library's prompt format, and checked against history and the rest of
 * the day. Whatever the model could not supply is filled from the built-in library, and the
 * reason is recorded in {@link Generated#fallbackReason()} so the site can say so.
 *
 * <p>One call per day, ever: the {@link WriterCall} keeps it in the call ledger, and a failed, lost
 * or already-made call is not repeated (the library is the fallback; a retry would be a second
 * paid call for the same day).
 */
public final class LlmTaskGenerator implements TaskGenerator {

    /** Proposals asked for beyond the count, so one rejected proposal need not cost a library task. */
    static final int SPARES = 2;

    /** Problems named in the fallback reason; the rest are counted, keeping the stored text short. */
    private static final int PROBLEMS_SHOWN = 4;

    private final WriterCall call;
    private final String modelId;
    private final int maxOutputTokens;
    private final Duration timeout;
    private final BuiltinLibrary fallback;

    /** A generator whose call is kept nowhere (tests of the generator alone). */
    public LlmTaskGenerator(
            Provider provider, String modelId, int maxOutputTokens, Duration timeout, BuiltinLibrary fallback) {
        this(
                WriterCall.unrecorded(Objects.requireNonNull(provider, "provider")),
                modelId,
                maxOutputTokens,
                timeout,
                fallback);
    }

    /** @param call how the day's one call is made and recorded (the arena's: in the call ledger, budgeted) */
    public LlmTaskGenerator(
            WriterCall call, String modelId, int maxOutputTokens, Duration timeout, BuiltinLibrary fallback) {
        this.call = Objects.requireNonNull(call, "call");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        if (maxOutputTokens <= 0) throw new IllegalArgumentException("maxOutputTokens must be positive");
        this.maxOutputTokens = maxOutputTokens;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    String label() {
        return "model:" + modelId;
    }

    @Override
    public Generated generate(LocalDate day, int count, List<TaskSpec> history) {
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
        if (count == 0) return new Generated(List.of(), label(), null);
        WriterCall.Reply asked;
        try {
            asked = call.ask(day, TaskRequest.prompt(day, count + SPARES, history, maxOutputTokens, timeout));
        } catch (RuntimeException e) {
            // Adapters should classify, not throw; if one throws anyway the day still gets its tasks.
            asked = new WriterCall.Reply.Made(
                    Completion.Failed.of(FailureKind.MALFORMED, e.getClass().getSimpleName()));
        }
        Completion reply;
        switch (asked) {
            case WriterCall.Reply.Made m -> reply = m.completion();
            case WriterCall.Reply.NotMade n -> {
                return fromLibrary(day, count, history, List.of(), "not asked (" + n.reason() + ")");
            }
            // Filling the slots now would race the other process's tasks: the stage fails and runs again later.
            case WriterCall.Reply.Busy b ->
                throw new IllegalStateException("tasks for " + day + " not written yet: " + b.reason());
        }
        return switch (reply) {
            case Completion.Failed f ->
                fromLibrary(
                        day,
                        count,
                        history,
                        List.of(),
                        "call failed (" + f.kind().wireName() + (f.message().isBlank() ? "" : ": " + f.message())
                                + ")");
            case Completion.Refused r ->
                fromLibrary(day, count, history, List.of(), "model refused (" + r.reason() + ")");
            case Completion.Answered a -> fromAnswer(day, count, history, a);
        };
    }

    private Generated fromAnswer(LocalDate day, int count, List<TaskSpec> history, Completion.Answered answer) {
        ProposalParser.Parsed parsed = ProposalParser.parse(answer.text());
        // A reply cut off mid-list may still hold a few whole tasks; say why the rest are missing.
        String cut = answer.finish() == Finish.LENGTH ? " (reply cut off at the output token limit)" : "";
        if (parsed.problem() != null) return fromLibrary(day, count, history, List.of(), parsed.problem() + cut);
        DuplicateIndex seen = DuplicateIndex.of(history);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        boolean varyCategories = count <= Category.values().length;
        List<TaskSpec> chosen = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Proposal> proposals = parsed.proposals();
        for (int i = 0; i < proposals.size() && chosen.size() < count; i++) {
            Optional<String> problem = proposals.get(i).problem();
            TaskSpec task = problem.isEmpty() ? proposals.get(i).toTask() : null;
            if (task != null) {
                problem = seen.nearDuplicate(task)
                        .map(m -> String.format(
                                Locale.ROOT,
                                "too close to the earlier task \"%s\" (similarity %.2f)",
                                m.earlier().title(),
                                m.similarity()));
            }
            if (problem.isEmpty() && varyCategories && categories.contains(task.category())) {
                problem = Optional.of("a second " + task.category().wireName() + " task on one day");
            }
            if (problem.isPresent()) {
                problems.add("task " + (i + 1) + ": " + problem.get());
                continue;
            }
            chosen.add(task);
            seen.add(task);
            categories.add(task.category());
        }
        if (chosen.size() == count) return new Generated(chosen, label(), null);
        return fromLibrary(day, count, history, chosen, shortfall(proposals.size(), problems) + cut);
    }

    private static String shortfall(int proposed, List<String> problems) {
        if (proposed == 0) return "reply proposed no tasks";
        String head = problems.isEmpty()
                ? "reply proposed only " + proposed + (proposed == 1 ? " task" : " tasks")
                : problems.size() + " of " + proposed + " proposed tasks unusable";
        if (problems.isEmpty()) return head;
        String shown = String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
        int more = problems.size() - PROBLEMS_SHOWN;
        return head + " (" + shown + (more > 0 ? "; and " + more + " more" : "") + ")";
    }

    /** Keeps the model's usable tasks and fills the rest from the library, saying why. */
    private Generated fromLibrary(LocalDate day, int count, List<TaskSpec> history, List<TaskSpec> chosen, String why) {
        int missing = count - chosen.size();
        List<TaskSpec> tasks = new ArrayList<>(chosen);
        tasks.addAll(fallback.fill(day, missing, history, chosen));
        String reason = "model " + modelId + ": " + why + "; " + missing + (missing == 1 ? " task" : " tasks")
                + " from the built-in library";
        return new Generated(tasks, label(), reason);
    }
}
