package archfixture.db;

/** Fixture for ArchitectureTest: a storage class that pure code must not use. */
public final class Table {
    public static int rows() {
        return 0;
    }
}
