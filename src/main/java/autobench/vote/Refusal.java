package autobench.vote;

/**
 * Why a vote was not counted. Every refusal leaves the database exactly as it was. The lower-case
 * name is the reason in metrics ({@code autobench_votes_total{reason="too_fast"}}) and docs.
 */
public enum Refusal {
    /** The token was not signed by this server (tampered, truncated or made up). */
    FORGED("This vote's token was not issued by this site, so it was not counted."),
    /** A genuine token, sent with another visitor's cookie. */
    WRONG_VISITOR("This battle was issued to another browser, so the vote was not counted. Open a new battle to vote."),
    /** The battle already has its vote. */
    REPLAYED("This battle already has its vote, so this one was not counted: each battle counts once."),
    /** The token's time ran out before the vote arrived. */
    EXPIRED("This battle expired before the vote arrived, so it was not counted. Open a new battle to vote."),
    /** A correctly signed ticket naming answers this database does not have (any more). */
    UNKNOWN_BATTLE("There is no such battle, so the vote was not counted."),
    /** The vote came sooner after the battle was shown than a person can look at two answers. */
    TOO_FAST("This vote came faster than anyone can look at two answers, so it was not counted. "
            + "Run both, take a look, then vote."),
    OVER_VISITOR_CAP(
            "This browser has reached today's vote limit; the vote was not counted. Voting opens again tomorrow."),
    /** The visitor's network (an IPv4 /24 or IPv6 /64 by default) used up the day's votes. */
    OVER_NETWORK_CAP(
            "Today's vote limit for this network is reached; the vote was not counted. Voting opens again tomorrow.");

    private final String message;

    Refusal(String message) {
        this.message = message;
    }

    /** A sentence for the visitor; it says nothing was counted, because that is what they need to know. */
    public String message() {
        return message;
    }
}
