package autobench.dispatch;

import autobench.provider.ModelConfig;
import autobench.time.ArenaDay;
import java.time.Clock;
import java.time.ZoneId;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily spending cap. Before a claim, today's stored spend plus the worst case of the next
 * call (prompt estimate plus max output tokens at the model's price) must stay within the cap;
 * otherwise the submission is left pending for a later day's budget or an operator.
 */
public final class Budget {
    private static final Logger log = LoggerFactory.getLogger(Budget.class);
    /** A generous guess at prompt size; the real count is stored after the call. */
    static final long PROMPT_TOKENS_ESTIMATE = 2_000;

    private final Double capUsd;
    private final CallLedger ledger;
    private final ZoneId zone;
    private double reserved;

    public Budget(Double capUsd, CallLedger ledger, ZoneId zone) {
        this.capUsd = capUsd;
        this.ledger = ledger;
        this.zone = zone;
    }

    public static Budget unlimited(CallLedger ledger) {
        return new Budget(null, ledger, ZoneId.of("UTC"));
    }

    /** Spend so far in the arena day containing now. */
    public double spentToday(Clock clock) {
        ArenaDay today = ArenaDay.today(clock, zone);
        return ledger.spend(today.startMillis(), today.endMillis());
    }

    public Double capUsd() {
        return capUsd;
    }

    /**
     * Reserves the worst case of one call to {@code model} and returns the amount reserved (0 when
     * there is no cap), or empty, with nothing reserved, when the call could pass the cap.
     * Reservations of calls still in flight in this process count as spent, so concurrent calls
     * cannot together overshoot; {@link #release} after the call's cost is stored.
     */
    synchronized OptionalDouble reserve(ModelConfig model, Clock clock) {
        return reserve(model, model.maxOutputTokens(), clock);
    }

    /** As {@link #reserve(ModelConfig, Clock)}, for a call allowed {@code maxOutputTokens} (the task writer's own limit). */
    synchronized OptionalDouble reserve(ModelConfig model, long maxOutputTokens, Clock clock) {
        if (capUsd == null) return OptionalDouble.of(0);
        double worst = worstCase(model, maxOutputTokens);
        double spent = spentToday(clock) + reserved;
        if (spent + worst > capUsd) {
            log.warn(
                    "daily budget: spent ${} of ${}; a call to {} could cost up to ${}, so it is not claimed today",
                    String.format("%.4f", spent),
                    capUsd,
                    model.id(),
                    String.format("%.4f", worst));
            return OptionalDouble.empty();
        }
        reserved += worst;
        return OptionalDouble.of(worst);
    }

    synchronized void release(double reservation) {
        if (reservation > 0) reserved = Math.max(0, reserved - reservation);
    }

    static double worstCase(ModelConfig model) {
        return worstCase(model, model.maxOutputTokens());
    }

    static double worstCase(ModelConfig model, long maxOutputTokens) {
        return (PROMPT_TOKENS_ESTIMATE * model.price().inputPerMillion()
                        + (double) maxOutputTokens * model.price().outputPerMillion())
                / 1_000_000.0;
    }
}
