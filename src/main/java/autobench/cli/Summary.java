package autobench.cli;

import autobench.cycle.DailyCycle;
import autobench.dispatch.Submission;
import autobench.render.RenderStore;
import autobench.task.StoredTask;
import autobench.wiring.Assembly;
import java.io.PrintStream;
import java.util.Locale;

/** The human-readable summary of a day, printed after run-day and demo. */
final class Summary {
    private Summary() {}

    static void print(Assembly arena, DailyCycle.Result r, PrintStream out) {
        out.println();
        out.println("AutoBench day " + r.day() + " (" + arena.config().zone() + ") — database "
                + arena.storage().database().describe());
        for (StoredTask t : r.tasks()) {
            out.printf(
                    "%n  Task %d · %s · %s [%s]%s%n",
                    t.slot() + 1,
                    t.title(),
                    t.category().wireName(),
                    t.status().wireName(),
                    t.fallbackReason() == null ? "" : " (generator fell back: " + t.fallbackReason() + ")");
            var renders = arena.storage().renders();
            for (Submission s : arena.storage().submissions().forTask(t.id())) {
                String render = renders.find(s.id())
                        .map(x -> x.status() == RenderStore.State.DONE
                                ? " · render " + x.result() + (Boolean.TRUE.equals(x.animates()) ? " animates" : "")
                                        + (Boolean.TRUE.equals(x.interactive()) ? " interactive" : "")
                                : " · render " + x.status().name().toLowerCase(Locale.ROOT))
                        .orElse("");
                boolean demo =
                        arena.config().model(s.modelId()).map(m -> m.isDemo()).orElse(false);
                out.printf(
                        "    %-22s %-10s %-12s %6d tok %7d ms  %s%s%n",
                        s.modelId() + (demo ? " (demo)" : ""),
                        s.status().wireName(),
                        s.outcome() == null ? "-" : s.outcome().wireName(),
                        s.inputTokens() + s.outputTokens(),
                        s.latencyMs(),
                        s.code() == null ? "no code" : s.code().length() + " chars of HTML",
                        s.reason() == null ? render : " — " + s.reason());
            }
        }
        out.println();
        out.println("  This run: " + r.dispatch());
        if (r.render() == null) out.println("  Rendering: switched off (render.enabled: false)");
        else if (r.render().skipped() != null)
            out.println("  Rendering: SKIPPED — " + r.render().skipped());
        else
            out.println("  Rendering: " + r.render().rendered() + " rendered, "
                    + r.render().failed() + " renderer failures, " + r.render().published() + " tasks published");
    }
}
