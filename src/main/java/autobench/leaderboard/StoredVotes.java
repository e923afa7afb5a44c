package autobench.leaderboard;

import autobench.rating.Vote;
import autobench.vote.Reveal;
import autobench.vote.VoteStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Stored votes as the rating maths wants them: in the order cast, dated by the task's arena day.
 * Only votes on tasks revealed at the moment asked about count, as on the public board: a daily
 * snapshot then equals the board as it stood when the day ended, and the votes export reproduces both.
 */
public final class StoredVotes {
    private final VoteStore votes;
    private final Reveal reveal;

    /** Votes that count at once (nothing blind): tools and tests that need no reveal. */
    public StoredVotes(VoteStore votes) {
        this(votes, new Reveal(0, ZoneOffset.UTC, Clock.systemUTC()));
    }

    public StoredVotes(VoteStore votes, Reveal reveal) {
        this.votes = votes;
        this.reveal = reveal;
    }

    /**
     * @param includeDemo whether votes involving a demo model count (they never mix by default);
     *                    simulated votes are demo votes, so without it they are left out too
     */
    public List<Vote> read(boolean includeDemo) {
        return read(includeDemo, Long.MAX_VALUE);
    }

    /** Votes cast before {@code castBeforeMillis} on tasks revealed by then: what the public board showed at that moment. */
    public List<Vote> read(boolean includeDemo, long castBeforeMillis) {
        LocalDate through = reveal.revealedThrough(
                castBeforeMillis == Long.MAX_VALUE ? reveal.clock().millis() : castBeforeMillis);
        return votes.all().stream()
                .filter(v -> v.castAt() < castBeforeMillis && !v.day().isAfter(through))
                .filter(v -> includeDemo
                        || !(v.demo() || v.simulated())) // a simulated vote is never a real one, whatever its models
                .map(v -> new Vote(v.leftModel(), v.rightModel(), v.outcome(), v.category(), v.day()))
                .toList();
    }
}
