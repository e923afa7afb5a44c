package autobench.db;

import java.util.UUID;

/** Row ids: random UUIDs as TEXT, the same on both stores. */
public final class Ids {
    private Ids() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
