package autobench.extract;

import java.util.ArrayList;
import java.util.List;

/** The assists applied to one reply, in the order first applied; each is listed once. */
final class Steps {
    private final List<Assist> applied = new ArrayList<>();

    void add(Assist a) {
        if (!applied.contains(a)) applied.add(a);
    }

    List<Assist> list() {
        return List.copyOf(applied);
    }
}
