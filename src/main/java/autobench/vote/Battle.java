package autobench.vote;

/**
 * A blind battle issued to one visitor: two answers to one task, in the order the page must show
 * them. Nothing is stored when it is issued: which answer is on which side travels, sealed, in the
 * token, and a battle row is written only with its vote.
 *
 * @param id        the ticket's id; the battle row takes it when the vote is stored
 * @param token     what the page sends back with the vote: the sealed ticket, bound to the visitor
 * @param issuedAt  epoch milliseconds; a vote sooner than the minimum view time after it is refused
 * @param expiresAt epoch milliseconds after which a vote with this token is refused
 */
public record Battle(
        String id,
        String token,
        String taskId,
        String leftSubmissionId,
        String rightSubmissionId,
        long issuedAt,
        long expiresAt) {}
