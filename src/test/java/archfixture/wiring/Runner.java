package archfixture.wiring;

import archfixture.dispatch.Dispatcher;

/** Fixture for ArchitectureTest: the step between the web module and the dispatcher. */
final class Runner {
    Object dispatcher() {
        return new Dispatcher();
    }
}
