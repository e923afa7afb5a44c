package autobench.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The libraries a model may load, the versions we keep of each, and the URL the prompt names.
 *
 * <p>This is the one table: task prompts list it (task.PromptFormat), the build bundles every
 * version in it from the npm registry (render.LibraryBundler), and the renderer and the live
 * sandbox answer library URLs from those copies (render.LibraryRoutes, which also knows the hosts
 * models load them from). A request for a version we do not keep is answered with the nearest kept
 * version of the same API line, and the render says so; anything else fails. See docs/rendering.md.
 */
public final class Libraries {
    private Libraries() {}

    /**
     * One library.
     *
     * @param name       what the prompt calls it
     * @param npmPackage the npm package the copies come from
     * @param version    the version the prompt names (one of the bundles)
     * @param file       the file the prompt's URLs name, inside the package
     * @param urls       the URLs the prompt names
     * @param global     the global a classic build defines (an ES-module request for a library kept
     *                   only as a classic build is answered with a module re-exporting it), or null
     * @param cdnjs      the library's name on cdnjs, or null
     * @param lineStarts the versions at which a new API line begins, ascending: a version is
     *                   substituted only by one of the same line
     * @param bundles    the versions kept, each with its files
     */
    public record Library(String name, String npmPackage, String version, String file, List<String> urls,
                          String global, String cdnjs, List<String> lineStarts, List<Bundle> bundles) {
        public Library {
            urls = List.copyOf(urls);
            lineStarts = List.copyOf(lineStarts);
            bundles = List.copyOf(bundles);
        }

        public Optional<Bundle> bundle(String v) {
            return bundles.stream().filter(b -> b.version().equals(v)).findFirst();
        }
    }

    /**
     * One kept version.
     *
     * @param version the exact npm version
     * @param classic the file a {@code <script src>} of the bare package gets (null: none)
     * @param module  the ES-module entry of the package (null: the classic build is re-exported)
     * @param files   every file kept; an entry ending in '/' keeps the folder's scripts, JSON and
     *                fonts (three.js add-ons), less what {@link #SKIPPED} names
     */
    public record Bundle(String version, String classic, String module, List<String> files) {
        public Bundle {
            files = List.copyOf(files);
        }
    }

    /**
     * Inside kept folders, what is left out: decoders shipped as WebAssembly or large binaries
     * (Draco, Basis, Rhino, Ammo) that need files from the network to do anything anyway.
     */
    public static final List<String> SKIPPED = List.of("/libs/draco/", "/libs/basis/", "/libs/rhino3dm/", "/libs/ammo");

    private static final String THREE_JSM = "examples/jsm/";

