package autobench.ops;

import autobench.dispatch.CallLedger;
import autobench.time.ArenaDay;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Spend at a glance, from the call ledger (every attempt counts): today, this month so far, and the
 * month projected linearly from the days elapsed, against the budget (the daily cap × the days of
 * the month). Days are arena days in the configured zone.
 */
public final class Costs {
    private final CallLedger ledger;
    private final Double dailyBudgetUsd;
    private final ZoneId zone;
    private final Clock clock;

    public Costs(CallLedger ledger, Double dailyBudgetUsd, ZoneId zone, Clock clock) {
        this.ledger = ledger;
        this.dailyBudgetUsd = dailyBudgetUsd;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * @param daysElapsed      days of the month so far, today included (the projection's divisor)
     * @param projectedMonthUsd {@code monthUsd / daysElapsed × daysInMonth}
     * @param dailyBudgetUsd   the configured cap per day, or null for none
     * @param monthBudgetUsd   the cap × days in the month, or null
     */
    public record Report(
            LocalDate today,
            double todayUsd,
            double monthUsd,
            double projectedMonthUsd,
            int daysElapsed,
            int daysInMonth,
            Double dailyBudgetUsd,
            Double monthBudgetUsd) {
        /** Whether the projection exceeds the month's budget (false without a budget). */
        public boolean projectedOverBudget() {
            return monthBudgetUsd != null && projectedMonthUsd > monthBudgetUsd;
        }

        /** The three lines `verify` prints and the operator page shows. */
        public List<String> lines() {
            String day = dailyBudgetUsd == null ? "" : String.format(" of $%.2f", dailyBudgetUsd);
            String month = monthBudgetUsd == null ? "" : String.format(" of $%.2f", monthBudgetUsd);
            return List.of(
                    String.format("cost today (%s): $%.4f%s", today, todayUsd, day),
                    String.format(
                            "cost this month (%d of %d days): $%.4f%s", daysElapsed, daysInMonth, monthUsd, month),
                    String.format(
                            "projected month (linear by days elapsed): $%.4f%s%s",
                            projectedMonthUsd, month, projectedOverBudget() ? "  OVER BUDGET" : ""));
        }
    }

    public Report now() {
        ArenaDay arenaDay = ArenaDay.today(clock, zone);
        LocalDate today = arenaDay.date();
        ArenaDay first = ArenaDay.of(today.withDayOfMonth(1), zone);
        double todayUsd = ledger.spend(arenaDay.startMillis(), arenaDay.endMillis());
        double monthUsd = ledger.spend(first.startMillis(), arenaDay.endMillis());
        int elapsed = today.getDayOfMonth();
        int days = today.lengthOfMonth();
        double projected = monthUsd / elapsed * days;
        return new Report(
                today,
                todayUsd,
                monthUsd,
                projected,
                elapsed,
                days,
                dailyBudgetUsd,
                dailyBudgetUsd == null ? null : dailyBudgetUsd * days);
    }
}
