package autobench.task;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.runtime.Libraries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PromptFormatTest {
    private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. \\S");

    static Stream<LocalDate> days() {
        return LongStream.range(0, 40).mapToObj(i -> LocalDate.of(2026, 1, 1).plusDays(i * 37));
    }

    /** Checks one prompt against the promised shape; shared with the LLM generator's tests. */
    static void assertWellFormed(TaskSpec task, int minRequirements, int maxRequirements) {
        String p = task.prompt();
        assertThat(p.lines().findFirst()).hasValue("# " + task.title());
        String requirements =
                p.substring(p.indexOf(PromptFormat.REQUIREMENTS_HEADING), p.indexOf(PromptFormat.RUNTIME_HEADING));
        List<Integer> numbers = new ArrayList<>();
        Matcher m = NUMBERED.matcher(requirements);
        while (m.find()) numbers.add(Integer.parseInt(m.group(1)));
        assertThat(numbers).hasSizeBetween(minRequirements, maxRequirements);
        for (int i = 0; i < numbers.size(); i++) assertThat(numbers.get(i)).isEqualTo(i + 1);
        assertThat(p.substring(p.indexOf(PromptFormat.RUNTIME_HEADING))).isEqualTo(PromptFormat.runtime());
        assertThat(p).doesNotContain("{subject}", "{twist}");
    }

    @ParameterizedTest
    @MethodSource("days")
    void library_prompts_have_a_title_line_5_to_8_numbered_requirements_and_the_runtime(LocalDate day) {
        for (TaskSpec t : new BuiltinLibrary().generate(day, 3, List.of()).tasks()) assertWellFormed(t, 5, 8);
    }

    @Test
    void runtime_section_states_every_rule_and_every_allowed_library_url() {
        String runtime = PromptFormat.runtime();
        assertThat(runtime)
                .contains(
                        "one self-contained HTML file",
                        "inline CSS",
                        "inline JavaScript",
                        "about 200 lines",
                        "offline",
                        "800×600",
                        "Make no external requests",
                        "start by itself",
                        "within one second",
                        "```html");
        for (Libraries.Library lib : Libraries.ALL) {
            for (String url : lib.urls()) assertThat(runtime).contains(url);
        }
    }

    @Test
    void runtime_section_lists_every_kept_version_from_the_same_table_the_renderer_serves() {
        String runtime = PromptFormat.runtime();
        for (Libraries.Library lib : Libraries.ALL) {
            String line = runtime.lines()
                    .filter(l -> l.startsWith("  - " + lib.name() + " " + lib.version() + ":"))
                    .findFirst()
                    .orElseThrow();
            for (Libraries.Bundle b : lib.bundles())
                assertThat(line).as(lib.name()).contains(b.version());
        }
    }

    @Test
    void every_slot_of_every_theme_renders_into_a_well_formed_prompt() {
        ThemeCatalog c = ThemeCatalog.load();
        for (Theme theme : c.themes()) {
            for (int s = 0; s < theme.subjects().size(); s++) {
                for (int w = 0; w < theme.twists().size(); w++) {
                    int input = (s + w) % theme.inputs().size();
                    TaskSpec t = theme.task(
                            s,
                            w,
                            input,
                            c.palettes().get((s + w) % c.palettes().size()),
                            c.finishes().get((s * 7 + w) % c.finishes().size()));
                    assertWellFormed(t, 5, 8);
                    assertThat(t.prompt())
                            .contains(
                                    theme.subjects().get(s).text(),
                                    theme.twists().get(w).text(),
                                    theme.inputs().get(input));
                }
            }
        }
    }

    /** As the generator does: each subject and twist pair, with a few tries at the other slots. */
    @Test
    void one_theme_yields_many_distinct_tasks() {
        ThemeCatalog c = ThemeCatalog.load();
        Random rng = new Random(3);
        for (Theme theme : c.themes()) {
            DuplicateIndex index = new DuplicateIndex();
            for (int s = 0; s < theme.subjects().size(); s++) {
                for (int w = 0; w < theme.twists().size(); w++) {
                    for (int attempt = 0; attempt < 10; attempt++) {
                        TaskSpec t = theme.task(
                                s,
                                w,
                                rng.nextInt(theme.inputs().size()),
                                c.palettes().get(rng.nextInt(c.palettes().size())),
                                c.finishes().get(rng.nextInt(c.finishes().size())));
                        if (index.nearDuplicate(t).isEmpty()) {
                            index.add(t);
                            break;
                        }
                    }
                }
            }
            assertThat(index.size()).as(theme.key()).isGreaterThanOrEqualTo(30);
        }
    }
}
