package autobench.ops;

import autobench.config.Config;
import autobench.dispatch.CallLedger.AverageTokens;
import autobench.provider.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a config is expected to cost before anything is spent: per model, the calls a day (tasks per
 * day, plus the task writer's one call) at its price, with the tokens its calls have used on
 * average where the ledger has any, else an assumed typical answer; and the ceiling where every
 * answer uses the whole output limit. Retries are left out: only calls refused before work are
 * retried, and those are not billed.
 */
public final class CostPlan {
    /** An answer's assumed size when the ledger has none: a 1,000-token prompt, 4,000 tokens of code and prose. */
    static final int ASSUMED_INPUT = 1_000;

    static final int ASSUMED_OUTPUT = 4_000;
    /** Days in the "month" of the figures. */
    static final int MONTH_DAYS = 30;
    /** The seed's claim: 4 models × 3 tasks, "~$1-5/month depending on model pricing". */
    static final int SEED_CALLS_PER_DAY = 12;

    static final double SEED_MONTH_LOW = 1, SEED_MONTH_HIGH = 5;

    /**
     * One model's line.
     *
     * @param role        "answers" or "task writer"
     * @param fromHistory whether the tokens are the ledger's averages (else assumed)
     * @param callsPerDay calls a day in this role
     */
    public record Line(
            String modelId,
            String role,
            int callsPerDay,
            double priceIn,
            double priceOut,
            int maxOutputTokens,
            double inputTokens,
            double outputTokens,
            boolean fromHistory,
            int historyCalls) {
        public double perCall() {
            return (inputTokens * priceIn + outputTokens * priceOut) / 1e6;
        }

        public double perCallAtCap() {
            return (inputTokens * priceIn + (double) maxOutputTokens * priceOut) / 1e6;
        }

        public double perDay() {
            return perCall() * callsPerDay;
        }

        public double perDayAtCap() {
            return perCallAtCap() * callsPerDay;
        }
    }

    public record Plan(int tasksPerDay, List<Line> lines, Double dailyBudgetUsd) {
        public int callsPerDay() {
            return lines.stream().mapToInt(Line::callsPerDay).sum();
        }

        public double perDay() {
            return lines.stream().mapToDouble(Line::perDay).sum();
        }

        public double perDayAtCap() {
            return lines.stream().mapToDouble(Line::perDayAtCap).sum();
        }

        /**
         * The average output tokens per answer at which the answers alone would cost the seed's $5 a
         * month with these prices and the lines' input tokens; negative when even empty answers cost more.
         */
        public double outputTokensForSeedHigh() {
            List<Line> answers =
                    lines.stream().filter(l -> l.role().equals("answers")).toList();
            double fixed = answers.stream()
                    .mapToDouble(l -> l.callsPerDay() * l.inputTokens() * l.priceIn())
                    .sum();
            double perToken = answers.stream()
                    .mapToDouble(l -> l.callsPerDay() * l.priceOut())
                    .sum();
            return perToken == 0 ? Double.POSITIVE_INFINITY : (SEED_MONTH_HIGH / MONTH_DAYS * 1e6 - fixed) / perToken;
        }

        /** The report, in words and a table. */
        public List<String> text() {
            List<String> out = new ArrayList<>();
            out.add(String.format(
                    Locale.ROOT,
                    "%-24s %-12s %5s %8s %8s %8s %16s %10s %10s %11s",
                    "MODEL",
                    "ROLE",
                    "CALLS",
                    "IN $/M",
                    "OUT $/M",
                    "MAX OUT",
                    "TOKENS IN/OUT",
                    "PER CALL",
                    "PER DAY",
                    "PER 30 DAYS"));
            for (Line l : lines) {
                String tokens = String.format(
                        Locale.ROOT, "%.0f/%.0f%s", l.inputTokens(), l.outputTokens(), l.fromHistory() ? "*" : "");
                out.add(String.format(
                        Locale.ROOT,
                        "%-24s %-12s %5d %8.2f %8.2f %8d %16s %10s %10s %11s",
                        l.modelId(),
                        l.role(),
                        l.callsPerDay(),
                        l.priceIn(),
                        l.priceOut(),
                        l.maxOutputTokens(),
                        tokens,
                        usd(l.perCall()),
                        usd(l.perDay()),
                        usd(l.perDay() * MONTH_DAYS)));
            }
            out.add(String.format(
                    Locale.ROOT,
                    "%-24s %-12s %5d %52s %10s %11s",
                    "expected",
                    "",
                    callsPerDay(),
                    "",
                    usd(perDay()),
                    usd(perDay() * MONTH_DAYS)));
            out.add(String.format(
                    Locale.ROOT,
                    "%-24s %-12s %5d %52s %10s %11s",
                    "at the output cap",
                    "",
                    callsPerDay(),
                    "",
                    usd(perDayAtCap()),
                    usd(perDayAtCap() * MONTH_DAYS)));
            boolean anyHistory = lines.stream().anyMatch(Line::fromHistory);
            out.add("Tokens: "
                    + (anyHistory ? "* = the average of the model's billed calls in the call ledger; others " : "")
                    + "assumed " + ASSUMED_INPUT + " in / " + ASSUMED_OUTPUT
                    + " out (at most the model's limit) per call. "
                    + "\"At the output cap\": every call uses its whole max_output_tokens.");
            if (dailyBudgetUsd != null) {
                out.add(String.format(
                        Locale.ROOT,
                        "daily_budget_usd %s: at most %s per 30 days; the worst case (%s a day) %s.",
                        usd(dailyBudgetUsd),
                        usd(dailyBudgetUsd * MONTH_DAYS),
                        usd(perDayAtCap()),
                        perDayAtCap() <= dailyBudgetUsd
                                ? "fits in it"
                                : "does not fit: some calls would wait for a later day's budget"));
            } else {
                out.add("No daily_budget_usd: nothing caps the spend.");
            }
            out.add(String.format(
                    Locale.ROOT,
                    "The seed's estimate: %d calls a day (4 models x 3 tasks), about %d a month, "
                            + "\"~$%.0f-%.0f/month depending on model pricing\".",
                    SEED_CALLS_PER_DAY,
                    SEED_CALLS_PER_DAY * MONTH_DAYS,
                    SEED_MONTH_LOW,
                    SEED_MONTH_HIGH));
            double x = outputTokensForSeedHigh();
            out.add(String.format(
                    Locale.ROOT,
                    "This config: %d calls a day, %d a month, %s a month expected (%s at the cap)%s.",
                    callsPerDay(),
                    callsPerDay() * MONTH_DAYS,
                    usd(perDay() * MONTH_DAYS),
                    usd(perDayAtCap() * MONTH_DAYS),
                    x < 0
                            ? "; the seed's $5 a month is below even empty answers at these prices"
                            : Double.isInfinite(x)
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "; the seed's $5 a month holds while answers average at most %,.0f output tokens",
                                            x)));
            return out;
        }
    }

    private CostPlan() {}

    /**
     * @param history the ledger's averages for (model id, task writer?), or empty where it has none
     */
    public static Plan of(Config config, BiFunction<String, Boolean, Optional<AverageTokens>> history) {
        List<Line> lines = new ArrayList<>();
        for (ModelConfig m : config.enabledModels()) {
            lines.add(line(m, "answers", config.tasksPerDay(), m.maxOutputTokens(), history.apply(m.id(), false)));
        }
        if (!config.taskGenerator().equals("builtin")) {
            ModelConfig w = config.model(config.taskGenerator()).orElseThrow();
            // The writer's own limit, as wired in Arena: at least 4,000 tokens for a whole day's list.
            lines.add(line(w, "task writer", 1, Math.max(4000, w.maxOutputTokens()), history.apply(w.id(), true)));
        }
        return new Plan(config.tasksPerDay(), lines, config.dailyBudgetUsd());
    }

    private static Line line(ModelConfig m, String role, int calls, int maxOut, Optional<AverageTokens> seen) {
        double in = seen.map(AverageTokens::input).orElse((double) ASSUMED_INPUT);
        double out = seen.map(AverageTokens::output).orElse((double) Math.min(ASSUMED_OUTPUT, maxOut));
        return new Line(
                m.id(),
                role,
                calls,
                m.price().inputPerMillion(),
                m.price().outputPerMillion(),
                maxOut,
                in,
                out,
                seen.isPresent(),
                seen.map(AverageTokens::calls).orElse(0));
    }

    static String usd(double v) {
        return String.format(Locale.ROOT, v < 1 ? "$%.4f" : "$%.2f", v);
    }
}
