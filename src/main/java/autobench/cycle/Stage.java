package autobench.cycle;

import autobench.WireName;

/** The stages of an arena day, in the order they run. */
public enum Stage implements WireName {
    /** Write the day's tasks (idempotent: only empty slots are filled). */
    GENERATE,
    /** Record the leaderboard as it stood at the end of the day before. */
    SNAPSHOT,
    /** Call every enabled model once for every approved task. */
    DISPATCH,
    /** Render every answer once and publish finished tasks. */
    RENDER;

    /** The stage that must have finished for this day first, or {@code null}. */
    Stage after() {
        return switch (this) {
            case GENERATE, SNAPSHOT -> null;
            case DISPATCH -> GENERATE;
            case RENDER -> DISPATCH;
        };
    }
}
