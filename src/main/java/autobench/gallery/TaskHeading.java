package autobench.gallery;

import java.time.Instant;

/**
 * What a battle page shows of its task: its title and prompt, and whether it is still blind. Read with one
 * query, without the answers ({@link Gallery#heading}), since a battle is drawn and voted on many times a
 * second and names no answer of its task but the two it shows.
 *
 * @param revealAt while blind, when the models will be named; null once they are
 */
public record TaskHeading(String id, String title, String prompt, Instant revealAt) {
    public boolean blind() {
        return revealAt != null;
    }
}
