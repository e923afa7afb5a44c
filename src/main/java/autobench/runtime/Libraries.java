package autobench.runtime;

import java.util.List;

/**
 * The creative-coding libraries a model may load, and the only URLs it may load them from.
 *
 * <p>Task prompts list exactly these URLs; the renderer and the live sandbox answer them from
 * local copies bundled at build time (see docs/rendering.md). Any other network request fails.
 */
public final class Libraries {
    private Libraries() {}

    /** One allowed library: its npm package, version, the file inside the package, and the CDN URLs models use. */
    public record Library(String name, String npmPackage, String version, String file, List<String> urls) {}

    // Each file must exist in that exact npm package version: the build (autobench.render.LibraryBundler)
    // fetches it with npm pack and fails otherwise. three.js stays on 0.158.0 because build/three.min.js,
    // the classic global build models know, is gone from r160 on; p5.js stays on 1.x for the same reason.
    public static final List<Library> ALL = List.of(
            lib("p5.js", "p5", "1.9.4", "lib/p5.min.js"),
            lib("three.js", "three", "0.158.0", "build/three.min.js"),
            lib("d3", "d3", "7.9.2", "dist/d3.min.js"),
            lib("GSAP", "gsap", "3.12.5", "dist/gsap.min.js"),
            lib("matter-js", "matter-js", "0.20.0", "build/matter.min.js"),
            lib("Tone.js", "tone", "14.7.77", "build/Tone.js"));

    private static Library lib(String name, String pkg, String version, String file) {
        return new Library(name, pkg, version, file, List.of(
                "https://cdn.jsdelivr.net/npm/" + pkg + "@" + version + "/" + file,
                "https://unpkg.com/" + pkg + "@" + version + "/" + file));
    }
}
