package autobench.runtime;

import java.util.ArrayList;
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
    public record Library(
            String name,
            String npmPackage,
            String version,
            String file,
            List<String> urls,
            String global,
            String cdnjs,
            List<String> lineStarts,
            List<Bundle> bundles) {
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
            lib(
                    "p5.js",
                    "p5",
                    "1.9.4",
                    "lib/p5.min.js",
                    "p5",
                    "p5.js",
                    List.of("1.0.0", "2.0.0", "3.0.0"),
                    classic("1.9.4", "lib/p5.min.js"),
                    classic("1.11.10", "lib/p5.min.js"),
                    new Bundle(
                            "2.0.5",
                            "lib/p5.min.js",
                            "lib/p5.esm.min.js",
                            List.of("lib/p5.min.js", "lib/p5.esm.min.js"))),
            lib(
                    "three.js",
                    "three",
                    "0.158.0",
                    "build/three.min.js",
                    "THREE",
                    "three.js",
                    List.of("0.125.0", "0.160.0", "0.170.0", "0.180.0"),
                    new Bundle(
                            "0.128.0",
                            "build/three.min.js",
                            "build/three.module.js",
                            List.of(
                                    "build/three.min.js",
                                    "build/three.module.js",
                                    THREE_JSM,
                                    "examples/js/",
                                    "examples/fonts/")),
                    new Bundle(
                            "0.158.0",
                            "build/three.min.js",
                            "build/three.module.js",
                            List.of("build/three.min.js", "build/three.module.js", THREE_JSM, "examples/fonts/")),
                    new Bundle(
                            "0.160.1",
                            "build/three.min.js",
                            "build/three.module.js",
                            List.of("build/three.min.js", "build/three.module.js", THREE_JSM, "examples/fonts/")),
                    new Bundle(
                            "0.170.0",
                            null,
                            "build/three.module.js",
                            List.of("build/three.module.js", THREE_JSM, "examples/fonts/"))),
            lib(
                    "d3",
                    "d3",
                    "7.9.2",
                    "dist/d3.min.js",
                    "d3",
                    "d3",
                    List.of("4.0.0", "5.0.0", "6.0.0", "7.0.0", "8.0.0"),
                    classic("4.13.0", "build/d3.min.js"),
                    classic("5.16.0", "dist/d3.min.js"),
                    classic("6.7.0", "dist/d3.min.js"),
                    classic("7.9.2", "dist/d3.min.js")),
            // GSAP 2 (TweenMax) is still copied from old answers; its module form is never asked for.
            lib(
                    "GSAP",
                    "gsap",
                    "3.12.5",
                    "dist/gsap.min.js",
                    "gsap",
                    "gsap",
                    List.of("2.0.0", "3.0.0", "4.0.0"),
                    new Bundle(
                            "2.1.3",
                            "src/minified/TweenMax.min.js",
                            null,
                            List.of("src/minified/TweenMax.min.js", "src/minified/TweenLite.min.js")),
                    new Bundle(
                            "3.12.5",
                            "dist/gsap.min.js",
                            null,
                            List.of(
                                    "dist/gsap.min.js",
                                    "dist/ScrollTrigger.min.js",
                                    "dist/Draggable.min.js",
                                    "dist/MotionPathPlugin.min.js",
                                    "dist/TextPlugin.min.js",
                                    "dist/Flip.min.js"))),
            // matter-js has kept its API since 0.10: one line for all of 0.x.
            lib(
                    "matter-js",
                    "matter-js",
                    "0.20.0",
                    "build/matter.min.js",
                    "Matter",
                    "matter-js",
                    List.of("0.10.0", "1.0.0"),
                    classic("0.19.0", "build/matter.min.js"),
                    classic("0.20.0", "build/matter.min.js")),
            lib(
                    "Tone.js",
                    "tone",
                    "14.7.77",
                    "build/Tone.js",
                    "Tone",
                    "tone",
                    List.of("14.0.0", "15.0.0", "16.0.0"),
                    classic("14.7.77", "build/Tone.js"),
                    classic("14.8.49", "build/Tone.js"),
                    classic("15.1.22", "build/Tone.js")),
            // Chart.js's module build imports a package of its own (@kurkle/color): modules get the UMD build
            // re-exported.
            lib(
                    "Chart.js",
                    "chart.js",
                    "4.4.1",
                    "dist/chart.umd.js",
                    "Chart",
                    "Chart.js",
                    List.of("2.0.0", "3.0.0", "4.0.0", "5.0.0"),
                    new Bundle(
                            "2.9.4",
                            "dist/Chart.min.js",
                            null,
                            List.of("dist/Chart.min.js", "dist/Chart.bundle.min.js")),
                    classic("3.9.1", "dist/chart.min.js"),
                    classic("4.4.1", "dist/chart.umd.js")),
            lib(
                    "anime.js",
                    "animejs",
                    "3.2.1",
                    "lib/anime.min.js",
                    "anime",
                    "animejs",
                    List.of("3.0.0", "4.0.0"),
                    new Bundle(
                            "3.2.1",
                            "lib/anime.min.js",
                            "lib/anime.es.js",
                            List.of("lib/anime.min.js", "lib/anime.es.js")),
                    new Bundle(
                            "4.2.2",
                            "dist/bundles/anime.umd.min.js",
                            "dist/bundles/anime.esm.min.js",
                            List.of("dist/bundles/anime.umd.min.js", "dist/bundles/anime.esm.min.js"))),
            lib(
                    "PixiJS",
                    "pixi.js",
                    "7.4.3",
                    "dist/pixi.min.js",
                    "PIXI",
                    "pixi.js",
                    List.of("7.0.0", "8.0.0", "9.0.0"),
                    new Bundle(
                            "7.4.3",
                            "dist/pixi.min.js",
                            "dist/pixi.min.mjs",
                            List.of("dist/pixi.min.js", "dist/pixi.min.mjs")),
                    new Bundle(
                            "8.6.6",
                            "dist/pixi.min.js",
                            "dist/pixi.min.mjs",
                            List.of("dist/pixi.min.js", "dist/pixi.min.mjs"))),
            // The Tailwind v3 play CDN script (cdn.tailwindcss.com) as published on npm by tailwindcss-cdn;
            // the "with all plugins" build answers ?plugins=… .
            new Library(
                    "Tailwind CSS 3 (play CDN)",
                    "tailwindcss-cdn",
                    "3.4.10",
                    "tailwindcss.js",
                    List.of("https://cdn.tailwindcss.com/3.4.10"),
                    null,
                    null,
                    List.of("3.0.0", "4.0.0"),
                    List.of(new Bundle(
                            "3.4.10",
                            "tailwindcss.js",
                            null,
                            List.of("tailwindcss.js", "tailwindcss-with-all-plugins.js")))),
            lib(
                    "Tailwind CSS 4 (browser build)",
                    "@tailwindcss/browser",
                    "4.1.18",
                    "dist/index.global.js",
                    null,
                    null,
                    List.of("4.0.0", "5.0.0"),
                    classic("4.1.18", "dist/index.global.js")));

    /**
     * Libraries the prompt does not offer but answers load anyway, by every public account of what
     * models write for "build this in one HTML file" (docs/rendering.md, "The library table"). The
     * renderer and the live previews serve them like the prompt's; the prompt stays short. Only the
     * dist files those URLs name are kept (an entry ending in '/' keeps a folder's scripts, styles and
     * woff2 fonts): the whole packages would add well over 100 MB. A development build asked for is
     * answered with the production build of the same version (see LibraryRoutes).
     */
    public static final List<Library> ANSWERS_ONLY = List.of(
            // physics
            lib(
                    "cannon.js",
                    "cannon",
                    "0.6.2",
                    "build/cannon.min.js",
                    "CANNON",
                    "cannon.js",
                    List.of("0.6.0", "1.0.0"),
                    classic("0.6.2", "build/cannon.min.js")),
            lib(
                    "cannon-es",
                    "cannon-es",
                    "0.20.0",
                    "dist/cannon-es.js",
                    null,
                    null,
                    List.of("0.15.0", "1.0.0"),
                    new Bundle("0.20.0", null, "dist/cannon-es.js", List.of("dist/cannon-es.js"))),
            // React with in-browser JSX, and what is used with it
            lib(
                    "React",
                    "react",
                    "18.3.1",
                    "umd/react.production.min.js",
                    "React",
                    "react",
                    List.of("16.0.0", "17.0.0", "18.0.0", "19.0.0"),
                    classic("17.0.2", "umd/react.production.min.js"),
                    classic("18.3.1", "umd/react.production.min.js")),
            lib(
                    "ReactDOM",
                    "react-dom",
                    "18.3.1",
                    "umd/react-dom.production.min.js",
                    "ReactDOM",
                    "react-dom",
                    List.of("16.0.0", "17.0.0", "18.0.0", "19.0.0"),
                    classic("17.0.2", "umd/react-dom.production.min.js"),
                    classic("18.3.1", "umd/react-dom.production.min.js")),
            lib(
                    "Babel standalone",
                    "@babel/standalone",
                    "7.26.4",
                    "babel.min.js",
                    "Babel",
                    "babel-standalone",
                    List.of("7.0.0", "8.0.0"),
                    classic("7.26.4", "babel.min.js")),
            // framer-motion's UMD build (global Motion) kept its API for motion.div and AnimatePresence from 6 to 11.
            lib(
                    "framer-motion",
                    "framer-motion",
                    "10.18.0",
                    "dist/framer-motion.js",
                    "Motion",
                    "framer-motion",
                    List.of("6.0.0", "12.0.0"),
                    classic("10.18.0", "dist/framer-motion.js")),
            lib(
                    "Preact",
                    "preact",
                    "10.24.3",
                    "dist/preact.min.js",
                    "preact",
                    "preact",
                    List.of("10.0.0", "11.0.0"),
                    new Bundle(
                            "10.24.3",
                            "dist/preact.min.js",
                            "dist/preact.module.js",
                            List.of(
                                    "dist/preact.min.js",
                                    "dist/preact.module.js",
                                    "hooks/dist/hooks.module.js",
                                    "hooks/dist/hooks.umd.js"))),
            lib(
                    "htm",
                    "htm",
                    "3.1.1",
                    "dist/htm.umd.js",
                    "htm",
                    "htm",
                    List.of("3.0.0", "4.0.0"),
                    new Bundle(
                            "3.1.1",
                            "dist/htm.umd.js",
                            "dist/htm.module.js",
                            List.of(
                                    "dist/htm.umd.js",
                                    "dist/htm.module.js",
                                    "preact/standalone.module.js",
                                    "preact/standalone.umd.js"))),
            lib(
                    "Vue",
                    "vue",
                    "3.4.38",
                    "dist/vue.global.prod.js",
                    "Vue",
                    "vue",
                    List.of("2.0.0", "3.0.0", "4.0.0"),
                    classic("2.7.16", "dist/vue.min.js"),
                    new Bundle(
                            "3.4.38",
                            "dist/vue.global.prod.js",
                            "dist/vue.esm-browser.prod.js",
                            List.of("dist/vue.global.prod.js", "dist/vue.esm-browser.prod.js"))),
            lib(
                    "Alpine.js",
                    "alpinejs",
                    "3.14.3",
                    "dist/cdn.min.js",
                    "Alpine",
                    "alpinejs",
                    List.of("3.0.0", "4.0.0"),
                    new Bundle(
                            "3.14.3",
                            "dist/cdn.min.js",
                            "dist/module.esm.min.js",
                            List.of("dist/cdn.min.js", "dist/module.esm.min.js"))),
            // jQuery 1.9 to 3.x: one line, as far as what answers do with it goes.
            lib(
                    "jQuery",
                    "jquery",
                    "3.7.1",
                    "dist/jquery.min.js",
                    "jQuery",
                    "jquery",
                    List.of("1.9.0", "4.0.0"),
                    new Bundle(
                            "3.7.1",
                            "dist/jquery.min.js",
                            null,
                            List.of("dist/jquery.min.js", "dist/jquery.slim.min.js"))),
            lib(
                    "lodash",
                    "lodash",
                    "4.17.21",
                    "lodash.min.js",
                    "_",
                    "lodash.js",
                    List.of("4.0.0", "5.0.0"),
                    classic("4.17.21", "lodash.min.js")),
            // games, 2D and 3D scenes, sound
            lib(
                    "Phaser",
                    "phaser",
                    "3.80.1",
                    "dist/phaser.min.js",
                    "Phaser",
                    "phaser",
                    List.of("3.0.0", "4.0.0"),
                    classic("3.80.1", "dist/phaser.min.js")),
            lib(
                    "Babylon.js",
                    "babylonjs",
                    "7.31.0",
                    "babylon.js",
                    "BABYLON",
                    "babylonjs",
                    List.of("5.0.0", "8.0.0"),
                    classic("7.31.0", "babylon.js")),
            lib(
                    "howler.js",
                    "howler",
                    "2.2.4",
                    "dist/howler.min.js",
                    "Howler",
                    "howler",
                    List.of("2.0.0", "3.0.0"),
                    new Bundle(
                            "2.2.4",
                            "dist/howler.min.js",
                            null,
                            List.of("dist/howler.min.js", "dist/howler.core.min.js"))),
            lib(
                    "Konva",
                    "konva",
                    "9.3.16",
                    "konva.min.js",
                    "Konva",
                    "konva",
                    List.of("7.0.0", "10.0.0"),
                    classic("9.3.16", "konva.min.js")),
            lib(
                    "canvas-confetti",
                    "canvas-confetti",
                    "1.9.3",
                    "dist/confetti.browser.js",
                    "confetti",
                    "canvas-confetti",
                    List.of("1.0.0", "2.0.0"),
                    new Bundle(
                            "1.9.3",
                            "dist/confetti.browser.js",
                            "dist/confetti.module.mjs",
                            List.of("dist/confetti.browser.js", "dist/confetti.module.mjs"))),
            // charts, maths, text
            lib(
                    "ECharts",
                    "echarts",
                    "5.5.1",
                    "dist/echarts.min.js",
                    "echarts",
                    "echarts",
                    List.of("5.0.0", "6.0.0"),
                    classic("5.5.1", "dist/echarts.min.js")),
            // plotly.js 1.x (cdn.plot.ly/plotly-latest) drew the same basic charts: one line.
            lib(
                    "Plotly",
                    "plotly.js-dist-min",
                    "2.35.2",
                    "plotly.min.js",
                    "Plotly",
                    "plotly.js",
                    List.of("1.0.0", "3.0.0"),
                    classic("2.35.2", "plotly.min.js")),
            lib(
                    "KaTeX",
                    "katex",
                    "0.16.11",
                    "dist/katex.min.js",
                    "katex",
                    "KaTeX",
                    List.of("0.10.0", "1.0.0"),
                    new Bundle(
                            "0.16.11",
                            "dist/katex.min.js",
                            null,
                            List.of(
                                    "dist/katex.min.js",
                                    "dist/katex.min.css",
                                    "dist/contrib/auto-render.min.js",
                                    "dist/fonts/"))),
            lib(
                    "marked",
                    "marked",
                    "12.0.2",
                    "marked.min.js",
                    "marked",
                    "marked",
                    List.of("5.0.0", "16.0.0"),
                    new Bundle(
                            "12.0.2",
                            "marked.min.js",
                            "lib/marked.esm.js",
                            List.of("marked.min.js", "lib/marked.esm.js"))),
            lib(
                    "highlight.js",
                    "@highlightjs/cdn-assets",
                    "11.10.0",
                    "highlight.min.js",
                    "hljs",
                    "highlight.js",
                    List.of("11.0.0", "12.0.0"),
                    new Bundle(
                            "11.10.0",
                            "highlight.min.js",
                            null,
                            List.of(
                                    "highlight.min.js",
                                    "styles/default.min.css",
                                    "styles/github.min.css",
                                    "styles/github-dark.min.css",
                                    "styles/atom-one-dark.min.css",
                                    "styles/monokai.min.css"))),
            // CSS frameworks and icon fonts (their font files are served from the same package)
            lib(
                    "Bootstrap",
                    "bootstrap",
                    "5.3.3",
                    "dist/css/bootstrap.min.css",
                    "bootstrap",
                    "bootstrap",
                    List.of("4.0.0", "5.0.0", "6.0.0"),
                    // Bootstrap 4: its bundle carries Popper; its plain build needs jQuery (kept too) and Popper
                    new Bundle(
                            "4.6.2",
                            "dist/js/bootstrap.bundle.min.js",
                            null,
                            List.of(
                                    "dist/css/bootstrap.min.css",
                                    "dist/js/bootstrap.bundle.min.js",
                                    "dist/js/bootstrap.min.js")),
                    new Bundle(
                            "5.3.3",
                            "dist/js/bootstrap.bundle.min.js",
                            null,
                            List.of(
                                    "dist/css/bootstrap.min.css",
                                    "dist/js/bootstrap.bundle.min.js",
                                    "dist/js/bootstrap.min.js"))),
            lib(
                    "Bootstrap Icons",
                    "bootstrap-icons",
                    "1.11.3",
                    "font/bootstrap-icons.min.css",
                    null,
                    "bootstrap-icons",
                    List.of("1.0.0", "2.0.0"),
                    new Bundle(
                            "1.11.3",
                            "font/bootstrap-icons.min.css",
                            null,
                            List.of("font/bootstrap-icons.min.css", "font/fonts/"))),
            lib(
                    "Font Awesome Free",
                    "@fortawesome/fontawesome-free",
                    "6.5.2",
                    "css/all.min.css",
                    null,
                    "font-awesome",
                    List.of("5.0.0", "6.0.0", "7.0.0"),
                    new Bundle(
                            "5.15.4",
                            "css/all.min.css",
                            null,
                            List.of(
                                    "css/all.min.css",
                                    "css/fontawesome.min.css",
                                    "css/solid.min.css",
                                    "css/regular.min.css",
                                    "css/brands.min.css",
                                    "webfonts/")),
                    new Bundle(
                            "6.5.2",
                            "css/all.min.css",
                            null,
                            List.of(
                                    "css/all.min.css",
                                    "css/fontawesome.min.css",
                                    "css/solid.min.css",
                                    "css/regular.min.css",
                                    "css/brands.min.css",
                                    "css/v4-shims.min.css",
                                    "webfonts/"))),
            // Font Awesome 4 is another package (font-awesome) with other class names (fa fa-heart);
            // cdnjs names both "font-awesome", and render.LibraryUrl picks this one for a 4.x version.
            lib(
                    "Font Awesome 4",
                    "font-awesome",
                    "4.7.0",
                    "css/font-awesome.min.css",
                    null,
                    "font-awesome",
                    List.of("4.0.0", "5.0.0"),
                    new Bundle(
                            "4.7.0",
                            "css/font-awesome.min.css",
                            null,
                            List.of("css/font-awesome.min.css", "css/font-awesome.css", "fonts/"))),
            lib(
                    "Material Icons",
                    "material-icons",
                    "1.13.12",
                    "iconfont/material-icons.css",
                    null,
                    null,
                    List.of("1.0.0", "2.0.0"),
                    new Bundle("1.13.12", "iconfont/material-icons.css", null, List.of("iconfont/"))),
            // Only the outlined style of Material Symbols (3.4 MB): rounded and sharp would add 7.5 MB.
            lib(
                    "Material Symbols",
                    "material-symbols",
                    "0.27.0",
                    "outlined.css",
                    null,
                    null,
                    List.of("0.1.0", "1.0.0"),
                    new Bundle(
                            "0.27.0",
                            "outlined.css",
                            null,
                            List.of("outlined.css", "material-symbols-outlined.woff2"))),
            lib(
                    "Animate.css",
                    "animate.css",
                    "4.1.1",
                    "animate.min.css",
                    null,
                    "animate.css",
                    List.of("4.0.0", "5.0.0"),
                    classic("4.1.1", "animate.min.css")),
            lib(
                    "Bulma",
                    "bulma",
                    "1.0.2",
                    "css/bulma.min.css",
                    null,
                    "bulma",
                    List.of("0.7.0", "1.0.0", "2.0.0"),
                    classic("0.9.4", "css/bulma.min.css"),
                    classic("1.0.2", "css/bulma.min.css")),
            lib(
                    "lucide",
                    "lucide",
                    "0.460.0",
                    "dist/umd/lucide.min.js",
                    "lucide",
                    "lucide",
                    List.of("0.100.0", "1.0.0"),
                    classic("0.460.0", "dist/umd/lucide.min.js")),
            // networking: they load, and then fail the way they do offline (no server answers)
            lib(
                    "PeerJS",
                    "peerjs",
                    "1.5.4",
                    "dist/peerjs.min.js",
                    "Peer",
                    "peerjs",
                    List.of("1.0.0", "2.0.0"),
                    classic("1.5.4", "dist/peerjs.min.js")),
            // Firebase as answers load it from www.gstatic.com/firebasejs/<version>/: version 8's files are
            // classic builds on the global firebase; from 9 on, firebase-<product>-compat.js are, and
            // firebase-<product>.js are ES modules importing the app by its gstatic URL (one instance,
            // whatever version the page names: see render.LibraryRoutes).
            lib(
                    "Firebase",
                    "firebase",
                    "10.14.1",
                    "firebase-app-compat.js",
                    "firebase",
                    "firebase",
                    List.of("8.0.0", "9.0.0", "12.0.0"),
                    new Bundle(
                            "8.10.1",
                            "firebase-app.js",
                            null,
                            List.of(
                                    "firebase-app.js",
                                    "firebase-auth.js",
                                    "firebase-firestore.js",
                                    "firebase-database.js",
                                    "firebase-storage.js",
                                    "firebase-analytics.js",
                                    "firebase-functions.js")),
                    new Bundle(
                            "10.14.1",
                            "firebase-app-compat.js",
                            "firebase-app.js",
                            List.of(
                                    "firebase-app-compat.js",
                                    "firebase-auth-compat.js",
                                    "firebase-firestore-compat.js",
                                    "firebase-database-compat.js",
                                    "firebase-storage-compat.js",
                                    "firebase-analytics-compat.js",
                                    "firebase-functions-compat.js",
                                    "firebase-app.js",
                                    "firebase-auth.js",
                                    "firebase-firestore.js",
                                    "firebase-database.js",
                                    "firebase-storage.js",
                                    "firebase-analytics.js",
                                    "firebase-functions.js"))),
            lib(
                    "Socket.IO client",
                    "socket.io-client",
                    "4.7.5",
                    "dist/socket.io.min.js",
                    "io",
                    "socket.io",
                    List.of("3.0.0", "5.0.0"),
                    new Bundle(
                            "4.7.5",
                            "dist/socket.io.min.js",
                            "dist/socket.io.esm.min.js",
                            List.of("dist/socket.io.min.js", "dist/socket.io.esm.min.js"))));

    /** Everything the renderer and the live previews serve: the prompt's libraries, then the answers-only ones. */
    public static final List<Library> SERVED = concat(ALL, ANSWERS_ONLY);

    /**
     * The hosts models load libraries from (render.LibraryUrl reads each one's URL shapes), as the live
     * preview points them at its own copies: the answer's markup and the library files it is sent.
     */
    public static final List<String> CDN_HOSTS = List.of(
            "cdn.jsdelivr.net",
            "unpkg.com",
            "esm.sh",
            "cdn.skypack.dev",
            "cdnjs.cloudflare.com",
            "d3js.org",
            "threejs.org",
            "pixijs.download",
            "cdn.tailwindcss.com",
            "code.jquery.com",
            "ajax.googleapis.com",
            "cdn.plot.ly",
            "cdn.babylonjs.com",
            "cdn.socket.io",
            "use.fontawesome.com",
            "fonts.googleapis.com",
            "maxcdn.bootstrapcdn.com",
            "stackpath.bootstrapcdn.com",
            "netdna.bootstrapcdn.com",
            "www.gstatic.com");

    /**
     * {@code text} with every URL on a {@link #CDN_HOSTS} host pointed at {@code origin + "/cdn/" + host + "/"}.
     * An empty origin gives path-absolute URLs, which resolve against whatever origin serves the text.
     * A URL is {@code //host/}, {@code http://host/} or {@code https://host/} (the regular expression
     * {@code (?:https?:)?//(host|...)/}, which LibrariesTest keeps as the reference); found from each
     * {@code //}, as the expression tried every character of 60 MB of library files at every build.
     * Text with nothing to point is returned as the same instance.
     */
    public static String pointAt(String text, String origin) {
        StringBuilder out = null;
        int copied = 0;
        for (int j = text.indexOf("//"); j >= 0; j = text.indexOf("//", j + 1)) {
            String host = hostAt(text, j + 2);
            if (host == null) continue;
            int start = text.startsWith("https:", j - 6) && j - 6 >= copied
                    ? j - 6
                    : text.startsWith("http:", j - 5) && j - 5 >= copied ? j - 5 : j;
            if (out == null) out = new StringBuilder(text.length() + 256);
            out.append(text, copied, start)
                    .append(origin)
                    .append("/cdn/")
                    .append(host)
                    .append('/');
            copied = j + 2 + host.length() + 1;
            j = copied - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The first of {@link #CDN_HOSTS} that starts at {@code i} followed by a slash, or null. */
    private static String hostAt(String text, int i) {
        for (String host : CDN_HOSTS) {
            if (text.startsWith(host, i) && text.length() > i + host.length() && text.charAt(i + host.length()) == '/')
                return host;
        }
        return null;
    }

    /** The library published on npm as {@code npmPackage}, if we keep it. */
    public static Optional<Library> byPackage(String npmPackage) {
        return SERVED.stream().filter(l -> l.npmPackage().equals(npmPackage)).findFirst();
    }

    private static List<Library> concat(List<Library> a, List<Library> b) {
        List<Library> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Bundle classic(String version, String file) {
        return new Bundle(version, file, null, List.of(file));
    }

    private static Library lib(
            String name,
            String pkg,
            String version,
            String file,
            String global,
            String cdnjs,
            List<String> lineStarts,
            Bundle... bundles) {
        return new Library(
                name,
                pkg,
                version,
                file,
                List.of(
                        "https://cdn.jsdelivr.net/npm/" + pkg + "@" + version + "/" + file,
                        "https://unpkg.com/" + pkg + "@" + version + "/" + file),
                global,
                cdnjs,
                lineStarts,
                List.of(bundles));
    }
}
