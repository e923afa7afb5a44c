package autobench.vote;

import autobench.db.Ids;
import autobench.rating.Outcome;
import autobench.vote.PairPicker.Pick;
import autobench.vote.PairPicker.Pool;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Blind battles for visitors: which two answers to show, the one-time token that goes with them,
 * and the vote that comes back. This is the only way votes from the web enter the database.
 *
 * <p>The page is never trusted with anything that matters: it holds a token, and the server looks up
 * which answer was on which side. A vote is refused, with nothing written, when its token is not
 * ours, belongs to another visitor, has expired or was used, or when the visitor or their address
 * has used up the day's votes.
 */
public final class Battles {
    /** The row in server_secrets that signs battle tokens and keys address hashes. */
    private static final String SECRET = "voting";
    private static final int SECRET_BYTES = 32;

    private final VoteStore votes;
    private final VoteSettings settings;
    private final ZoneId zone;
    private final Clock clock;
    private final RandomGenerator random;
    private final Tokens tokens;
    private final Reveal reveal;

    /** Battles with names shown at once ({@code reveal_after_days: 0}): not blind; tests and small private arenas. */
    public Battles(VoteStore votes, VoteSettings settings, ZoneId zone, Clock clock, RandomGenerator random) {
        this(votes, settings, new Reveal(0, zone, clock), random);
    }

    /**
     * Reads the server secret, creating it if this is the first process on this database.
     *
     * @param reveal when tasks stop being blind (its zone is the arena's: the caps count per arena day);
     *               visitors' battles draw only from tasks that are still blind
     * @param random chooses pairs, tasks and sides; used under a lock, so any generator will do
     */
    public Battles(VoteStore votes, VoteSettings settings, Reveal reveal, RandomGenerator random) {
        this(votes, settings, reveal, random, new Tokens(votes.secret(SECRET, Battles::freshSecret, reveal.clock().millis())));
    }

    private Battles(VoteStore votes, VoteSettings settings, Reveal reveal, RandomGenerator random, Tokens tokens) {
        this.votes = votes;
        this.settings = settings;
        this.zone = reveal.zone();
        this.clock = reveal.clock();
        this.reveal = reveal;
        this.random = random;
        this.tokens = tokens;
    }

    /** The same battles with another generator: the simulated visitors bring a seeded one. */
    Battles withRandom(RandomGenerator other) {
        return new Battles(votes, settings, reveal, other, tokens);
    }

    /** When tasks are revealed, for the vote's reply. */
    public Reveal reveal() {
        return reveal;
    }

    /**
     * A new battle for this visitor, or empty when no two comparable answers exist yet.
     *
     * @param visitorId   the id kept in the visitor's cookie; the token is valid with this id only
     * @param addressHash the visitor's address; not used to issue yet, but taken now so that a limit
     *                    on issuing can come later without changing callers
     */
    public Optional<Battle> issue(String visitorId, String addressHash) {
        return issue(visitorId, Pool.PREFER_REAL, null, clock.millis(), true).map(Issued::battle);
    }

    /**
     * Records the visitor's choice for the battle the token names.
     *
     * @param choice      LEFT and RIGHT as the page showed them; the server knows which model was where
     * @param addressHash the visitor's network address, or any stable hash of it; it is keyed again with
     *                    the server secret before it is counted or stored, so the raw address is never kept
     */
    public CastResult cast(String token, String visitorId, Outcome choice, String addressHash) {
        return cast(token, visitorId, choice, addressHash, false, clock.millis());
    }

    /** A battle with what only the server knows: which model wrote which side. */
    record Issued(Battle battle, String leftModelId, String rightModelId) {}

    /** @param day only tasks of this arena day, or null for any day */
    Optional<Issued> issue(String visitorId, Pool pool, LocalDate day, long now) {
        return issue(visitorId, pool, day, now, false);
    }

    /**
     * @param blindOnly only tasks not yet revealed (a visitor's battle), and a battle that expires by the
     *                  next reveal: a vote arriving after its task is named would move public numbers at once
     */
    private Optional<Issued> issue(String visitorId, Pool pool, LocalDate day, long now, boolean blindOnly) {
        if (visitorId == null || visitorId.isBlank()) throw new IllegalArgumentException("a battle is issued to a visitor id; it is missing");
        boolean blind = blindOnly && !reveal.never();
        // Read outside the lock: only the choice itself must not interleave on a shared generator.
        var answers = votes.answers(day, blind ? reveal.revealedThrough(now) : null);
        var counts = votes.battlesPerPair(now);
        Optional<Pick> pick;
        synchronized (random) {
            pick = PairPicker.pick(answers, counts, pool, random);
        }
        return pick.map(p -> {
            String id = Ids.newId();
            long expiresAt = now + settings.battleLifetime().toMillis();
            if (blind) expiresAt = Math.min(expiresAt, nextReveal(now));
            votes.insertBattle(id, p.taskId(), p.left().submissionId(), p.right().submissionId(), visitorId, now, expiresAt);
            Battle b = new Battle(id, tokens.issue(id, visitorId, expiresAt), p.taskId(), p.left().submissionId(),
                    p.right().submissionId(), expiresAt);
            return new Issued(b, p.left().modelId(), p.right().modelId());
        });
    }

    CastResult cast(String token, String visitorId, Outcome choice, String address, boolean simulated, long now) {
        Objects.requireNonNull(choice, "a vote needs a choice");
        if (address == null || address.isBlank()) throw new IllegalArgumentException("a vote needs the visitor's address for the address cap");
        Tokens.Claim claim = Tokens.parse(token);
        if (claim == null) return refused(Refusal.FORGED);
        if (!tokens.signedFor(claim, visitorId)) {
            // A genuine token sent with another cookie gets its own message; anything else is a forgery.
            boolean othersToken = votes.visitorOf(claim.battleId()).filter(v -> tokens.signedFor(claim, v)).isPresent();
            return refused(othersToken ? Refusal.WRONG_VISITOR : Refusal.FORGED);
        }
        if (now >= claim.expiresAt()) return refused(Refusal.EXPIRED);
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        return votes.cast(new VoteStore.Ballot(claim.battleId(), visitorId, choice, tokens.addressHash(address), day, now,
                simulated, settings));
    }

    /** The next moment any task is revealed: the start of the next arena day. */
    private long nextReveal(long now) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(now), zone).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    long simulatedVotesOn(LocalDate day) {
        return votes.simulatedVotesOn(day);
    }

    ZoneId zone() {
        return zone;
    }

    Clock clock() {
        return clock;
    }

    /** Test access: a token signed by this server, for any battle id and expiry. */
    String sign(String battleId, String visitorId, long expiresAt) {
        return tokens.issue(battleId, visitorId, expiresAt);
    }

    private static CastResult refused(Refusal r) {
        return new CastResult.Refused(r, r.message());
    }

    /** The secret must be unpredictable, so it never comes from the injected (possibly seeded) generator. */
    private static byte[] freshSecret() {
        byte[] b = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
