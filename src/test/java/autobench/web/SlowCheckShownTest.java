package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.gallery.Answer;
import autobench.gallery.Render;
import autobench.gallery.TaskView;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The renderer's "slow" check (stored since V10) as visitors and API clients see it. */
class SlowCheckShownTest {
    static Answer answer(String id, Boolean slow) {
        Render render = new Render("done", "ok", null, true, true, true, false, slow, List.of(), List.of(), 900L);
        return new Answer(
                id,
                "t1",
                "m-" + id,
                false,
                "succeeded",
                null,
                null,
                "stop",
                "v1",
                10,
                20,
                0,
                0.01,
                1200,
                List.of(),
                true,
                render,
                Map.of("poster", "ab".repeat(32)),
                null,
                null);
    }

    static String page(Answer... answers) {
        TaskView task = new TaskView(
                "t1",
                LocalDate.of(2026, 12, 6),
                0,
                "Orbit",
                "simulation",
                "space",
                "Draw it",
                "published",
                List.of(answers),
                null);
        byte[] html = new Templates()
                .page("task", new Pages.Task(task, null, Map.of(), "http://sandbox.test"))
                .body();
        return new String(html, StandardCharsets.UTF_8);
    }

    @Test
    void a_slow_answer_carries_a_badge_that_explains_itself_on_the_task_page() {
        String html = page(answer("s-slow", true));
        assertThat(html).contains("<li class=\"check-slow\" title=\"Too heavy to draw frame by frame");
        assertThat(html).contains(">slow to render</li>");
    }

    @Test
    void answers_drawn_frame_by_frame_or_rendered_before_the_check_have_no_badge() {
        assertThat(page(answer("s-fast", false), answer("s-old", null))).doesNotContain("check-slow");
    }

    @Test
    void the_api_answer_says_slow_true_false_or_null() throws Exception {
        for (Boolean slow : new Boolean[] {true, false, null}) {
            JsonNode json = ApiHandlers.JSON.readTree(ApiHandlers.JSON.writeValueAsString(
                    Api.RenderResult.of(answer("s", slow).render())));
            assertThat(json.has("slow")).isTrue();
            if (slow == null) assertThat(json.get("slow").isNull()).isTrue();
            else assertThat(json.get("slow").asBoolean()).isEqualTo(slow);
        }
    }
}
