package archfixture.dispatch;

/** Fixture for ArchitectureTest: dispatch, which neither providers nor the web may reach. */
public final class Dispatch {
    public static void run() {}
}
