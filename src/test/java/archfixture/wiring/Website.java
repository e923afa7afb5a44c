package archfixture.wiring;

/** Breaks "the web role's module cannot reach a model call": it reaches the dispatcher through another class. */
public final class Website {
    public Object start() {
        return new Runner().dispatcher();
    }
}
