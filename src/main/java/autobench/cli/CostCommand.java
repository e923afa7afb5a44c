package autobench.cli;

import autobench.dispatch.CallLedger;
import autobench.dispatch.CallReason;
import autobench.time.ArenaDay;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "cost",
        description =
                "What the model calls cost, per arena day and per model, from the call ledger (every attempt counts).")
public final class CostCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First arena day (default: 30 days ago).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last arena day, inclusive (default: today).")
    LocalDate to;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** Totals of one (day, model). */
    static final class Totals {
        int calls;
        long input, output, reasoning;
        double usd;

        void add(CallLedger.CostRow r) {
            calls++;
            input += r.inputTokens();
            output += r.outputTokens();
            reasoning += r.reasoningTokens();
            usd += r.costUsd();
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Assembly arena = Assembly.assemble(Assembly.TOOL, config.load(false))) {
            var zone = arena.config().zone();
            LocalDate last = to == null ? arena.today().date() : to;
            LocalDate first = from == null ? last.minusDays(29) : from;
            if (first.isAfter(last)) throw new IllegalArgumentException("--from " + first + " is after --to " + last);
            Map<LocalDate, Map<String, Totals>> byDay = new TreeMap<>();
            Map<String, Totals> byModel = new TreeMap<>();
            Totals all = new Totals();
            for (CallLedger.CostRow r : arena.storage()
                    .ledger()
                    .costRows(
                            ArenaDay.of(first, zone).startMillis(),
                            ArenaDay.of(last, zone).endMillis())) {
                LocalDate day = ArenaDay.containing(r.startedAt(), zone).date();
                // The task writer's call is its own line: it is not one of the model's answers.
                String line = r.reason() == CallReason.TASK_WRITER ? r.modelId() + " (task writer)" : r.modelId();
                byDay.computeIfAbsent(day, d -> new TreeMap<>())
                        .computeIfAbsent(line, m -> new Totals())
                        .add(r);
                byModel.computeIfAbsent(line, m -> new Totals()).add(r);
                all.add(r);
            }
            if (json) printJson(first, last, byDay, byModel, all, arena.config().dailyBudgetUsd());
            else printText(first, last, byDay, byModel, all, arena.config().dailyBudgetUsd());
            return 0;
        }
    }

    private static void printText(
            LocalDate first,
            LocalDate last,
            Map<LocalDate, Map<String, Totals>> byDay,
            Map<String, Totals> byModel,
            Totals all,
            Double budget) {
        System.out.println("Cost of model calls, " + first + " to " + last
                + (budget == null ? "" : String.format(" (daily budget $%.2f)", budget)));
        System.out.printf(
                "%-12s %-24s %6s %12s %12s %12s %10s%n",
                "DAY", "MODEL", "CALLS", "INPUT TOK", "OUTPUT TOK", "REASONING", "USD");
        byDay.forEach((day, models) -> {
            double dayTotal = 0;
            for (var e : models.entrySet()) {
                Totals t = e.getValue();
                dayTotal += t.usd;
                System.out.printf(
                        "%-12s %-24s %6d %12d %12d %12d %10.4f%n",
                        day, e.getKey(), t.calls, t.input, t.output, t.reasoning, t.usd);
            }
            System.out.printf(
                    "%-12s %-24s %6s %12s %12s %12s %10.4f%s%n",
                    day,
                    "(day total)",
                    "",
                    "",
                    "",
                    "",
                    dayTotal,
                    budget != null && dayTotal > budget ? "  OVER BUDGET" : "");
        });
        System.out.println();
        byModel.forEach((m, t) -> System.out.printf(
                "%-12s %-24s %6d %12d %12d %12d %10.4f%n",
                "all days", m, t.calls, t.input, t.output, t.reasoning, t.usd));
        System.out.printf(
                "%-12s %-24s %6d %12d %12d %12d %10.4f%n",
                "all days", "(total)", all.calls, all.input, all.output, all.reasoning, all.usd);
    }

    private static void printJson(
            LocalDate first,
            LocalDate last,
            Map<LocalDate, Map<String, Totals>> byDay,
            Map<String, Totals> byModel,
            Totals all,
            Double budget)
            throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("from", first.toString()).put("to", last.toString());
        if (budget != null) root.put("daily_budget_usd", budget);
        ArrayNode days = root.putArray("days");
        byDay.forEach((day, models) -> {
            ObjectNode d = days.addObject().put("day", day.toString());
            ArrayNode arr = d.putArray("models");
            double total = 0;
            for (var e : models.entrySet()) {
                total += e.getValue().usd;
                fill(arr.addObject().put("model", e.getKey()), e.getValue());
            }
            d.put("usd", total);
        });
        ArrayNode models = root.putArray("models");
        byModel.forEach((id, t) -> fill(models.addObject().put("model", id), t));
        fill(root.putObject("total"), all);
        System.out.println(m.writeValueAsString(root));
    }

    private static void fill(ObjectNode n, Totals t) {
        n.put("calls", t.calls)
                .put("input_tokens", t.input)
                .put("output_tokens", t.output)
                .put("reasoning_tokens", t.reasoning)
                .put("usd", t.usd);
    }
}
