package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProseExtractionTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Test
    void takes_a_page_written_into_the_prose_without_fences() {
        String page =
                "<!doctype html>\n<html><body><canvas></canvas><script>let a = '</html>'; go();</script></body></html>";
        Extraction e = extractor.extract("Sure! Below is the page.\n\n" + page + "\n\nLet me know what you think.");
        assertThat(e.html()).isEqualTo(page);
        assertThat(e.assists()).containsExactly(Assist.TOOK_EMBEDDED_HTML);
    }

    @Test
    void takes_an_html_element_page_without_a_doctype() {
        String page = "<html><body><script>go()</script></body></html>";
        assertThat(extractor.extract("Here: " + page + " (done)").html()).isEqualTo(page);
    }

    @Test
    void wraps_a_lone_canvas_and_script_fragment_in_a_minimal_page() {
        String fragment = "<canvas id=\"c\"></canvas>\n<script>\nconst g = c.getContext('2d');\n</script>";
        Extraction e = extractor.extract("Put this in a page:\n" + fragment + "\nThat's all.");
        assertThat(e.assists()).containsExactly(Assist.WRAPPED_FRAGMENT);
        assertThat(e.html()).startsWith("<!DOCTYPE html>").contains(fragment).doesNotContain("That's all");
    }

    @Test
    void wraps_bare_javascript_written_as_text() {
        String js = """
                const canvas = document.getElementById('art');
                const ctx = canvas.getContext('2d');
                function draw() {
                  ctx.fillRect(0, 0, 10, 10);
                  requestAnimationFrame(draw);
                }
                draw();""";
        Extraction e = extractor.extract("Here is the script:\n\n" + js + "\n\nIt draws a square.");
        assertThat(e.assists()).containsExactly(Assist.WRAPPED_FRAGMENT, Assist.ADDED_CANVAS);
        assertThat(e.html())
                .contains("<canvas id=\"art\"></canvas>")
                .contains(js)
                .doesNotContain("It draws");
    }

    @Test
    void marks_python_reply_as_not_runnable_with_reason() {
        Extraction e = extractor.extract("Here you go:\n```python\nimport pygame\npygame.init()\n```");
        assertThat(e.runnable()).isFalse();
        assertThat(e.reason()).isEqualTo("reply contains python code, not web code");
    }

    @Test
    void recognises_untagged_and_unfenced_python() {
        String py = "import math\n\ndef draw(t):\n    return math.sin(t)\n\nif __name__ == '__main__':\n    draw(1)\n";
        assertThat(extractor.extract("```\n" + py + "```").reason())
                .isEqualTo("reply contains python code, not web code");
        assertThat(extractor.extract(py).reason()).isEqualTo("reply contains python code, not web code");
    }

    @Test
    void names_every_non_web_language_in_the_reason() {
        Extraction e = extractor.extract("```python\nprint(1)\n```\n```bash\npython3 app.py\n```");
        assertThat(e.reason()).isEqualTo("reply contains python and shell code, not web code");
    }

    @Test
    void marks_an_empty_reply_as_empty() {
        assertThat(extractor.extract("").reason()).isEqualTo("reply is empty");
        assertThat(extractor.extract("  \n\t ").reason()).isEqualTo("reply is empty");
        assertThat(extractor.extract(null).reason()).isEqualTo("reply is empty");
    }

    @Test
    void marks_prose_without_code_as_no_code_found() {
        Extraction e = extractor.extract("I'm sorry, but I can't help with building a <canvas> page right now.");
        assertThat(e.runnable()).isFalse();
        assertThat(e.reason()).isEqualTo("no code found");
    }

    @Test
    void a_stylesheet_alone_is_not_runnable() {
        assertThat(extractor.extract("```css\nbody { color: red; }\n```").reason())
                .contains("only CSS");
    }
}
