package autobench.vote;

/**
 * A blind battle issued to one visitor: two answers to one task, in the order the page must show
 * them. The page never learns which model wrote which side; the server keeps that in the battle row.
 *
 * @param token     what the page sends back with the vote: the battle id, its expiry and a signature
 *                  binding both to the visitor who was issued the battle
 * @param expiresAt epoch milliseconds after which a vote with this token is refused
 */
public record Battle(String id, String token, String taskId, String leftSubmissionId, String rightSubmissionId, long expiresAt) {}
