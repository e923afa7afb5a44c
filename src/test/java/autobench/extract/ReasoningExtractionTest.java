package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasoningExtractionTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    private static final String PAGE =
            "<!DOCTYPE html>\n<html><body><canvas></canvas><script>requestAnimationFrame(()=>{})</script></body></html>";
    private static final String DRAFT =
            "```html\n<!DOCTYPE html><html><body>DRAFT draft draft draft draft draft draft draft draft "
                    + "draft draft draft draft draft draft draft draft draft draft draft draft draft</body></html>\n```";

    @Test
    void strips_think_block_before_taking_fence() {
        Extraction e = extractor.extract(
                "<think>\nLet me plan.\n" + DRAFT + "\n</think>\n\nHere it is:\n```html\n" + PAGE + "\n```");
        assertThat(e.html()).isEqualTo(PAGE);
        assertThat(e.assists()).containsExactly(Assist.STRIPPED_REASONING, Assist.TOOK_FENCE);
    }

    @Test
    void strips_thinking_and_reasoning_blocks_in_any_case() {
        String reply =
                "<Thinking>plan A</Thinking>\n<reasoning>\n" + DRAFT + "\n</reasoning>\n```html\n" + PAGE + "\n```";
        Extraction e = extractor.extract(reply);
        assertThat(e.html()).isEqualTo(PAGE);
        assertThat(e.assists()).startsWith(Assist.STRIPPED_REASONING);
    }

    @Test
    void strips_reasoning_when_the_template_opened_the_block_and_the_reply_only_closes_it() {
        Extraction e = extractor.extract("I should draw circles.\n" + DRAFT + "\n</think>\n" + PAGE);
        assertThat(e.html()).isEqualTo(PAGE);
        assertThat(e.assists()).containsExactly(Assist.STRIPPED_REASONING, Assist.TOOK_EMBEDDED_HTML);
    }

    @Test
    void an_unclosed_leading_think_block_is_all_reasoning() {
        Extraction e = extractor.extract("<think>\nThe user wants a page.\n" + DRAFT + "\nNow I will");
        assertThat(e.runnable()).isFalse();
        assertThat(e.reason()).isEqualTo("reply contains only reasoning, no answer");
        assertThat(e.assists()).containsExactly(Assist.STRIPPED_REASONING);
    }

    @Test
    void leaves_a_think_tag_inside_the_answers_code_alone() {
        String page =
                "<!DOCTYPE html>\n<html><body><script>\nconst s = `\n<think>keep me</think>`;\n</script></body></html>";
        Extraction e = extractor.extract("```html\n" + page + "\n```");
        assertThat(e.html()).isEqualTo(page);
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE);
    }

    @Test
    void a_thinking_block_in_the_middle_of_the_prose_is_removed() {
        String reply = "Sure.\n<thinking>maybe use " + DRAFT + "</thinking>\nFinal:\n```html\n" + PAGE + "\n```";
        assertThat(extractor.extract(reply).html()).isEqualTo(PAGE);
    }
}
