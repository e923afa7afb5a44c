package autobench.vote;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An arena with answers ready to battle: the cycle runs with rendering off, then each succeeded
 * answer is marked rendered and each task published, as the render stage would.
 */
final class Voting implements AutoCloseable {
    static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    static final long NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    /** The default limits without the minimum view time, for tests about everything else (they vote at once). */
    static final VoteSettings QUICK = VoteSettings.DEFAULTS.withMinViewTime(Duration.ZERO);

    final Assembly arena;
    final ManualClock clock;

    private Voting(Config c, long startMillis) {
        this.clock = new ManualClock(Instant.ofEpochMilli(startMillis));
        this.arena = TestAssembly.of(c).clock(clock).build();
    }

    /** The built-in demo configuration: four demo models, nothing else. */
    static Voting demoOnly(Store store, Path tmp) {
        Config c = new ConfigLoader(Map.of("AUTOBENCH_RENDER_ENABLED", "false"))
                .load(null, true)
                .withDatabase(store.freshUrl(tmp));
        return new Voting(c, NOON);
    }

    /** Real models (served by a local stub) next to demo models. */
    static Voting mixed(Store store, Path tmp, int stubPort) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), 2) + TestConfigs.stubModel("alpha", stubPort, 30)
                + TestConfigs.stubModel("beta", stubPort, 30) + TestConfigs.stubModel("gamma", stubPort, 30)
                + "  - {id: demo-grid, provider: demo, model: demo-grid}\n"
                + "  - {id: demo-orbit, provider: demo, model: demo-orbit}\n";
        return new Voting(TestConfigs.load(tmp, yaml, Map.of()), NOON);
    }

    /** Runs the cycle for each day (at that day's noon) and publishes what it produced; the clock ends at the last noon. */
    Voting publishDays(List<LocalDate> days) {
        for (LocalDate d : days) {
            clock.advance(
                    Duration.ofMillis(d.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli() - clock.millis()));
            arena.pipeline().dailyCycle().run(d);
        }
        arena.storage().database().jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO render_results (submission_id, status, result, seed, attempts, created_at, updated_at)
                    SELECT id, 'done', 'ok', 0, 1, 0, 0 FROM submissions WHERE status = 'succeeded'
                    ON CONFLICT (submission_id) DO NOTHING""");
            h.execute("UPDATE tasks SET status = 'published' WHERE status = 'dispatched'");
        });
        return this;
    }

    Voting publish() {
        return publishDays(List.of(DAY));
    }

    Battles battles(VoteSettings settings, long seed) {
        return new Battles(
                new VoteStore(arena.storage().database()),
                settings,
                ZoneId.of("UTC"),
                clock,
                new SplittableRandom(seed));
    }

    /** A ticket for the same two answers as {@code shown}, to the same visitor "visitor", under a chosen id. */
    String ticket(Battles battles, Battle shown, String id) {
        return battles.sign(new Tokens.Ticket(
                id,
                "visitor",
                shown.taskId(),
                shown.leftSubmissionId(),
                shown.rightSubmissionId(),
                clock.millis(),
                clock.millis() + 60_000));
    }

    Battles battles() {
        return battles(QUICK, 1);
    }

    String modelOf(String submissionId) {
        return arena.storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT model_id FROM submissions WHERE id = :id")
                        .bind("id", submissionId)
                        .mapTo(String.class)
                        .one());
    }

    /** What a vote can change: if a refusal leaves all three alone, it was counted nowhere. */
    /** @param paired the votes the pair counters hold: every stored vote raises one, a refused one none */
    record Counts(long votes, long usedBattles, long tallied, long paired) {}

    Counts counts() {
        return arena.storage()
                .database()
                .jdbi()
                .withHandle(h -> new Counts(
                        h.createQuery("SELECT COUNT(*) FROM votes")
                                .mapTo(Long.class)
                                .one(),
                        h.createQuery("SELECT COUNT(*) FROM battles WHERE used_at IS NOT NULL")
                                .mapTo(Long.class)
                                .one(),
                        h.createQuery("SELECT COALESCE(SUM(votes), 0) FROM vote_tallies")
                                .mapTo(Long.class)
                                .one(),
                        h.createQuery("SELECT COALESCE(SUM(votes), 0) FROM pair_counts")
                                .mapTo(Long.class)
                                .one()));
    }

    @Override
    public void close() {
        arena.close();
    }
}
