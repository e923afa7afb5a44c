package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.render.LibraryRoutes.Resolution;
import autobench.runtime.Libraries;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibraryRoutesTest {
    final LibraryRoutes routes = LibraryRoutes.bundled();

    Resolution.Served served(String url) {
        Resolution r = routes.resolve(url);
        assertThat(r).as(url + " -> " + r).isInstanceOf(Resolution.Served.class);
        return (Resolution.Served) r;
    }

    String text(String url) {
        return new String(served(url).body(), StandardCharsets.UTF_8);
    }

    void refused(String url) {
        assertThat(routes.resolve(url)).as(url).isInstanceOf(Resolution.Refused.class);
    }

    @Test
    void every_renderer_in_the_process_shares_one_set_of_read_and_rewritten_bodies() {
        assertThat(LibraryRoutes.bundled()).isSameAs(routes);
        String url = "https://cdn.jsdelivr.net/npm/three@0.160.1/examples/jsm/controls/OrbitControls.js";
        // the same bytes, not equal ones: an add-on's bare imports are rewritten once per process
        assertThat(((Resolution.Served) LibraryRoutes.bundled().resolve(url)).body())
                .isSameAs(served(url).body());
    }

    @Test
    void every_prompted_url_is_answered_from_the_bundled_copy_without_substitution() {
        for (var lib : Libraries.ALL) {
            assertThat(lib.urls()).isNotEmpty();
            assertThat(lib.bundle(lib.version())).as(lib.name()).isPresent();
            for (String url : lib.urls()) {
                var s = served(url);
                assertThat(s.contentType()).startsWith("application/javascript");
                assertThat(s.body().length).as(url).isGreaterThan(10_000);
                assertThat(s.substituted()).as(url).isEmpty();
            }
        }
    }

    @Test
    void every_kept_version_serves_its_entry_from_jsdelivr() {
        for (var lib : Libraries.ALL) {
            for (var b : lib.bundles()) {
                String entry = b.classic() != null ? b.classic() : b.module();
                assertThat(served("https://cdn.jsdelivr.net/npm/" + lib.npmPackage() + "@" + b.version() + "/" + entry)
                                .substituted())
                        .as(lib.npmPackage() + "@" + b.version())
                        .isEmpty();
            }
        }
    }

    @Test
    void the_bundled_p5_is_the_version_its_url_names() {
        assertThat(text("https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js").substring(0, 400))
                .contains("p5.js v1.9.4");
    }

    @Test
    void a_query_string_or_fragment_does_not_change_the_answer() {
        assertThat(served("https://unpkg.com/three@0.158.0/build/three.min.js?v=3#x")
                        .substituted())
                .isEmpty();
    }

    @Test
    void another_version_of_the_same_api_line_is_the_nearest_kept_one_and_says_so() {
        assertThat(served("https://cdn.jsdelivr.net/npm/three@0.160.0/build/three.module.js")
                        .substituted())
                .contains("library substituted: three@0.160.0 → three@0.160.1");
        assertThat(served("https://cdn.jsdelivr.net/npm/p5@1.9.3/lib/p5.min.js").substituted())
                .contains("library substituted: p5@1.9.3 → p5@1.9.4");
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/three.js/r134/three.min.js")
                        .substituted())
                .contains("library substituted: three@0.134.0 → three@0.128.0");
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/three.js/r150/three.min.js")
                        .substituted())
                .contains("library substituted: three@0.150.0 → three@0.158.0");
        assertThat(served("https://cdn.jsdelivr.net/npm/d3@7.8.5/dist/d3.min.js")
                        .substituted())
                .contains("library substituted: d3@7.8.5 → d3@7.9.2");
    }

    @Test
    void a_partial_version_gets_the_newest_kept_version_it_names_without_substitution() {
        assertThat(served("https://cdn.jsdelivr.net/npm/d3@7").substituted()).isEmpty();
        assertThat(text("https://d3js.org/d3.v7.min.js"))
                .isEqualTo(text("https://cdn.jsdelivr.net/npm/d3@7.9.2/dist/d3.min.js"));
        assertThat(served("https://cdn.jsdelivr.net/npm/chart.js").substituted())
                .isEmpty();
        assertThat(text("https://cdn.jsdelivr.net/npm/three@0.160/build/three.module.js"))
                .contains("three@0.160.1/build/three.module.js");
    }

    @Test
    void another_api_line_or_an_unknown_file_still_fails() {
        refused("https://cdn.jsdelivr.net/npm/three@0.100.0/build/three.min.js"); // before r125: Geometry
        refused("https://cdn.jsdelivr.net/npm/three@0.170.0/build/three.min.js"); // the classic build is gone there
        refused("https://cdn.jsdelivr.net/npm/p5@3.0.0/lib/p5.min.js");
        refused("https://cdnjs.cloudflare.com/ajax/libs/gsap/1.20.4/TweenMax.min.js");
        refused("https://d3js.org/d3.v3.min.js");
        refused("https://cdn.jsdelivr.net/npm/three@0.160.0/examples/jsm/nothing/Here.js");
        refused("https://evil.example/p5.min.js");
        refused("http://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js");
        refused("https://cdn.jsdelivr.net/npm/left-pad@1.3.0/index.js");
    }

    @Test
    void every_host_models_use_is_understood() {
        for (String url : new String[] {
            "https://unpkg.com/three@0.160.0/build/three.module.js",
            "https://cdn.jsdelivr.net/npm/three@0.160.0/+esm",
            "https://esm.sh/three@0.160.0",
            "https://esm.sh/v135/three@0.160.0/examples/jsm/controls/OrbitControls.js",
            "https://cdn.skypack.dev/three@0.128.0",
            "https://cdnjs.cloudflare.com/ajax/libs/three.js/r128/three.min.js",
            "https://cdn.jsdelivr.net/gh/mrdoob/three.js@r128/examples/js/controls/OrbitControls.js",
            "https://threejs.org/build/three.module.js",
            "https://cdnjs.cloudflare.com/ajax/libs/p5.js/1.9.0/p5.min.js",
            "https://cdnjs.cloudflare.com/ajax/libs/gsap/3.12.2/gsap.min.js",
            "https://cdnjs.cloudflare.com/ajax/libs/gsap/3.12.2/ScrollTrigger.min.js",
            "https://cdnjs.cloudflare.com/ajax/libs/matter-js/0.19.0/matter.min.js",
            "https://cdnjs.cloudflare.com/ajax/libs/tone/14.8.49/Tone.js",
            "https://cdnjs.cloudflare.com/ajax/libs/animejs/3.2.1/anime.min.js",
            "https://cdnjs.cloudflare.com/ajax/libs/Chart.js/4.4.0/chart.umd.min.js",
            "https://cdn.tailwindcss.com",
            "https://cdn.tailwindcss.com/3.4.1?plugins=forms,typography",
            "https://cdn.jsdelivr.net/npm/@tailwindcss/browser@4",
            "https://pixijs.download/v7.4.2/pixi.min.js",
            "https://pixijs.download/release/pixi.min.js",
            "https://unpkg.com/tone",
            "https://cdn.jsdelivr.net/npm/p5@2/lib/p5.min.js"
        }) {
            served(url);
        }
    }

    @Test
    void a_module_under_another_url_reexports_the_one_canonical_copy_so_there_is_one_instance() {
        String canonical = "https://cdn.jsdelivr.net/npm/three@0.160.1/build/three.module.js";
        assertThat(text("https://esm.sh/three@0.160.0")).contains("export * from \"" + canonical + "\"");
        assertThat(text("https://unpkg.com/three@0.160.1/build/three.module.js"))
                .contains("export * from \"" + canonical + "\"");
        assertThat(text(canonical)).contains("REVISION = '160'").doesNotContain("export * from");
    }

    @Test
    void add_ons_import_their_library_by_its_canonical_url_not_by_bare_name() {
        String orbit = text("https://cdn.jsdelivr.net/npm/three@0.160.1/examples/jsm/controls/OrbitControls.js");
        assertThat(orbit)
                .contains("from 'https://cdn.jsdelivr.net/npm/three@0.160.1/build/three.module.js'")
                .doesNotContain("from 'three'");
        assertThat(text("https://unpkg.com/three@0.160.0/addons/controls/OrbitControls.js"))
                .contains(
                        "export * from \"https://cdn.jsdelivr.net/npm/three@0.160.1/examples/jsm/controls/OrbitControls.js\"");
    }

    @Test
    void a_module_asked_of_a_classic_only_library_reexports_its_global() {
        String d3 = text("https://cdn.jsdelivr.net/npm/d3@7/+esm");
        assertThat(d3).contains("globalThis[\"d3\"]", "export default g", "scaleLinear", "forceSimulation");
        String chart = text("https://esm.sh/chart.js@4.4.1/auto");
        assertThat(chart).contains("export { g as Chart }", "registerables");
    }

    @Test
    void a_module_of_a_classic_build_imports_the_libraries_its_build_needs_before_loading_it() {
        String dom18 = text("https://esm.sh/react-dom@18.2.0/client");
        assertThat(dom18).startsWith("import \"https://cdn.jsdelivr.net/npm/react@18.3.1/+esm\";\n");
        assertThat(dom18.indexOf("import \"")).isLessThan(dom18.indexOf("createElement('script')"));
        assertThat(text("https://unpkg.com/react-dom@17.0.2/umd/react-dom.production.min.js?module"))
                .startsWith("import \"https://cdn.jsdelivr.net/npm/react@17.0.2/+esm\";\n");
        assertThat(text("https://esm.sh/framer-motion@10.18.0"))
                .startsWith("import \"https://cdn.jsdelivr.net/npm/react@18.3.1/+esm\";\n");
        // what it imports is React's own module, which needs nothing before it
        String react = text("https://cdn.jsdelivr.net/npm/react@18.3.1/+esm");
        assertThat(react).contains("globalThis[\"React\"]").doesNotContain("import ");
        assertThat(text("https://cdn.jsdelivr.net/npm/d3@7/+esm")).doesNotContain("import ");
    }

    @Test
    void every_module_url_of_one_classic_build_shares_one_load_of_it() {
        String a = text("https://esm.sh/react@18.2.0");
        String b = text("https://cdn.jsdelivr.net/npm/react@18/+esm");
        String src = "const src = \"https://cdn.jsdelivr.net/npm/react@18.3.1/umd/react.production.min.js\";";
        assertThat(a).contains(src, "Symbol.for(\"autobench.classic\")", "if (!loads.has(src))");
        assertThat(b).contains(src);
    }

    @Test
    void web_fonts_are_refused_with_a_reason_of_their_own() {
        assertThat(routes.resolve("https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap"))
                .isEqualTo(new Resolution.Refused("web fonts are not available offline (fallback fonts are used)"));
    }

    @Test
    void versions_are_read_as_models_write_them() {
        assertThat(LibraryUrl.version("r128")).isEqualTo("0.128.0");
        assertThat(LibraryUrl.version("^7.1")).isEqualTo("7.1");
        assertThat(LibraryUrl.version("7.x")).isEqualTo("7");
        assertThat(LibraryUrl.version("latest")).isNull();
        assertThat(LibraryUrl.version("v7.4.2")).isEqualTo("7.4.2");
        assertThat(Optional.ofNullable(LibraryUrl.version(null))).isEmpty();
    }

    @Test
    void every_answers_only_library_serves_its_entry_from_jsdelivr_and_unpkg() {
        for (var lib : Libraries.ANSWERS_ONLY) {
            for (String url : lib.urls())
                assertThat(served(url).substituted()).as(url).isEmpty();
        }
    }

    @Test
    void
            the_urls_answers_write_for_react_and_babel_get_the_kept_builds_with_development_builds_answered_by_production() {
        assertThat(text("https://unpkg.com/react@18/umd/react.development.js")).contains("react.production.min.js");
        assertThat(text("https://unpkg.com/react-dom@18/umd/react-dom.development.js"))
                .contains("react-dom.production.min.js");
        assertThat(served("https://unpkg.com/@babel/standalone/babel.min.js").body().length)
                .isGreaterThan(1_000_000);
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/react/17.0.2/umd/react.production.min.js")
                        .substituted())
                .isEmpty();
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/babel-standalone/7.23.5/babel.min.js")
                        .substituted())
                .contains("library substituted: @babel/standalone@7.23.5 → @babel/standalone@7.26.4");
        // a module for ReactDOM's client entry: the classic build re-exported, createRoot included
        assertThat(text("https://esm.sh/react-dom@18.2.0/client")).contains("createRoot");
        assertThat(text("https://esm.sh/react@18")).contains("useState");
    }

    @Test
    void cannon_is_answered_from_cdnjs_jsdelivr_and_as_a_module() {
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/cannon.js/0.6.2/cannon.min.js")
                        .substituted())
                .isEmpty();
        assertThat(served("https://cdn.jsdelivr.net/npm/cannon@0.6.2/build/cannon.js")
                        .contentType())
                .startsWith("application/javascript");
        assertThat(served("https://cdn.jsdelivr.net/npm/cannon-es@0.19.0/dist/cannon-es.js")
                        .substituted())
                .contains("library substituted: cannon-es@0.19.0 → cannon-es@0.20.0");
        assertThat(text("https://cdn.jsdelivr.net/npm/cannon-es@0.20.0/+esm")).contains("export");
        assertThat(text("https://esm.sh/cannon-es@0.20.0")).contains("export");
    }

    @Test
    void icon_fonts_are_served_with_their_woff2_files_at_the_urls_their_style_sheets_name() {
        String fa = text("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.1/css/all.min.css");
        assertThat(fa).contains("../webfonts/fa-solid-900.woff2");
        var font = served("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.1/webfonts/fa-solid-900.woff2");
        assertThat(font.contentType()).isEqualTo("font/woff2");
        assertThat(served("https://use.fontawesome.com/releases/v5.15.4/webfonts/fa-brands-400.woff2")
                        .contentType())
                .isEqualTo("font/woff2");
        assertThat(served("https://cdn.jsdelivr.net/npm/bootstrap-icons@1.11.3/font/fonts/bootstrap-icons.woff2")
                        .body()
                        .length)
                .isGreaterThan(50_000);
        assertThat(served("https://cdn.jsdelivr.net/npm/katex@0.16.9/dist/fonts/KaTeX_Main-Regular.woff2")
                        .contentType())
                .isEqualTo("font/woff2");
        // a major version no package keeps is refused, not answered with another line's class names
        refused("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/3.2.1/css/font-awesome.min.css");
    }

    @Test
    void google_material_icon_css_is_written_here_with_fonts_from_the_bundle_and_text_fonts_stay_refused() {
        String icons = text("https://fonts.googleapis.com/icon?family=Material+Icons");
        assertThat(icons)
                .contains("font-family: 'Material Icons'")
                .contains(".material-icons {")
                .contains("https://cdn.jsdelivr.net/npm/material-icons@1.13.12/iconfont/material-icons.woff2");
        assertThat(served("https://cdn.jsdelivr.net/npm/material-icons@1.13.12/iconfont/material-icons.woff2")
                        .contentType())
                .isEqualTo("font/woff2");
        String symbols = text(
                "https://fonts.googleapis.com/css2?family=Inter:wght@400&family=Material+Symbols+Rounded:opsz,wght,FILL,GRAD@20..48,100..700,0..1,-50..200");
        assertThat(symbols)
                .contains(".material-symbols-rounded {")
                .contains("material-symbols-outlined.woff2")
                .doesNotContain("Inter");
        refused("https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap");
    }

    @Test
    void libraries_own_hosts_are_understood_with_substitution_recorded() {
        assertThat(served("https://code.jquery.com/jquery-3.6.0.min.js").substituted())
                .contains("library substituted: jquery@3.6.0 → jquery@3.7.1");
        assertThat(served("https://code.jquery.com/jquery-3.7.1.slim.min.js").substituted())
                .isEmpty();
        assertThat(served("https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js")
                        .substituted())
                .isEmpty();
        assertThat(served("https://cdn.plot.ly/plotly-latest.min.js").substituted())
                .contains("library substituted: plotly.js-dist-min@1.58.5 → plotly.js-dist-min@2.35.2");
        assertThat(served("https://cdn.plot.ly/plotly-2.35.2.min.js").substituted())
                .isEmpty();
        assertThat(served("https://cdn.babylonjs.com/babylon.js").body().length).isGreaterThan(1_000_000);
        assertThat(served("https://cdn.socket.io/4.7.5/socket.io.min.js").substituted())
                .isEmpty();
        assertThat(served("https://cdn.jsdelivr.net/gh/highlightjs/cdn-release@11.10.0/build/highlight.min.js")
                        .substituted())
                .isEmpty();
        assertThat(served("https://cdn.jsdelivr.net/npm/plotly.js-dist@2.35.2/plotly.js")
                        .substituted())
                .isEmpty();
    }

    @Test
    void version_forms_models_write_reach_the_kept_builds() {
        assertThat(served("https://cdn.jsdelivr.net/npm/alpinejs@3.x.x/dist/cdn.min.js")
                        .substituted())
                .isEmpty();
        assertThat(served("https://unpkg.com/lucide@latest").body().length).isGreaterThan(100_000);
        assertThat(served("https://unpkg.com/vue@3/dist/vue.global.js").substituted())
                .isEmpty();
        assertThat(text("https://unpkg.com/vue@3/dist/vue.esm-browser.js")).contains("export");
        assertThat(text("https://esm.sh/preact@10.24.3/hooks")).contains("hooks.module.js");
        assertThat(text("https://esm.sh/htm@3.1.1/preact/standalone")).contains("standalone.module.js");
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js")
                        .substituted())
                .isEmpty();
        assertThat(served("https://cdnjs.cloudflare.com/ajax/libs/animate.css/4.1.1/animate.min.css")
                        .contentType())
                .startsWith("text/css");
        assertThat(served("https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css")
                        .substituted())
                .contains("library substituted: bootstrap@5.3.2 → bootstrap@5.3.3");
        refused("https://unpkg.com/react@16.14.0/umd/react.production.min.js");
    }

    @Test
    void font_awesome_4_is_answered_from_cdnjs_jsdelivr_and_bootstrapcdn_with_its_font() {
        for (String url : List.of(
                "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/4.7.0/css/font-awesome.min.css",
                "https://cdn.jsdelivr.net/npm/font-awesome@4.7.0/css/font-awesome.min.css",
                "https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css",
                "https://stackpath.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.css")) {
            assertThat(text(url)).as(url).contains(".fa-heart:before").contains("fontawesome-webfont.woff2");
            assertThat(served(url).substituted()).as(url).isEmpty();
        }
        assertThat(served("https://cdn.jsdelivr.net/npm/font-awesome@4.7.0/fonts/fontawesome-webfont.woff2?v=4.7.0")
                        .contentType())
                .isEqualTo("font/woff2");
        // cdnjs names version 6 the same: it stays with @fortawesome's package
        assertThat(text("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.2/css/all.min.css"))
                .contains("fa-solid");
    }

    @Test
    void bootstrap_4_is_answered_from_bootstrapcdn_and_jsdelivr_with_its_nearest_version() {
        Resolution.Served css = served("https://stackpath.bootstrapcdn.com/bootstrap/4.5.2/css/bootstrap.min.css");
        assertThat(new String(css.body(), StandardCharsets.UTF_8)).contains("Bootstrap v4.6.2");
        assertThat(css.substituted()).contains("library substituted: bootstrap@4.5.2 → bootstrap@4.6.2");
        assertThat(text("https://cdn.jsdelivr.net/npm/bootstrap@4.6.2/dist/js/bootstrap.bundle.min.js"))
                .contains("Bootstrap v4.6.2");
        assertThat(text("https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css"))
                .contains("Bootstrap  v5.3.3");
    }

    @Test
    void firebase_compat_and_version_8_builds_are_classic_and_its_modules_share_one_app() {
        Resolution.Served compat = served("https://www.gstatic.com/firebasejs/9.22.0/firebase-app-compat.js");
        assertThat(compat.substituted()).contains("library substituted: firebase@9.22.0 → firebase@10.14.1");
        assertThat(new String(compat.body(), StandardCharsets.UTF_8)).contains(".firebase=");
        assertThat(text("https://www.gstatic.com/firebasejs/8.10.1/firebase-firestore.js"))
                .doesNotContain("export{", "export {");
        // the kept version's own URL is the module itself; any other is a re-export of it
        assertThat(text("https://www.gstatic.com/firebasejs/10.14.1/firebase-firestore.js"))
                .contains("from\"https://www.gstatic.com/firebasejs/10.14.1/firebase-app.js\"");
        assertThat(text("https://www.gstatic.com/firebasejs/10.7.1/firebase-app.js"))
                .isEqualTo("export * from \"https://www.gstatic.com/firebasejs/10.14.1/firebase-app.js\";\n");
        assertThat(text("https://cdn.jsdelivr.net/npm/firebase@10.14.1/firebase-auth.js"))
                .startsWith("export * from \"https://www.gstatic.com/firebasejs/10.14.1/firebase-auth.js\"");
    }
}
