package autobench.ops;

import autobench.dispatch.ModelStore;
import autobench.dispatch.SubmissionStore;
import autobench.leaderboard.SnapshotStore;
import autobench.render.ArtifactStore;
import autobench.render.RenderStore;
import autobench.task.TaskStore;
import autobench.vote.VoteStore;

/** The table owners an export reads and an import fills; all SQL stays with them. */
public record DataTables(
        ModelStore models,
        TaskStore tasks,
        SubmissionStore submissions,
        RenderStore renders,
        ArtifactStore artifacts,
        VoteStore votes,
        SnapshotStore snapshots) {}
