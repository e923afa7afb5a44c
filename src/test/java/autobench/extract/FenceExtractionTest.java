package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FenceExtractionTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>t</title></head>
            <body><canvas id="c"></canvas>
            <script>const ctx = c.getContext('2d'); requestAnimationFrame(function f(){ requestAnimationFrame(f); });</script>
            </body></html>""";

    @Test
    void takes_the_page_from_a_single_html_fence_and_drops_the_prose() {
        Extraction e = extractor.extract("Here is your page:\n\n```html\n" + PAGE + "\n```\n\nEnjoy!");
        assertThat(e.html()).isEqualTo(PAGE);
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE);
        assertThat(e.reason()).isNull();
    }

    @Test
    void takes_tilde_fences_and_fences_without_a_language_tag() {
        assertThat(extractor.extract("~~~html\n" + PAGE + "\n~~~").html()).isEqualTo(PAGE);
        assertThat(extractor.extract("```\n" + PAGE + "\n```").html()).isEqualTo(PAGE);
        assertThat(extractor.extract("```HTML index.html\n" + PAGE + "\n```").html())
                .isEqualTo(PAGE);
    }

    @Test
    void takes_a_page_even_under_a_wrong_language_tag() {
        assertThat(extractor.extract("```javascript\n" + PAGE + "\n```").html()).isEqualTo(PAGE);
    }

    @Test
    void stitches_separate_html_css_and_js_fences_into_one_document() {
        String reply = """
                Three files:
                ```html
                <!DOCTYPE html>
                <html><head><title>t</title></head><body><canvas id="c"></canvas></body></html>
                ```
                ```css
                body { margin: 0; background: #123; }
                ```
                ```js
                const ctx = document.getElementById('c').getContext('2d');
                ```
                """;
        Extraction e = extractor.extract(reply);
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE, Assist.STITCHED_FENCES);
        String html = e.html();
        assertThat(html.indexOf("<style>")).isBetween(html.indexOf("<head>"), html.indexOf("</head>"));
        assertThat(html).contains("background: #123;");
        assertThat(html.indexOf("getContext")).isBetween(html.indexOf("<canvas"), html.indexOf("</body>"));
    }

    @Test
    void inlines_fences_where_the_page_loads_local_files() {
        String reply = """
                ```html
                <!DOCTYPE html><html><head><link rel="stylesheet" href="style.css"></head>
                <body><canvas id="c"></canvas><script src="app.js"></script><p>after</p></body></html>
                ```
                ```css
                canvas { display: block; }
                ```
                ```javascript
                console.log('app');
                ```
                """;
        String html = extractor.extract(reply).html();
        assertThat(html).doesNotContain("style.css").doesNotContain("app.js");
        assertThat(html.indexOf("canvas { display: block; }")).isLessThan(html.indexOf("</head>"));
        assertThat(html.indexOf("console.log('app')")).isLessThan(html.indexOf("<p>after</p>"));
    }

    @Test
    void moves_a_deferred_local_script_to_the_end_of_the_body() {
        String reply =
                "```html\n<html><head><script src=\"main.js\" defer></script></head><body><canvas></canvas></body></html>\n```\n"
                        + "```js\nconsole.log(1);\n```";
        String html = extractor.extract(reply).html();
        assertThat(html).doesNotContain("main.js");
        assertThat(html.indexOf("console.log(1)")).isBetween(html.indexOf("<canvas>"), html.indexOf("</body>"));
    }

    @Test
    void keeps_external_script_src_tags() {
        String page =
                "<!DOCTYPE html><html><head><script src=\"https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js\"></script>"
                        + "</head><body><script>function setup(){createCanvas(400,400)}</script></body></html>";
        String cdn = "<script src=\"https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js\"></script>";
        assertThat(extractor.extract("```html\n" + page + "\n```").html()).contains(cdn);
        assertThat(extractor.extract("Here:\n" + page + "\nDone.").html()).contains(cdn);
        String fragment = "```html\n" + cdn + "\n<script>function setup(){createCanvas(400,400)}</script>\n```";
        assertThat(extractor.extract(fragment).html()).contains(cdn);
        String stitched = "```html\n<html><head>" + cdn
                + "</head><body></body></html>\n```\n```js\nfunction setup(){ createCanvas(9,9); }\n```";
        assertThat(extractor.extract(stitched).html()).contains(cdn).contains("createCanvas(9,9)");
    }

    @Test
    void picks_the_last_of_several_full_documents_and_says_so() {
        String first = PAGE.replace("<title>t</title>", "<title>first</title>");
        String second = PAGE.replace("<title>t</title>", "<title>second, improved</title>");
        Extraction e = extractor.extract("```html\n" + first + "\n```\nBetter:\n```html\n" + second + "\n```");
        assertThat(e.html()).contains("second, improved");
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE, Assist.PICKED_ONE_OF_SEVERAL_DOCUMENTS);
    }

    @Test
    void picks_the_largest_document_when_the_last_is_a_short_sketch() {
        String sketch = "<!DOCTYPE html><html><body>sketch</body></html>";
        Extraction e =
                extractor.extract("```html\n" + PAGE + "\n```\nA minimal variant:\n```html\n" + sketch + "\n```");
        assertThat(e.html()).isEqualTo(PAGE);
    }

    @Test
    void does_not_stitch_a_snippet_the_page_already_contains() {
        String reply = "```html\n" + PAGE
                + "\n```\nThe key line:\n```js\nconst ctx = c.getContext('2d'); requestAnimationFrame(function f(){ requestAnimationFrame(f); });\n```";
        Extraction e = extractor.extract(reply);
        assertThat(e.html()).isEqualTo(PAGE);
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE);
    }

    @Test
    void wraps_a_lone_javascript_fence_and_adds_the_canvas_it_looks_for() {
        String js =
                "const ctx = document.getElementById('stage').getContext('2d');\nfunction loop(){ requestAnimationFrame(loop); }\nloop();";
        Extraction e = extractor.extract("```js\n" + js + "\n```");
        assertThat(e.html())
                .startsWith("<!DOCTYPE html>")
                .contains("<canvas id=\"stage\"></canvas>")
                .contains(js);
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE, Assist.WRAPPED_FRAGMENT, Assist.ADDED_CANVAS);
    }

    @Test
    void stitches_fragment_css_and_js_fences_into_a_minimal_page() {
        String reply =
                "```html\n<canvas id=\"c\"></canvas>\n```\n```css\ncanvas { width: 100%; }\n```\n```js\nconst x = c.getContext('2d');\n```";
        Extraction e = extractor.extract(reply);
        assertThat(e.assists()).containsExactly(Assist.STITCHED_FENCES, Assist.WRAPPED_FRAGMENT);
        assertThat(e.html())
                .contains("<canvas id=\"c\"></canvas>")
                .contains("canvas { width: 100%; }")
                .doesNotContain("<canvas></canvas>");
    }

    @Test
    void ignores_a_backtick_line_that_is_inline_code_not_a_fence() {
        String reply = "Use ```html``` blocks.\n```html\n" + PAGE + "\n```";
        assertThat(extractor.extract(reply).html()).isEqualTo(PAGE);
    }

    @Test
    void a_longer_fence_holds_shorter_fences_inside_it() {
        String md =
                "````html\n<!DOCTYPE html><html><body><pre>\n```\nnot a fence end\n```\n</pre><script>x()</script></body></html>\n````";
        assertThat(extractor.extract(md).html()).contains("not a fence end").endsWith("</html>");
    }
}
