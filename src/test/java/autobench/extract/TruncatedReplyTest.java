package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TruncatedReplyTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Test
    void takes_unclosed_fence_of_truncated_reply() {
        String cut =
                "<!DOCTYPE html>\n<html><body><canvas></canvas>\n<script>\nfunction frame() { requestAnimationFrame(frame); }\nframe();\n";
        Extraction e = extractor.extract("Here is the page:\n```html\n" + cut, true);
        assertThat(e.runnable()).isTrue();
        assertThat(e.html()).startsWith("<!DOCTYPE html>").contains("frame();").endsWith("</script>\n");
        assertThat(e.assists())
                .containsExactly(
                        Assist.TRUNCATED_INPUT,
                        Assist.TOOK_FENCE,
                        Assist.TOOK_UNCLOSED_FENCE,
                        Assist.CLOSED_UNFINISHED_SCRIPT);
    }

    @Test
    void an_unclosed_fence_is_taken_even_when_the_provider_did_not_say_truncated() {
        Extraction e = extractor.extract("```html\n<!DOCTYPE html><html><body><script>go()</script></body></html>\n");
        assertThat(e.assists()).containsExactly(Assist.TOOK_FENCE, Assist.TOOK_UNCLOSED_FENCE);
    }

    @Test
    void a_truncated_reply_without_code_says_it_was_cut_off() {
        Extraction e = extractor.extract("Let me think about the design of this", true);
        assertThat(e.reason()).isEqualTo("no code found (the reply was cut off at the output limit)");
        assertThat(e.assists()).containsExactly(Assist.TRUNCATED_INPUT);
    }

    @Test
    void a_truncated_embedded_page_gets_its_script_closed() {
        Extraction e = extractor.extract("<!DOCTYPE html><html><body><script>\nlet t = 0;\n", true);
        assertThat(e.html()).endsWith("</script>\n");
        assertThat(e.assists())
                .containsExactly(Assist.TRUNCATED_INPUT, Assist.TOOK_EMBEDDED_HTML, Assist.CLOSED_UNFINISHED_SCRIPT);
    }

    @Test
    void the_interface_default_marks_truncation_for_any_extractor() {
        Extractor plain = reply -> new Extraction("<p>" + reply + "</p>", List.of(Assist.WRAPPED_FRAGMENT), null);
        assertThat(plain.extract("x", true).assists()).containsExactly(Assist.TRUNCATED_INPUT, Assist.WRAPPED_FRAGMENT);
        assertThat(plain.extract("x", false).assists()).containsExactly(Assist.WRAPPED_FRAGMENT);
    }
}
