package autobench.vote;

import autobench.db.Ids;
import autobench.rating.Outcome;
import autobench.time.ArenaDay;
import autobench.vote.PairPicker.Pair;
import autobench.vote.PairPicker.Pick;
import autobench.vote.PairPicker.Pool;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Blind battles for visitors: which two answers to show, the sealed ticket that goes with them,
 * and the vote that comes back. This is the only way votes from the web enter the database.
 *
 * <p>Showing a battle writes nothing: the ticket carries what the vote needs, and the pair picker
 * weighs pairs by in-memory counters ({@link PairCounters}), so a page of battles costs the same
 * at no past battles and at millions, and a crawler fetching battles fills no table.
 *
 * <p>The page is never trusted with anything that matters: it holds a ticket it cannot read or
 * change. A vote is refused, with nothing written, when its ticket is not ours, belongs to another
 * visitor, has expired or was used, arrives sooner than a person can look at two answers, or when
 * the visitor or their network has used up the day's votes (docs/voting.md).
 */
public final class Battles {
    /** The row in server_secrets that seals battle tickets and keys address hashes. */
    private static final String SECRET = "voting";

    private static final int SECRET_BYTES = 32;

    private final VoteStore votes;
    private final VoteSettings settings;
    private final ZoneId zone;
    private final Clock clock;
    private final RandomGenerator random;
    private final Tokens tokens;
    private final PairCounters counters;
    private final Reveal reveal;
    private final EligibleAnswers answers;

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
        this(
                votes,
                settings,
                reveal,
                random,
                new Tokens(votes.secret(
                        SECRET, Battles::freshSecret, reveal.clock().millis())),
                new PairCounters(votes::pairCounts, settings.battleLifetime().toMillis()),
                EligibleAnswers.uncached(votes));
    }

    private Battles(
            VoteStore votes,
            VoteSettings settings,
            Reveal reveal,
            RandomGenerator random,
            Tokens tokens,
            PairCounters counters,
            EligibleAnswers answers) {
        this.votes = votes;
        this.settings = settings;
        this.zone = reveal.zone();
        this.clock = reveal.clock();
        this.reveal = reveal;
        this.random = random;
        this.tokens = tokens;
        this.counters = counters;
        this.answers = answers;
    }

    /** The same battles with another generator: the simulated visitors bring a seeded one. */
    Battles withRandom(RandomGenerator other) {
        return new Battles(votes, settings, reveal, other, tokens, counters, answers);
    }

    /**
     * The same battles (same secret, same pair counters), reading the answers a battle can show once
     * per value of {@code version}, a number that changes whenever a task, an answer, a render or the
     * reveal changes (the site's data version): a battle page then asks the database nothing to choose
     * its pair. An answer hidden by an operator leaves new battles once the version says so.
     */
    public Battles answersCachedBy(LongSupplier version) {
        return new Battles(votes, settings, reveal, random, tokens, counters, EligibleAnswers.cached(votes, version));
    }

    /** When tasks are revealed, for the vote's reply. */
    public Reveal reveal() {
        return reveal;
    }

    /**
     * A new battle for this visitor, or empty when no two comparable answers exist yet. Writes nothing.
     *
     * @param visitorId the id kept in the visitor's cookie; the ticket is valid with this id only
     * @param address   the visitor's address; not used to issue yet, but taken now so that a limit
     *                  on issuing can come later without changing callers
     */
    public Optional<Battle> issue(String visitorId, String address) {
        return issue(visitorId, Pool.PREFER_REAL, null, clock.millis(), true).map(Issued::battle);
    }

    /**
     * Records the visitor's choice for the battle the ticket names.
     *
     * @param choice  LEFT and RIGHT as the page showed them; the ticket says which answer was where
     * @param address the visitor's network address as the server saw it; only keyed hashes of it and of
     *                its network are counted and stored, never the address itself
     */
    public CastResult cast(String token, String visitorId, Outcome choice, String address) {
        return cast(token, visitorId, choice, address, false, clock.millis());
    }

    public VoteSettings settings() {
        return settings;
    }

    /**
     * The keyed hash a network is stored under, for an operator who knows an address or network
     * (e.g. {@code 203.0.113.9} or {@code 203.0.113.0/24}) and wants its votes: the address is reduced
     * to its network with this arena's prefixes first.
     */
    public String networkHashOf(String addressOrNetwork) {
        return tokens.networkHash(settings.network(addressOrNetwork));
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
        if (visitorId == null || visitorId.isBlank())
            throw new IllegalArgumentException("a battle is issued to a visitor id; it is missing");
        boolean blind = blindOnly && !reveal.never();
        // Read outside the lock: only the choice and the counters must not interleave.
        var eligible = answers.get(day, blind ? reveal.revealedThrough(now) : null);
        counters.refreshIfStale();
        Optional<Pick> pick;
        synchronized (counters) {
            pick = PairPicker.pick(eligible, p -> counters.weight(p, now), pool, random);
            pick.ifPresent(
                    p -> counters.shown(Pair.of(p.left().modelId(), p.right().modelId()), now));
        }
        return pick.map(p -> {
            long expiresAt = now + settings.battleLifetime().toMillis();
            if (blind) expiresAt = Math.min(expiresAt, nextReveal(now));
            var ticket = new Tokens.Ticket(
                    Ids.newId(),
                    visitorId,
                    p.taskId(),
                    p.left().submissionId(),
                    p.right().submissionId(),
                    now,
                    expiresAt);
            Battle b = new Battle(
                    ticket.id(),
                    tokens.issue(ticket),
                    p.taskId(),
                    p.left().submissionId(),
                    p.right().submissionId(),
                    now,
                    expiresAt);
            return new Issued(b, p.left().modelId(), p.right().modelId());
        });
    }

    CastResult cast(String token, String visitorId, Outcome choice, String address, boolean simulated, long now) {
        Objects.requireNonNull(choice, "a vote needs a choice");
        if (address == null || address.isBlank())
            throw new IllegalArgumentException("a vote needs the visitor's address for the network cap");
        Tokens.Ticket t = tokens.open(token);
        if (t == null) return refused(Refusal.FORGED);
        if (!t.visitor().equals(visitorId)) return refused(Refusal.WRONG_VISITOR);
        if (now >= t.expiresAt()) return refused(Refusal.EXPIRED);
        if (now - t.issuedAt() < settings.minViewTime().toMillis()) return refused(Refusal.TOO_FAST);
        LocalDate day = ArenaDay.containing(now, zone).date();
        CastResult r = votes.cast(new VoteStore.Ballot(
                t.id(),
                visitorId,
                t.taskId(),
                t.leftSubmission(),
                t.rightSubmission(),
                t.issuedAt(),
                t.expiresAt(),
                choice,
                tokens.addressHash(address),
                tokens.networkHash(settings.network(address)),
                day,
                now,
                simulated,
                settings));
        if (r instanceof CastResult.Accepted a) {
            synchronized (counters) {
                counters.voted(Pair.of(a.leftModelId(), a.rightModelId()), t.issuedAt());
            }
        }
        return r;
    }

    /** The next moment any task is revealed: the start of the next arena day. */
    private long nextReveal(long now) {
        return ArenaDay.containing(now, zone).endMillis();
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

    /** Test access: a ticket sealed by this server, saying anything. */
    String sign(Tokens.Ticket ticket) {
        return tokens.issue(ticket);
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
