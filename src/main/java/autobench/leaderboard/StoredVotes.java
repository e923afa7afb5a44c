package autobench.leaderboard;

import autobench.rating.Vote;
import autobench.vote.VoteStore;
import java.util.List;

/** Stored votes as the rating maths wants them: in the order cast, dated by the task's arena day. */
public final class StoredVotes {
    private final VoteStore votes;

    public StoredVotes(VoteStore votes) {
        this.votes = votes;
    }

    /**
     * @param includeDemo whether votes involving a demo model count (they never mix by default);
     *                    simulated votes are demo votes, so without it they are left out too
     */
    public List<Vote> read(boolean includeDemo) {
        return read(includeDemo, Long.MAX_VALUE);
    }

    /** Votes cast before {@code castBeforeMillis} only: what was known at that moment. */
    public List<Vote> read(boolean includeDemo, long castBeforeMillis) {
        return votes.all().stream()
                .filter(v -> v.castAt() < castBeforeMillis)
                .filter(v -> includeDemo || !(v.demo() || v.simulated())) // a simulated vote is never a real one, whatever its models
                .map(v -> new Vote(v.leftModel(), v.rightModel(), v.outcome(), v.category(), v.day()))
                .toList();
    }
}
