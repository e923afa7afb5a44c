package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostileReplyTest {
    private static final int TEN_MB = 10 * 1024 * 1024;
    private final HtmlExtractor extractor = new HtmlExtractor();

    private static String repeat(String unit) {
        return unit.repeat(TEN_MB / unit.length() + 1);
    }

    /** Shapes that make naive scanners (or backtracking regexes) quadratic. */
    static Stream<Arguments> hugeReplies() {
        return Stream.<Supplier<String>>of(
                        () -> "```html\n<!DOCTYPE html><html><body><script>\n" + repeat("let a = 1;\n")
                                + "</script></body></html>\n```",
                        () -> repeat("`"),
                        () -> repeat("```\n"),
                        () -> repeat("````js\n```\n"),
                        () -> "x\n" + repeat("<think>\n"),
                        () -> repeat("</think"),
                        () -> repeat("<!doctype html><html>"),
                        () -> repeat("<script src=\"a.js\" "),
                        () -> repeat("<script>"),
                        () -> "```html\n<html><head><link rel=stylesheet href=a.css>"
                                + repeat("<script src=b.js></script>") + "\n```\n```css\nx{y:z}\n```",
                        () -> repeat("const a = 1;\nprose line\n"),
                        () -> repeat("a"))
                .map(s -> Arguments.of(s.get()));
    }

    @ParameterizedTest
    @MethodSource("hugeReplies")
    void ten_megabyte_reply_is_extracted_quickly(String reply) {
        assertThat(reply.length()).isGreaterThanOrEqualTo(TEN_MB);
        Extraction e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> extractor.extract(reply));
        assertThat(e.runnable() || e.reason() != null).isTrue();
    }

    @Test
    void escapes_closing_script_tag_inside_javascript_strings_when_wrapping() {
        String js =
                "const tag = '</script><script>alert(1)</script>';\nconst note = '<!-- not a comment';\ndocument.body.append(tag);";
        Extraction e = extractor.extract("```js\n" + js + "\n```");
        String html = e.html();
        assertThat(html).contains("'<\\/script><script>alert(1)<\\/script>'").contains("'<\\!-- not a comment'");
        assertThat(html.indexOf("</script>")).isEqualTo(html.lastIndexOf("</script>"));
        assertThat(e.assists()).contains(Assist.ESCAPED_CLOSING_TAGS);
    }

    @Test
    void backtick_heavy_javascript_inside_a_longer_fence_survives_whole() {
        String js = "const md = `\n```\ncode\n```\n`;\nconst t = `a ${`b ${`c`}`}`;\ndocument.title = md + t;";
        Extraction e = extractor.extract("````javascript\n" + js + "\n````");
        assertThat(e.html()).contains(js);
    }

    @Test
    void deeply_nested_reasoning_and_fences_do_not_confuse_the_scanner() {
        String nested = "<think>".repeat(1000) + "x" + "</think>".repeat(1000);
        Extraction e = extractor.extract(
                nested + "\n```html\n<!DOCTYPE html><html><body><script>ok()</script></body></html>\n```");
        assertThat(e.runnable()).isTrue();
        assertThat(e.html()).contains("ok()");
    }
}
