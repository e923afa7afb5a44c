package autobench.vote;

import autobench.vote.VoteStore.Answer;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The answers a battle can show ({@link VoteStore#answers}), read either every time or once per
 * data version. Visitors' battles all ask the same question (every day, blind tasks only), so one
 * remembered answer list serves them until a task, an answer, a render or the reveal changes.
 */
abstract sealed class EligibleAnswers {
    abstract List<Answer> get(LocalDate day, LocalDate revealedThrough);

    static EligibleAnswers uncached(VoteStore votes) {
        return new Uncached(votes);
    }

    static EligibleAnswers cached(VoteStore votes, LongSupplier version) {
        return new Cached(votes, version);
    }

    private static final class Uncached extends EligibleAnswers {
        private final VoteStore votes;

        Uncached(VoteStore votes) {
            this.votes = votes;
        }

        @Override
        List<Answer> get(LocalDate day, LocalDate revealedThrough) {
            return votes.answers(day, revealedThrough);
        }
    }

    /** One remembered list: the question asked last, at the version it was read. */
    private static final class Cached extends EligibleAnswers {
        private record Kept(long version, LocalDate day, LocalDate revealedThrough, List<Answer> answers) {}

        private final VoteStore votes;
        private final LongSupplier version;
        private volatile Kept kept;

        Cached(VoteStore votes, LongSupplier version) {
            this.votes = votes;
            this.version = version;
        }

        @Override
        List<Answer> get(LocalDate day, LocalDate revealedThrough) {
            // The version is taken before the read: a change during the read leaves a version the next call no
            // longer sees, so the list is read again rather than kept past the change.
            long v = version.getAsLong();
            Kept k = kept;
            if (k != null
                    && k.version() == v
                    && Objects.equals(k.day(), day)
                    && Objects.equals(k.revealedThrough(), revealedThrough)) return k.answers();
            List<Answer> fresh = List.copyOf(votes.answers(day, revealedThrough));
            kept = new Kept(v, day, revealedThrough, fresh);
            return fresh;
        }
    }
}
