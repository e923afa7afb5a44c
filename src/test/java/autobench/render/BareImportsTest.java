package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.BundledFiles;
import autobench.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BareImportsTest {
    static final UnaryOperator<String> URL = sub -> "https://cdn.jsdelivr.net/npm/three@0.160.1/" + sub;

    /** The expression the rewrite was first written as: the reference for what it must find. */
    static String reference(String module, String pkg, UnaryOperator<String> url) {
        Pattern p = Pattern.compile(
                "(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)([\"'])" + Pattern.quote(pkg) + "(/[^\"'\\s]*)?\\2");
        Matcher m = p.matcher(module);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sub = m.group(3) == null ? "" : m.group(3).substring(1);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + url.apply(sub) + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void the_import_forms_of_a_module_are_rewritten_and_nothing_else() {
        String module = """
                import * as THREE from 'three';
                import { OrbitControls } from "three/addons/controls/OrbitControls.js";
                import 'three/examples/jsm/libs/stats.module.js';
                const m = await import ( "three" );
                export { Vector3 } from'three';
                const s = "three"; // a string, not an import
                import x from 'three-stdlib';
                reimport 'three';
                import"three";
                """;
        assertThat(BareImports.rewrite(module, "three", URL)).isEqualTo("""
                import * as THREE from 'https://cdn.jsdelivr.net/npm/three@0.160.1/';
                import { OrbitControls } from "https://cdn.jsdelivr.net/npm/three@0.160.1/addons/controls/OrbitControls.js";
                import 'https://cdn.jsdelivr.net/npm/three@0.160.1/examples/jsm/libs/stats.module.js';
                const m = await import ( "https://cdn.jsdelivr.net/npm/three@0.160.1/" );
                export { Vector3 } from'https://cdn.jsdelivr.net/npm/three@0.160.1/';
                const s = "three"; // a string, not an import
                import x from 'three-stdlib';
                reimport 'three';
                import"three";
                """).isEqualTo(reference(module, "three", URL));
    }

    @Test
    void a_module_without_the_package_comes_back_as_the_same_string() {
        String module = "import { h } from 'preact'; export default h;";
        assertThat(BareImports.rewrite(module, "three", URL)).isSameAs(module);
    }

    static final List<String> PIECES = List.of(
            "from",
            "import",
            "Import",
            "from",
            "import",
            " ",
            "  ",
            "\n",
            "\t",
            "\u000B",
            "\u00A0",
            "(",
            ")",
            "\"",
            "'",
            "'",
            "\"",
            "three",
            "three",
            "three/",
            "/addons/x.js",
            "/",
            "x",
            "_",
            "$",
            "é",
            "\u0301",
            "\uD835\uDC00",
            "\uD835",
            "a\u0301",
            "_\u0301",
            "9",
            "-",
            "three-x",
            ";",
            "`",
            "re",
            "f",
            // whole imports, so that what may come before one is tried often
            "from'three'",
            "from \"three/addons/a.js\"",
            "import 'three'",
            "import(\"three\")",
            "import ( 'three/b' )");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void random_text_is_rewritten_exactly_as_the_expression_rewrites_it(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < 2_000; n++) {
            String module = Fuzz.pieces(r, PIECES, 30);
            StringBuilder calls = new StringBuilder(), expectedCalls = new StringBuilder();
            String got = BareImports.rewrite(module, "three", sub -> {
                calls.append('[').append(sub).append(']');
                return "U<" + sub + ">";
            });
            String want = reference(module, "three", sub -> {
                expectedCalls.append('[').append(sub).append(']');
                return "U<" + sub + ">";
            });
            assertThat(got).as("module %s", module).isEqualTo(want);
            assertThat(calls.toString()).as("asked for, in order").isEqualTo(expectedCalls.toString());
        }
    }

    /**
     * The bundled three.js modules of the version the prompt names, as the build left them in the
     * class path (one version: the reference expression takes a second for each).
     */
    @Test
    void every_bundled_module_is_rewritten_exactly_as_the_expression_rewrites_it() throws IOException {
        List<Path> modules = BundledFiles.where(p -> p.contains("three@0.160.1/") && p.endsWith(".js"));
        assertThat(modules).hasSizeGreaterThan(400);
        int rewritten = 0;
        for (Path p : modules) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String got = BareImports.rewrite(text, "three", URL);
            assertThat(got).as(p.toString()).isEqualTo(reference(text, "three", URL));
            if (!got.equals(text)) rewritten++;
        }
        assertThat(rewritten).as("modules that import three by name").isGreaterThan(200);
    }
}
