package autobench.gallery;

import java.time.LocalDate;

/** One vote in the public export (the JSONL shape `ratings --votes` reads, plus ids and labels). */
public record ExportedVote(String id, String taskId, String left, String right, String winner, String category,
                           LocalDate date, long castAt, boolean demo, boolean simulated) {}
