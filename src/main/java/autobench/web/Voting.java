package autobench.web;

import autobench.rating.Outcome;
import java.util.Optional;

/**
 * TEMPORARY SEAM, to be replaced by {@code autobench.vote.Battles} once branch {@code vote} is
 * merged into main: these are exactly its signatures, so the switch is one adapter in the wiring
 * (or this interface disappears and the site takes {@code Battles} directly). The web layer owns
 * the visitor id, the address hash and CSRF; the voting domain owns tokens, pairing and caps.
 */
public interface Voting {
    Optional<Battle> issue(String visitorId, String addressHash);

    CastResult cast(String token, String visitorId, Outcome choice, String addressHash);

    /** A blind pair: the server alone knows which submission is on which side. */
    record Battle(String id, String token, String taskId, String leftSubmissionId, String rightSubmissionId, long expiresAt) {}

    /** Why a vote was refused (mirrors autobench.vote.Refusal until it lands). */
    enum Refusal { UNKNOWN_BATTLE, FORGED, WRONG_VISITOR, REPLAYED, EXPIRED, OVER_CAP }

    sealed interface CastResult {
        record Accepted(String taskId, String leftModelId, String rightModelId, Outcome outcome) implements CastResult {}

        record Refused(Refusal reason, String message) implements CastResult {}
    }
}
