package autobench.vote;

import autobench.rating.Outcome;
import autobench.time.ArenaDay;
import autobench.vote.PairPicker.Pool;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Visitors made up for the demo, so that a fresh `./autobench demo` has a leaderboard to show.
 * They vote through the same issue-and-cast path as people (tokens, caps, one vote per battle),
 * only on demo models, and every vote they cast is stored as simulated and reported as such.
 *
 * <p>Each demo model gets a hidden strength drawn from the seed, and a simulated visitor prefers
 * the stronger answer with Bradley–Terry odds, so the table has a clear but not certain order. The
 * same seed on the same published days gives the same votes.
 */
public final class SimulatedVisitors {
    /** How far apart hidden strengths lie; about one means the best beats the worst roughly four times in five. */
    private static final double STRENGTH_SPREAD = 0.9;

    private static final double TIE = 0.10;

    private final Battles battles;
    private final long seed;

    public SimulatedVisitors(Battles battles, long seed) {
        this.battles = battles;
        this.seed = seed;
    }

    /**
     * @param cast        votes stored (all simulated)
     * @param refused     votes refused, by reason; expected to stay empty, shown so that a surprise is visible
     * @param daysSkipped days with no two demo answers to compare (not published, or still in the future),
     *                    or already simulated
     */
    public record Report(int cast, Map<Refusal, Integer> refused, int daysSkipped) {}

    /**
     * Casts up to {@code votesPerDay} votes on the published demo tasks of each day, timed within that
     * day (and never after now), so that date windows and daily snapshots see them where they belong.
     * Days that already have simulated votes are skipped: a second run adds nothing.
     */
    public Report run(List<LocalDate> days, int votesPerDay) {
        SplittableRandom root = new SplittableRandom(seed);
        Battles seeded = battles.withRandom(root.split());
        RandomGenerator people = root.split();
        int visitors = Math.max(5, votesPerDay / 40 + 1); // well under the per-visitor cap
        int cast = 0, skipped = 0;
        Map<Refusal, Integer> refused = new EnumMap<>(Refusal.class);
        long now = battles.clock().millis();
        for (LocalDate day : days.stream().sorted().distinct().toList()) {
            ArenaDay arenaDay = ArenaDay.of(day, battles.zone());
            long start = arenaDay.startMillis();
            long end = Math.min(arenaDay.endMillis(), now);
            // A day simulated before is left alone, so running the demo again does not pile up votes.
            if (end <= start || votesPerDay <= 0 || battles.simulatedVotesOn(day) > 0) {
                skipped++;
                continue;
            }
            for (int i = 0; i < votesPerDay; i++) {
                long at = start + (end - start) * (i + 1) / (votesPerDay + 1);
                int who = people.nextInt(visitors);
                // The "simulated:" prefix matches what the web's interim labelling looks for; the flag is what counts.
                String visitor = "simulated:" + day + "-" + who;
                // Shown a little before the vote, as a person would look first (the minimum view time).
                var issued = seeded.issue(
                        visitor,
                        Pool.DEMO,
                        day,
                        at - seeded.settings().minViewTime().toMillis());
                if (issued.isEmpty()) {
                    skipped++;
                    break;
                }
                Outcome choice = choose(issued.get().leftModelId(), issued.get().rightModelId(), people);
                CastResult r = seeded.cast(
                        issued.get().battle().token(), visitor, choice, "simulated-address-" + who, true, at);
                switch (r) {
                    case CastResult.Accepted a -> cast++;
                    case CastResult.Refused f -> refused.merge(f.reason(), 1, Integer::sum);
                }
            }
        }
        return new Report(cast, Map.copyOf(refused), skipped);
    }

    /** One simulated judgement: mostly the stronger model, sometimes a tie, and "both bad" more often between weak ones. */
    private Outcome choose(String left, String right, RandomGenerator rnd) {
        double l = strength(left), r = strength(right);
        double bothBad = 0.03 + 0.07 * (1 - logistic(l + r));
        double u = rnd.nextDouble();
        if (u < bothBad) return Outcome.BOTH_BAD;
        if (u < bothBad + TIE) return Outcome.TIE;
        return rnd.nextDouble() < logistic(l - r) ? Outcome.LEFT : Outcome.RIGHT;
    }

    /** The hidden strength of a model under this seed: fixed per (seed, model id), so reruns agree. */
    double strength(String modelId) {
        return new SplittableRandom(seed * 1_000_003L + modelId.hashCode()).nextGaussian() * STRENGTH_SPREAD;
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
