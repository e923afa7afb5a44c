package autobench.vote;

import java.time.Duration;

/**
 * The voting limits (config {@code voting:}, docs/voting.md).
 *
 * @param visitorCapPerDay votes one visitor (cookie) may cast per arena day
 * @param networkCapPerDay votes one network (see the prefixes) may cast per arena day; higher than the
 *                         visitor cap because many people can share one network (offices, mobile carriers)
 * @param battleLifetime   how long an issued battle accepts its vote; long enough to run both
 *                         answers and think, short enough that a harvested ticket soon goes stale
 * @param minViewTime      the least time between a battle being shown and its vote: a person needs a few
 *                         seconds to look at two answers, a script does not
 * @param ipv4Prefix       the IPv4 network the network cap counts by (24: a /24)
 * @param ipv6Prefix       the IPv6 network the network cap counts by (64: a /64, the smallest a home is given)
 * @param revealAfterDays  a task of arena day D is anonymous on every public surface until arena day D + this
 *                         begins; 0 names the models at once (not blind: small private arenas only)
 */
public record VoteSettings(
        int visitorCapPerDay,
        int networkCapPerDay,
        Duration battleLifetime,
        Duration minViewTime,
        int ipv4Prefix,
        int ipv6Prefix,
        int revealAfterDays) {
    public static final VoteSettings DEFAULTS =
            new VoteSettings(200, 1000, Duration.ofHours(1), Duration.ofSeconds(4), 24, 64, 1);

    public VoteSettings {
        if (visitorCapPerDay < 1)
            throw new IllegalArgumentException("the visitor vote cap must be at least 1, got " + visitorCapPerDay);
        if (networkCapPerDay < 1)
            throw new IllegalArgumentException("the network vote cap must be at least 1, got " + networkCapPerDay);
        if (battleLifetime.isNegative() || battleLifetime.isZero()) {
            throw new IllegalArgumentException("a battle must live for some time, got " + battleLifetime);
        }
        if (minViewTime.isNegative() || minViewTime.compareTo(battleLifetime) >= 0) {
            throw new IllegalArgumentException(
                    "the minimum view time must lie between 0 and the battle lifetime, got " + minViewTime);
        }
        if (ipv4Prefix < 8 || ipv4Prefix > 32)
            throw new IllegalArgumentException("the IPv4 prefix must lie in 8..32, got " + ipv4Prefix);
        if (ipv6Prefix < 16 || ipv6Prefix > 128)
            throw new IllegalArgumentException("the IPv6 prefix must lie in 16..128, got " + ipv6Prefix);
        if (revealAfterDays < 0)
            throw new IllegalArgumentException("reveal_after_days must be 0 or more, got " + revealAfterDays);
    }

    public VoteSettings withCaps(int visitor, int network) {
        return new VoteSettings(visitor, network, battleLifetime, minViewTime, ipv4Prefix, ipv6Prefix, revealAfterDays);
    }

    public VoteSettings withLifetime(Duration lifetime) {
        return new VoteSettings(
                visitorCapPerDay, networkCapPerDay, lifetime, minViewTime, ipv4Prefix, ipv6Prefix, revealAfterDays);
    }

    public VoteSettings withMinViewTime(Duration min) {
        return new VoteSettings(
                visitorCapPerDay, networkCapPerDay, battleLifetime, min, ipv4Prefix, ipv6Prefix, revealAfterDays);
    }

    public VoteSettings withRevealAfterDays(int days) {
        return new VoteSettings(
                visitorCapPerDay, networkCapPerDay, battleLifetime, minViewTime, ipv4Prefix, ipv6Prefix, days);
    }

    /** The network an address counts under. */
    String network(String address) {
        return Networks.of(address, ipv4Prefix, ipv6Prefix);
    }
}
