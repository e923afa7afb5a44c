package archfixture.render;

/** Fixture for ArchitectureTest: a renderer that knows about tasks, which the rules forbid. */
public final class TaskAwareRenderer {
    String title() {
        return archfixture.task.Task.title();
    }
}
