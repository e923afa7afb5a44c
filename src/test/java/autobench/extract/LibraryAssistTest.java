package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryAssistTest {
    private final HtmlExtractor extractor = new HtmlExtractor();
    private static final String P5 = "https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js";

    @Test
    void loads_p5_for_a_bare_p5_sketch() {
        Extraction e = extractor.extract(
                "```javascript\nfunction setup() {\n  createCanvas(400, 400);\n}\nfunction draw() {\n  circle(200, 200, 50);\n}\n```");
        assertThat(e.html()).contains("<script src=\"" + P5 + "\"></script>").doesNotContain("<canvas");
        assertThat(e.html().indexOf(P5)).isLessThan(e.html().indexOf("function setup"));
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE, Assist.WRAPPED_FRAGMENT, Assist.ADDED_LIBRARY);
    }

    @Test
    void does_not_load_a_library_the_fragment_already_loads() {
        String fragment = "```html\n<script src=\"https://unpkg.com/p5@1.9.4/lib/p5.min.js\"></script>\n"
                + "<script>function setup(){ createCanvas(100, 100); }</script>\n```";
        Extraction e = extractor.extract(fragment);
        assertThat(e.html()).doesNotContain(P5);
        assertThat(e.assists()).doesNotContain(Assist.ADDED_LIBRARY);
    }

    @Test
    void leaves_a_whole_page_loading_what_the_model_chose() {
        String page = "<!DOCTYPE html><html><body><script>const scene = new THREE.Scene();</script></body></html>";
        assertThat(extractor.extract("```html\n" + page + "\n```").html()).isEqualTo(page);
    }

    @Test
    void loads_three_js_for_a_bare_three_script() {
        Extraction e = extractor.extract(
                "```js\nconst scene = new THREE.Scene();\nconst r = new THREE.WebGLRenderer();\ndocument.body.appendChild(r.domElement);\n```");
        assertThat(e.html()).contains("https://cdn.jsdelivr.net/npm/three@0.158.0/build/three.min.js");
    }

    @Test
    void wraps_an_es_module_script_as_a_module() {
        Extraction e = extractor.extract(
                "```js\nimport * as THREE from 'https://cdn.jsdelivr.net/npm/three@0.158.0/build/three.module.js';\nconsole.log(THREE);\n```");
        assertThat(e.html()).contains("<script type=\"module\">\nimport * as THREE");
    }
}