    // Each file must exist in that exact npm package version: the build fails otherwise. The order
    // of the first six is the prompt's since the beginning; keep it. Versions are chosen to cover
    // what models write (docs/rendering.md has the reasons): three.js r128 (cdnjs's last, the most
    // copied classic build), 0.158 (the last line with build/three.min.js that models know), 0.160
    // and 0.170 (module builds with their add-ons, the import-map era).
    public static final List<Library> ALL = List.of(
            lib("p5.js", "p5", "1.9.4", "lib/p5.min.js", "p5", "p5.js", List.of("1.0.0", "2.0.0", "3.0.0"),
                    classic("1.9.4", "lib/p5.min.js"), classic("1.11.10", "lib/p5.min.js"),
                    new Bundle("2.0.5", "lib/p5.min.js", "lib/p5.esm.min.js", List.of("lib/p5.min.js", "lib/p5.esm.min.js"))),
            lib("three.js", "three", "0.158.0", "build/three.min.js", "THREE", "three.js",
                    List.of("0.125.0", "0.160.0", "0.170.0", "0.180.0"),
                    new Bundle("0.128.0", "build/three.min.js", "build/three.module.js",
                            List.of("build/three.min.js", "build/three.module.js", THREE_JSM, "examples/js/", "examples/fonts/")),
                    new Bundle("0.158.0", "build/three.min.js", "build/three.module.js",
                            List.of("build/three.min.js", "build/three.module.js", THREE_JSM, "examples/fonts/")),
                    new Bundle("0.160.1", "build/three.min.js", "build/three.module.js",
                            List.of("build/three.min.js", "build/three.module.js", THREE_JSM, "examples/fonts/")),
                    new Bundle("0.170.0", null, "build/three.module.js",
                            List.of("build/three.module.js", THREE_JSM, "examples/fonts/"))),
            lib("d3", "d3", "7.9.2", "dist/d3.min.js", "d3", "d3", List.of("4.0.0", "5.0.0", "6.0.0", "7.0.0", "8.0.0"),
                    classic("4.13.0", "build/d3.min.js"), classic("5.16.0", "dist/d3.min.js"),
                    classic("6.7.0", "dist/d3.min.js"), classic("7.9.2", "dist/d3.min.js")),
            // GSAP 2 (TweenMax) is still copied from old answers; its module form is never asked for.
            lib("GSAP", "gsap", "3.12.5", "dist/gsap.min.js", "gsap", "gsap", List.of("2.0.0", "3.0.0", "4.0.0"),
                    new Bundle("2.1.3", "src/minified/TweenMax.min.js", null,
                            List.of("src/minified/TweenMax.min.js", "src/minified/TweenLite.min.js")),
                    new Bundle("3.12.5", "dist/gsap.min.js", null, List.of("dist/gsap.min.js", "dist/ScrollTrigger.min.js",
                            "dist/Draggable.min.js", "dist/MotionPathPlugin.min.js", "dist/TextPlugin.min.js", "dist/Flip.min.js"))),
            // matter-js has kept its API since 0.10: one line for all of 0.x.
            lib("matter-js", "matter-js", "0.20.0", "build/matter.min.js", "Matter", "matter-js", List.of("0.10.0", "1.0.0"),
                    classic("0.19.0", "build/matter.min.js"), classic("0.20.0", "build/matter.min.js")),
            lib("Tone.js", "tone", "14.7.77", "build/Tone.js", "Tone", "tone", List.of("14.0.0", "15.0.0", "16.0.0"),
                    classic("14.7.77", "build/Tone.js"), classic("14.8.49", "build/Tone.js"), classic("15.1.22", "build/Tone.js")),
            // Chart.js's module build imports a package of its own (@kurkle/color): modules get the UMD build re-exported.
            lib("Chart.js", "chart.js", "4.4.1", "dist/chart.umd.js", "Chart", "Chart.js", List.of("2.0.0", "3.0.0", "4.0.0", "5.0.0"),
                    new Bundle("2.9.4", "dist/Chart.min.js", null, List.of("dist/Chart.min.js", "dist/Chart.bundle.min.js")), classic("3.9.1", "dist/chart.min.js"), classic("4.4.1", "dist/chart.umd.js")),
            lib("anime.js", "animejs", "3.2.1", "lib/anime.min.js", "anime", "animejs", List.of("3.0.0", "4.0.0"),
                    new Bundle("3.2.1", "lib/anime.min.js", "lib/anime.es.js", List.of("lib/anime.min.js", "lib/anime.es.js")),
                    new Bundle("4.2.2", "dist/bundles/anime.umd.min.js", "dist/bundles/anime.esm.min.js",
                            List.of("dist/bundles/anime.umd.min.js", "dist/bundles/anime.esm.min.js"))),
            lib("PixiJS", "pixi.js", "7.4.3", "dist/pixi.min.js", "PIXI", "pixi.js", List.of("7.0.0", "8.0.0", "9.0.0"),
                    new Bundle("7.4.3", "dist/pixi.min.js", "dist/pixi.min.mjs", List.of("dist/pixi.min.js", "dist/pixi.min.mjs")),
                    new Bundle("8.6.6", "dist/pixi.min.js", "dist/pixi.min.mjs", List.of("dist/pixi.min.js", "dist/pixi.min.mjs"))),
            // The Tailwind v3 play CDN script (cdn.tailwindcss.com) as published on npm by tailwindcss-cdn;
            // the "with all plugins" build answers ?plugins=… .
            new Library("Tailwind CSS 3 (play CDN)", "tailwindcss-cdn", "3.4.10", "tailwindcss.js",
                    List.of("https://cdn.tailwindcss.com/3.4.10"), null, null, List.of("3.0.0", "4.0.0"),
                    List.of(new Bundle("3.4.10", "tailwindcss.js", null, List.of("tailwindcss.js", "tailwindcss-with-all-plugins.js")))),
            lib("Tailwind CSS 4 (browser build)", "@tailwindcss/browser", "4.1.18", "dist/index.global.js", null, null,
                    List.of("4.0.0", "5.0.0"), classic("4.1.18", "dist/index.global.js")));

    /** The library published on npm as {@code npmPackage}, if we keep it. */
    public static Optional<Library> byPackage(String npmPackage) {
        return ALL.stream().filter(l -> l.npmPackage().equals(npmPackage)).findFirst();
    }

    private static Bundle classic(String version, String file) {
        return new Bundle(version, file, null, List.of(file));
    }

    private static Library lib(String name, String pkg, String version, String file, String global, String cdnjs,
                               List<String> lineStarts, Bundle... bundles) {
        return new Library(name, pkg, version, file, List.of(
                "https://cdn.jsdelivr.net/npm/" + pkg + "@" + version + "/" + file,
                "https://unpkg.com/" + pkg + "@" + version + "/" + file), global, cdnjs, lineStarts, List.of(bundles));
    }
}
