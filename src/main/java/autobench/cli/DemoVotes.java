package autobench.cli;

import autobench.dispatch.Dispatcher;
import autobench.gallery.Answer;
import autobench.gallery.Gallery;
import autobench.gallery.TaskView;
import autobench.leaderboard.RatingHistory;
import autobench.leaderboard.SnapshotStore;
import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Vote;
import autobench.vote.VoteStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's simulated visitors: they vote on every pair of rendered demo answers of each day,
 * preferring models by a fixed hidden strength, so the leaderboard and the history charts have
 * something to show. Stored as ordinary votes of visitors named {@code simulated:N}, which every
 * page labels as simulated; seeded per day, and a day that already has them gets no more.
 */
final class DemoVotes {
    private static final int ROUNDS_PER_PAIR = 3;
    private final Gallery gallery;
    private final VoteStore votes;
    private final SnapshotStore snapshots;
    private final ZoneId zone;
    private final Clock clock;

    DemoVotes(Gallery gallery, VoteStore votes, SnapshotStore snapshots, ZoneId zone, Clock clock) {
        this.gallery = gallery;
        this.votes = votes;
        this.snapshots = snapshots;
        this.zone = zone;
        this.clock = clock;
    }

    /** Simulates the day's votes (unless already there) and records the day's rating snapshot; returns votes added. */
    int simulate(LocalDate day) {
        boolean done = votes.export().stream().anyMatch(v -> v.simulated() && v.day().equals(day));
        int added = 0;
        if (!done) {
            Random random = new Random(day.toEpochDay() * 7919L + 17);
            long t = Dispatcher.dayStart(day, zone) + 9 * 3_600_000L;
            int visitor = 0;
            for (TaskView task : gallery.day(day)) {
                List<Answer> ready = task.answers().stream().filter(Answer::battleReady).toList();
                for (int i = 0; i < ready.size(); i++) {
                    for (int j = i + 1; j < ready.size(); j++) {
                        for (int r = 0; r < ROUNDS_PER_PAIR; r++) {
                            boolean swap = random.nextBoolean();
                            Answer left = swap ? ready.get(j) : ready.get(i), right = swap ? ready.get(i) : ready.get(j);
                            String who = VoteStore.SIMULATED_VISITOR_PREFIX + day + "-" + (visitor++);
                            t += 60_000 + random.nextInt(600_000);
                            String battle = votes.issueBattle(task.id(), left.submissionId(), right.submissionId(), who, t);
                            if (votes.vote(battle, who, verdict(left.modelId(), right.modelId(), random), null, t + 20_000)) added++;
                        }
                    }
                }
            }
        }
        long endOfDay = Dispatcher.dayStart(day.plusDays(1), zone);
        List<Vote> demoVotes = new ArrayList<>();
        for (VoteStore.StoredVote v : votes.all()) {
            if (v.demo() && v.castAt() < endOfDay) demoVotes.add(new Vote(v.leftModel(), v.rightModel(), v.outcome(), v.category(), v.day()));
        }
        new RatingHistory(snapshots, RatingSettings.DEFAULTS, clock).record(day, demoVotes);
        return added;
    }

    /** A hidden strength per demo model (by name, so it is stable), then a logistic coin with some ties and both-bad. */
    private static Outcome verdict(String left, String right, Random random) {
        double p = 1 / (1 + Math.exp(strength(right) - strength(left)));
        double u = random.nextDouble();
        if (u < 0.08) return Outcome.TIE;
        if (u < 0.12) return Outcome.BOTH_BAD;
        return random.nextDouble() < p ? Outcome.LEFT : Outcome.RIGHT;
    }

    private static double strength(String model) {
        return switch (model) {
            case "demo-orbit" -> 0.9;
            case "demo-waves" -> 0.5;
            case "demo-grid" -> 0.1;
            default -> (Math.floorMod(model.hashCode(), 7) - 3) / 6.0;
        };
    }
}
