package autobench.extract;

import autobench.runtime.Libraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bare p5.js sketch (or three.js, d3 … code) shown without its page expects the library to be
 * loaded. When the extractor builds the page itself, it adds the script tag for each allowed
 * library the code plainly uses, from the same URLs the task prompt lists (the renderer serves
 * them from local copies). Pages the model wrote whole are left as written.
 */
final class KnownLibraries {
    private KnownLibraries() {}

    /** What in the code shows it uses a library; case matters ("THREE." is the library, "three." prose). */
    private static final Map<String, List<String>> USES = Map.of(
            "p5", List.of("function setup(", "new p5("),
            "three", List.of("THREE."),
            "d3", List.of("d3.select", "d3.scale", "d3.force", "d3.create", "d3.range"),
            "gsap", List.of("gsap.to(", "gsap.from(", "gsap.timeline("),
            "matter-js", List.of("Matter.Engine", "Matter.Bodies"),
            "tone", List.of("Tone.Synth", "Tone.start(", "Tone.Transport"));

    /** Script tags for the libraries the code uses and does not already load. */
    static List<String> tagsFor(String code) {
        String lower = Ascii.lower(code);
        List<String> tags = new ArrayList<>();
        for (Libraries.Library lib : Libraries.ALL) {
            List<String> markers = USES.get(lib.npmPackage());
            if (markers == null || markers.stream().noneMatch(code::contains)) continue;
            String file = lib.file().substring(lib.file().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (lower.contains("/" + lib.npmPackage() + "@") || lower.contains(file)) continue;
            tags.add("<script src=\"" + lib.urls().get(0) + "\"></script>");
        }
        return tags;
    }
}
