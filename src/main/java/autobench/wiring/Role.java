package autobench.wiring;

import autobench.cycle.Stage;
import java.util.EnumSet;
import java.util.Set;

/** What a process does; split them across processes and machines on one PostgreSQL database. */
public enum Role {
    /** the website, the sandbox origin, the API, the cron endpoints, health and metrics */
    web,
    /** writes the day's tasks and the rating snapshots when they are due */
    scheduler,
    /** calls the models and renders the answers when they are due, and sends operators' re-sends */
    worker;

    /** The stages the scheduler of a process with these roles runs when due. */
    public static Set<Stage> stages(Set<Role> roles) {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        if (roles.contains(scheduler)) stages.addAll(Set.of(Stage.GENERATE, Stage.SNAPSHOT));
        if (roles.contains(worker)) stages.addAll(Set.of(Stage.DISPATCH, Stage.RENDER));
        return stages;
    }

    /** Whether a process with these roles has the pipeline (task writer, dispatcher, renderer). */
    public static boolean pipeline(Set<Role> roles) {
        return roles.contains(scheduler) || roles.contains(worker);
    }
}
