package autobench.provider.demo;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Prompt;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoProviderTest {

    private static Completion.Answered answer(String model, Prompt prompt) {
        return (Completion.Answered) DemoPrompts.provider(model).complete(prompt);
    }

    @Test
    void offers_four_demo_styles() {
        assertThat(DemoProvider.STYLES).containsExactly("demo-orbit", "demo-grid", "demo-waves", "demo-blocks");
    }

    @Test
    void is_deterministic_for_the_same_prompt_and_model() {
        for (Prompt p : DemoPrompts.seeded(7, 20)) {
            for (String style : DemoProvider.STYLES) {
                assertThat(answer(style, p))
                        .isEqualTo(DemoPrompts.provider(style).complete(p));
            }
        }
    }

    @Test
    void differs_across_styles_for_one_task() {
        Prompt p = DemoPrompts.seeded(1, 1).get(0);
        Set<String> programs = new HashSet<>();
        for (String style : DemoProvider.STYLES)
            programs.add(
                    Program.write(Style.forModel(style), "T", new Random(1)).js());
        assertThat(programs).hasSize(4);
        Set<String> replies = new HashSet<>();
        for (String style : DemoProvider.STYLES) replies.add(answer(style, p).text());
        assertThat(replies).hasSize(4);
    }

    @Test
    void differs_across_tasks_for_one_style() {
        for (String style : DemoProvider.STYLES) {
            Set<String> replies = new HashSet<>();
            for (Prompt p : DemoPrompts.seeded(3, 10))
                replies.add(answer(style, p).text());
            assertThat(replies).as(style).hasSize(10);
        }
    }

    @Test
    void labels_itself_as_a_demo_not_an_ai_model() {
        for (Prompt p : DemoPrompts.seeded(11, 24)) {
            Completion.Answered a = answer("demo-waves", p);
            assertThat(a.modelVersion()).isEqualTo("demo-1 (not an AI model)");
            assertThat(a.text()).startsWith("_Demo reply from `demo-waves`: written by a script, not an AI model._");
            assertThat(a.raw()).contains("\"provider\":\"demo\"").contains("not an AI model");
        }
        assertThat(Program.write(Style.GRID, "T", new Random(2)).document()).contains("not an AI model");
    }

    @Test
    void usage_is_about_four_characters_per_token_and_finish_is_stop() {
        Prompt p = DemoPrompts.seeded(5, 1).get(0);
        Completion.Answered a = answer("demo-orbit", p);
        assertThat(a.finish()).isEqualTo(Finish.STOP);
        assertThat(a.usage().outputTokens())
                .isBetween(a.text().length() / 4L, a.text().length() / 4L + 1);
        assertThat(a.usage().inputTokens())
                .isEqualTo((p.system().length() + 3) / 4 + (p.user().length() + 3) / 4);
        assertThat(a.reasoning()).isEmpty();
    }

    @Test
    void shows_the_task_title_from_the_prompt_heading_and_escapes_it() {
        String title = "Bouncing <script>alert(1)</script> & Friends";
        Program program = Program.write(Style.BLOCKS, Program.titleOf("# " + title + "\n\nMore text"), new Random(4));
        assertThat(program.document())
                .contains("<h1>Bouncing &lt;script&gt;alert(1)&lt;/script&gt; &amp; Friends</h1>")
                .doesNotContain("<script>alert(1)");
        assertThat(program.js()).contains("const WORD = \"BOUNCING\";");
    }

    @Test
    void falls_back_gracefully_when_the_prompt_has_no_heading() {
        assertThat(Program.titleOf("Make a clock.\nDetails")).isEqualTo("Make a clock.");
        assertThat(Program.titleOf("  \n## Spaced Title  \n")).isEqualTo("Spaced Title");
        assertThat(Program.titleOf("   ")).isEqualTo("Untitled task");
        assertThat(Program.titleOf("#\n#")).isEqualTo("Untitled task");
        assertThat(Program.titleOf("x".repeat(300))).hasSizeLessThanOrEqualTo(80);
    }

    @Test
    void any_model_name_gets_a_style() {
        assertThat(answer("my-own-demo", DemoPrompts.seeded(9, 1).get(0)).text())
                .contains("my-own-demo");
        assertThat(Style.forModel("demo-grid")).isEqualTo(Style.GRID);
    }

    @Test
    void programs_are_one_file_of_60_to_200_lines_that_animate_react_and_use_math_random() {
        for (Style style : Style.values()) {
            for (int seed = 0; seed < 20; seed++) {
                String doc =
                        Program.write(style, "Task " + seed, new Random(seed)).document();
                assertThat(doc.lines().count()).as(style + " " + seed).isBetween(60L, 200L);
                assertThat(doc)
                        .contains(
                                "<canvas id=\"stage\">",
                                "requestAnimationFrame(loop)",
                                "Math.random()",
                                "'pointerdown'",
                                "'pointermove'",
                                "'keydown'",
                                "<h1>Task " + seed + "</h1>");
                assertThat(doc).doesNotContain("{{").doesNotContain("src=").doesNotContain("http");
            }
        }
    }
}
