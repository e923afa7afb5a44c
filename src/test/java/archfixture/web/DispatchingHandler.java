package archfixture.web;

/** Fixture for ArchitectureTest: a request handler that reaches dispatch, which the rules forbid. */
public final class DispatchingHandler {
    void handle() {
        archfixture.dispatch.Dispatch.run();
    }
}
