package autobench.extract;

import java.util.ArrayList;
import java.util.List;

/** Turns a model's reply text into runnable HTML. Pure: no I/O. */
@FunctionalInterface
public interface Extractor {
    Extraction extract(String reply);

    /**
     * As {@link #extract(String)}, for a reply the provider says was cut off at the output limit.
     * Extractors that can do better with that knowledge (take a fence that never closed) override this.
     */
    default Extraction extract(String reply, boolean truncated) {
        Extraction e = extract(reply);
        if (!truncated) return e;
        List<Assist> assists = new ArrayList<>(e.assists());
        assists.add(0, Assist.TRUNCATED_INPUT);
        return new Extraction(e.html(), assists, e.reason());
    }
}
