package autobench.gallery;

import java.time.LocalDate;

/**
 * One vote in the public export (the JSONL shape `ratings --votes` reads, plus ids and labels).
 *
 * @param pool real, demo or simulated (see {@link Standings})
 */
public record ExportedVote(
        String id,
        String taskId,
        String left,
        String right,
        String winner,
        String category,
        LocalDate date,
        long castAt,
        String pool) {}
