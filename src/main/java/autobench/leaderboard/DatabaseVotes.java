package autobench.leaderboard;

import autobench.wiring.Arena;
import autobench.rating.Outcome;
import autobench.rating.Vote;
import autobench.vote.VoteStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Stored votes as the rating maths wants them: in the order cast, dated by the task's arena day. */
public final class DatabaseVotes {
    private DatabaseVotes() {}

    /** @param includeDemo whether votes involving a demo model count (they never mix by default) */
    public static List<Vote> read(Arena arena, boolean includeDemo) {
        return read(arena, includeDemo, Long.MAX_VALUE);
    }

    /** Votes cast before {@code castBeforeMillis} only: what was known at that moment. */
    public static List<Vote> read(Arena arena, boolean includeDemo, long castBeforeMillis) {
        Set<String> demo = new HashSet<>(arena.modelStore.demoIds());
        return arena.votes.all().stream()
                .filter(v -> v.castAt() < castBeforeMillis)
                .filter(v -> includeDemo || !(demo.contains(v.leftModel()) || demo.contains(v.rightModel())))
                .map(DatabaseVotes::toVote)
                .toList();
    }

    static Vote toVote(VoteStore.StoredVote v) {
        return new Vote(v.leftModel(), v.rightModel(), Outcome.parse(v.outcome()), v.category(), v.day());
    }
}
