package archfixture.cycle;

/** Fixture for ArchitectureTest: the other half of a package cycle (task → cycle → task). */
public final class Stage {
    public static String name() {
        return "stage";
    }

    String task() {
        return archfixture.task.Task.title();
    }
}
