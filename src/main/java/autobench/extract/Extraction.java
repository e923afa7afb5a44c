package autobench.extract;

import java.util.List;
import java.util.Objects;

/**
 * From a model's reply to one runnable HTML document.
 *
 * @param html    the runnable document, or {@code null} when there is none
 * @param assists every transformation applied, in order (for transparency on the site)
 * @param reason  why there is no runnable code (e.g. "reply contains Python, not web code"), or {@code null}
 */
public record Extraction(String html, List<Assist> assists, String reason) {
    public Extraction {
        assists = List.copyOf(assists);
        if (html == null) Objects.requireNonNull(reason, "a reply without runnable code needs a reason");
    }

    public boolean runnable() {
        return html != null;
    }
}
