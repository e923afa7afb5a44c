package archfixture.task;

/** Fixture for ArchitectureTest: a task, which the render engine must not know. */
public final class Task {
    public static String title() {
        return archfixture.cycle.Stage.name();
    }
}
