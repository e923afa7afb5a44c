package autobench.provider.demo;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.extract.Assist;
import autobench.extract.Extraction;
import autobench.extract.HtmlExtractor;
import autobench.provider.Completion;
import autobench.provider.Prompt;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo's replies, run through the real extractor: every form turns up and each extracts as intended. */
class DemoRepliesExtractTest {
    private static final List<Prompt> PROMPTS = DemoPrompts.seeded(2024, 200);
    private final HtmlExtractor extractor = new HtmlExtractor();

    static List<String> styles() {
        return DemoProvider.STYLES;
    }

    @ParameterizedTest
    @MethodSource("styles")
    void every_reply_shape_occurs_across_200_seeded_prompts(String style) {
        DemoProvider provider = DemoPrompts.provider(style);
        Set<ReplyShape> seen = EnumSet.noneOf(ReplyShape.class);
        for (Prompt p : PROMPTS) seen.add(provider.shapeFor(p));
        assertThat(seen).containsExactlyInAnyOrder(ReplyShape.values());
    }

    @ParameterizedTest
    @MethodSource("styles")
    void each_runnable_reply_extracts_to_a_canvas_page_with_requestAnimationFrame(String style) {
        DemoProvider provider = DemoPrompts.provider(style);
        for (Prompt p : PROMPTS) {
            ReplyShape shape = provider.shapeFor(p);
            if (shape == ReplyShape.NOT_RUNNABLE) continue;
            Extraction e = extractor.extract(((Completion.Answered) provider.complete(p)).text());
            assertThat(e.runnable()).as(shape.name()).isTrue();
            assertThat(e.html())
                    .startsWith("<!DOCTYPE html>")
                    .endsWith("</html>")
                    .contains(
                            "<canvas id=\"stage\"></canvas>",
                            "requestAnimationFrame(loop)",
                            "<h1>" + Program.titleOf(p.user()) + "</h1>")
                    .doesNotContain("sketch.js", "style.css", "<think>", "```");
            assertThat(e.assists())
                    .containsExactlyElementsOf(
                            switch (shape) {
                                case PROSE_AND_FENCE -> List.of(Assist.TOOK_FENCE);
                                case SEVERAL_FENCES -> List.of(Assist.TOOK_FENCE, Assist.STITCHED_FENCES);
                                case THINK_THEN_FENCE -> List.of(Assist.STRIPPED_REASONING, Assist.TOOK_FENCE);
                                case BARE_DOCUMENT -> List.of(Assist.TOOK_EMBEDDED_HTML);
                                case NOT_RUNNABLE -> List.of();
                            });
            int canvas = e.html().indexOf("<canvas");
            assertThat(e.html().indexOf("const ctx")).isGreaterThan(canvas);
        }
    }

    @ParameterizedTest
    @MethodSource("styles")
    void the_not_runnable_shape_is_reported_as_not_runnable_by_the_extractor(String style) {
        DemoProvider provider = DemoPrompts.provider(style);
        int seen = 0;
        for (Prompt p : PROMPTS) {
            if (provider.shapeFor(p) != ReplyShape.NOT_RUNNABLE) continue;
            seen++;
            Extraction e = extractor.extract(((Completion.Answered) provider.complete(p)).text());
            assertThat(e.runnable()).isFalse();
            assertThat(e.reason()).isIn("reply contains python code, not web code", "no code found");
        }
        assertThat(seen).isGreaterThan(0);
    }
}
