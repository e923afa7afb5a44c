package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replies generated from a seed in every shape models use; each must extract to the same program. */
class GeneratedReplyShapesTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    enum Shape {
        PROSE_FENCE,
        TILDE_UNTAGGED,
        SEPARATE_FENCES,
        THINK_THEN_FENCE,
        BARE_DOCUMENT,
        FRAGMENT,
        SCRIPT_ONLY,
        TRUNCATED,
        PYTHON,
        PROSE_ONLY
    }

    private static final List<String> INTROS = List.of(
            "Here is the program.",
            "Sure! Below is a complete page:",
            "This draws the scene with `requestAnimationFrame` and a ```canvas``` element.",
            "Okay.",
            "");
    private static final List<String> OUTROS = List.of(
            "Open it in a browser.",
            "Click to interact; press a key to reset.",
            "Let me know if you'd like changes!",
            "");

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_generated_reply_shape_extracts_its_program(long seed) {
        Random rnd = new Random(seed);
        Shape shape = Shape.values()[(int) (seed % Shape.values().length)];
        String mark = Long.toString(Math.abs(rnd.nextLong()), 36);
        String css = "/* css-" + mark + " */\nbody { margin: 0; background: #" + (100 + rnd.nextInt(800)) + "; }";
        String canvas = "<canvas id=\"c" + mark + "\"></canvas>";
        String js = "// js-" + mark + "\nconst ctx = document.getElementById('c" + mark + "').getContext('2d');\n"
                + "let t = " + rnd.nextInt(100)
                + ";\nfunction frame() {\n  t += 1;\n  ctx.fillRect(t % 50, 10, 5, 5);\n"
                + "  requestAnimationFrame(frame);\n}\n" + (rnd.nextBoolean() ? "const s = '</script>';\n" : "")
                + "frame();";
        String doc = "<!DOCTYPE html>\n<html>\n<head>\n<style>\n" + css + "\n</style>\n</head>\n<body>\n" + canvas
                + "\n<script>\n" + js.replace("</script>", "<\\/script>") + "\n</script>\n</body>\n</html>";
        String intro = pick(rnd, INTROS);
        String outro = pick(rnd, OUTROS);
        String tag = pick(rnd, List.of("html", "HTML", "html5"));
        String reply = switch (shape) {
            case PROSE_FENCE -> intro + "\n\n```" + tag + "\n" + doc + "\n```\n\n" + outro;
            case TILDE_UNTAGGED -> intro + "\n  ~~~~\n" + doc + "\n  ~~~~\n" + outro;
            case SEPARATE_FENCES -> {
                boolean localRefs = rnd.nextBoolean();
                String skeleton = "<!DOCTYPE html>\n<html>\n<head>\n"
                        + (localRefs ? "<link rel=\"stylesheet\" href=\"style.css\">\n" : "") + "</head>\n<body>\n"
                        + canvas + "\n" + (localRefs ? "<script src=\"app.js\"></script>\n" : "") + "</body>\n</html>";
                String cssFence = "**style.css**\n```css\n" + css + "\n```\n";
                String jsFence = "**app.js**\n```" + pick(rnd, List.of("js", "javascript", "JavaScript")) + "\n" + js
                        + "\n```\n";
                yield intro + "\n```html\n" + skeleton + "\n```\n"
                        + (rnd.nextBoolean() ? cssFence + jsFence : jsFence + cssFence) + outro;
            }
            case THINK_THEN_FENCE ->
                "<" + pick(rnd, List.of("think", "thinking"))
                        + ">\nDraft:\n```html\n<!DOCTYPE html><html><body>DECOY</body></html>\n```\n</" + "THINK_TAG>\n"
                        + intro + "\n```html\n" + doc + "\n```\n" + outro;
            case BARE_DOCUMENT -> intro + "\n\n" + doc + "\n\n" + outro;
            case FRAGMENT ->
                intro + "\n" + canvas + "\n<style>\n" + css + "\n</style>\n<script>\n"
                        + js.replace("</script>", "<\\/script>") + "\n</script>\n" + outro;
            case SCRIPT_ONLY -> intro + "\n```js\n" + js + "\n```\n" + outro;
            case TRUNCATED -> intro + "\n```html\n" + doc.substring(0, doc.indexOf("frame();"));
            case PYTHON -> intro + "\n```python\nimport pygame\n\ndef main():\n    pygame.init()\n```\n" + outro;
            case PROSE_ONLY -> "I would rather describe it: a canvas with moving dots. " + outro;
        };
        if (shape == Shape.THINK_THEN_FENCE)
            reply = reply.replace("THINK_TAG", reply.startsWith("<thinking>") ? "thinking" : "think");
        if (rnd.nextInt(4) == 0) reply = reply.replace("\n", "\r\n");

        Extraction e = extractor.extract(reply, shape == Shape.TRUNCATED);

        switch (shape) {
            case PYTHON -> assertThat(e.reason()).isEqualTo("reply contains python code, not web code");
            case PROSE_ONLY -> assertThat(e.reason()).isEqualTo("no code found");
            default -> {
                assertThat(e.reason()).isNull();
                assertThat(e.html())
                        .contains("c" + mark + "\"></canvas>")
                        .contains("// js-" + mark)
                        .doesNotContain("DECOY");
                if (shape != Shape.SCRIPT_ONLY) assertThat(e.html()).contains("/* css-" + mark + " */");
                assertThat(e.html().indexOf("// js-" + mark))
                        .isGreaterThan(e.html().indexOf("<canvas"));
                assertThat(e.html()).doesNotContain("src=\"app.js\"").doesNotContain("'</script>'");
            }
        }
        assertThat(e.assists()).startsWith(expectedFirst(shape));
        if (shape == Shape.SEPARATE_FENCES) assertThat(e.assists()).contains(Assist.STITCHED_FENCES);
        if (shape == Shape.TRUNCATED)
            assertThat(e.assists()).contains(Assist.TOOK_UNCLOSED_FENCE, Assist.CLOSED_UNFINISHED_SCRIPT);
    }

    private static Assist[] expectedFirst(Shape shape) {
        return switch (shape) {
            case PROSE_FENCE, TILDE_UNTAGGED, SEPARATE_FENCES, SCRIPT_ONLY -> new Assist[] {Assist.TOOK_FENCE};
            case THINK_THEN_FENCE -> new Assist[] {Assist.STRIPPED_REASONING, Assist.TOOK_FENCE};
            case BARE_DOCUMENT -> new Assist[] {Assist.TOOK_EMBEDDED_HTML};
            case FRAGMENT -> new Assist[] {Assist.WRAPPED_FRAGMENT};
            case TRUNCATED -> new Assist[] {Assist.TRUNCATED_INPUT, Assist.TOOK_FENCE};
            case PYTHON, PROSE_ONLY -> new Assist[] {};
        };
    }

    private static String pick(Random rnd, List<String> options) {
        return options.get(rnd.nextInt(options.size()));
    }
}
