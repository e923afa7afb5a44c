package autobench.vote;

import java.time.Duration;

/**
 * The voting limits.
 *
 * @param visitorCapPerDay votes one visitor (cookie) may cast per arena day
 * @param addressCapPerDay votes one network address may cast per arena day; higher than the
 *                         visitor cap because many people can share one address (offices, mobile carriers)
 * @param battleLifetime   how long an issued battle accepts its vote; long enough to run both
 *                         answers and think, short enough that a harvested token soon goes stale
 */
public record VoteSettings(int visitorCapPerDay, int addressCapPerDay, Duration battleLifetime) {
    public static final VoteSettings DEFAULTS = new VoteSettings(200, 1000, Duration.ofHours(1));

    public VoteSettings {
        if (visitorCapPerDay < 1) throw new IllegalArgumentException("the visitor vote cap must be at least 1, got " + visitorCapPerDay);
        if (addressCapPerDay < 1) throw new IllegalArgumentException("the address vote cap must be at least 1, got " + addressCapPerDay);
        if (battleLifetime.isNegative() || battleLifetime.isZero()) {
            throw new IllegalArgumentException("a battle must live for some time, got " + battleLifetime);
        }
    }
}
