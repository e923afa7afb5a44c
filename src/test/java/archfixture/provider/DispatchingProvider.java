package archfixture.provider;

/** Fixture for ArchitectureTest: a provider that knows dispatch, which the rules forbid. */
public final class DispatchingProvider {
    void call() {
        archfixture.dispatch.Dispatch.run();
    }
}
