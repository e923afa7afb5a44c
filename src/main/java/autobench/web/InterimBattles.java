package autobench.web;

import autobench.gallery.Answer;
import autobench.gallery.Gallery;
import autobench.gallery.TaskView;
import autobench.rating.Outcome;
import autobench.vote.VoteStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * TEMPORARY: a minimal {@link Voting} so the site works before branch {@code vote} lands; delete it
 * then. Tokens are HMAC-signed (battle, task, sides, visitor, expiry); the battles table makes a
 * battle vote once. It has no caps and picks pairs at random: the real domain does both properly.
 */
public final class InterimBattles implements Voting {
    private static final long LIFETIME_MS = 60 * 60 * 1000L;
    private final Gallery gallery;
    private final VoteStore votes;
    private final Keys keys;
    private final Clock clock;
    private final RandomGenerator random;

    public InterimBattles(Gallery gallery, VoteStore votes, Keys keys, Clock clock, RandomGenerator random) {
        this.gallery = gallery;
        this.votes = votes;
        this.keys = keys;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Optional<Battle> issue(String visitorId, String addressHash) {
        List<List<Answer>> candidates = new ArrayList<>();
        for (var day : gallery.publishedDays().stream().limit(7).toList()) {
            for (TaskView t : gallery.day(day)) {
                List<Answer> ready = t.answers().stream().filter(Answer::battleReady).toList();
                if (ready.size() >= 2) candidates.add(ready);
            }
        }
        if (candidates.isEmpty()) return Optional.empty();
        List<Answer> pool = new ArrayList<>(candidates.get(random.nextInt(candidates.size())));
        Answer left = pool.remove(random.nextInt(pool.size()));
        Answer right = pool.get(random.nextInt(pool.size()));
        long now = clock.millis();
        String id = votes.issueBattle(left.taskId(), left.submissionId(), right.submissionId(), visitorId, now);
        long expires = now + LIFETIME_MS;
        String body = String.join("|", id, left.taskId(), left.submissionId(), right.submissionId(), visitorId, Long.toString(expires));
        String token = b64(body.getBytes(StandardCharsets.UTF_8)) + "." + b64(keys.mac("battle", body));
        return Optional.of(new Battle(id, token, left.taskId(), left.submissionId(), right.submissionId(), expires));
    }

    @Override
    public CastResult cast(String token, String visitorId, Outcome choice, String addressHash) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0) return new CastResult.Refused(Refusal.FORGED, "This vote's ticket is not one we issued.");
        String body;
        try {
            body = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!java.security.MessageDigest.isEqual(Base64.getUrlDecoder().decode(token.substring(dot + 1)), keys.mac("battle", body))) {
                return new CastResult.Refused(Refusal.FORGED, "This vote's ticket is not one we issued.");
            }
        } catch (IllegalArgumentException e) {
            return new CastResult.Refused(Refusal.FORGED, "This vote's ticket is not one we issued.");
        }
        String[] f = body.split("\\|");
        if (!f[4].equals(visitorId)) return new CastResult.Refused(Refusal.WRONG_VISITOR, "This battle was issued to someone else.");
        if (clock.millis() > Long.parseLong(f[5])) return new CastResult.Refused(Refusal.EXPIRED, "This battle has expired; here is a new one.");
        if (!votes.vote(f[0], visitorId, choice, addressHash, clock.millis())) {
            return new CastResult.Refused(Refusal.REPLAYED, "This battle has already been voted on.");
        }
        String leftModel = gallery.answer(f[2]).map(Answer::modelId).orElse("?");
        String rightModel = gallery.answer(f[3]).map(Answer::modelId).orElse("?");
        return new CastResult.Accepted(f[1], leftModel, rightModel, choice);
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
