package archfixture.dispatch;

/** Fixture for ArchitectureTest: the class that calls models, which the web role must not reach. */
public final class Dispatcher {
    public void dispatch() {}
}
