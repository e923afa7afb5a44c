package autobench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.cycle.Stage;
import autobench.cycle.StageRuns;
import autobench.dispatch.CallOutcome;
import autobench.dispatch.CallReason;
import autobench.dispatch.SubmissionOutcome;
import autobench.dispatch.SubmissionStatus;
import autobench.provider.FailureKind;
import autobench.provider.ProviderKind;
import autobench.rating.Outcome;
import autobench.render.RenderStatus;
import autobench.render.RenderStore;
import autobench.task.Category;
import autobench.task.TaskStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireNameTest {
    static Stream<Class<? extends Enum<?>>> vocabularies() {
        return Stream.of(
                Stage.class,
                StageRuns.Status.class,
                StageRuns.Trigger.class,
                CallOutcome.class,
                CallReason.class,
                SubmissionOutcome.class,
                SubmissionStatus.class,
                FailureKind.class,
                ProviderKind.class,
                Outcome.class,
                RenderStatus.class,
                RenderStore.State.class,
                Category.class,
                TaskStatus.class);
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    <E extends Enum<E> & WireName> void every_constant_reads_back_from_its_wire_name(Class<E> type) {
        for (E e : type.getEnumConstants()) {
            assertThat(WireName.parse(type, e.wireName())).isSameAs(e);
            assertThat(WireName.parse(type, e.wireName().toUpperCase(Locale.ROOT)))
                    .isSameAs(e);
        }
        assertThat(WireName.names(type)).doesNotHaveDuplicates().hasSize(type.getEnumConstants().length);
    }

    @Test
    void the_wire_name_is_the_lower_case_constant_name_unless_the_enum_spells_it_itself() {
        assertThat(Outcome.BOTH_BAD.wireName()).isEqualTo("both_bad");
        assertThat(StageRuns.Trigger.CRON.wireName()).isEqualTo("cron");
        assertThat(ProviderKind.OPENAI_COMPATIBLE.wireName()).isEqualTo("openai-compatible");
    }

    @Test
    void an_unknown_value_is_an_error_that_names_the_vocabulary_and_lists_the_accepted_values() {
        assertThatThrownBy(() -> WireName.parse(TaskStatus.class, "sent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown task status 'sent' (expected proposed, approved, dispatched, published or rejected)");
    }

    @Test
    void a_missing_value_is_an_error_not_a_default() {
        assertThatThrownBy(() -> WireName.parse(Stage.class, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage is missing (expected generate, snapshot, dispatch or render)");
        assertThat(WireName.find(Stage.class, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " done", "done ", "Done!", "finished", "DONE_", "dön"})
    void letter_case_is_the_only_leniency(String s) {
        assertThat(WireName.find(StageRuns.Status.class, s)).isEmpty();
        assertThat(WireName.find(StageRuns.Status.class, "DoNe")).contains(StageRuns.Status.DONE);
    }

    @Test
    void an_enum_with_its_own_spelling_is_read_only_by_that_spelling() {
        assertThat(WireName.find(ProviderKind.class, "openai-compatible")).contains(ProviderKind.OPENAI_COMPATIBLE);
        assertThat(WireName.find(ProviderKind.class, "openai_compatible")).isEmpty();
        assertThat(WireName.choices(ProviderKind.class)).endsWith("openai-compatible or local");
    }

    @Test
    void a_vocabulary_of_one_lists_just_that_value() {
        enum Only implements WireName {
            ONE
        }
        assertThat(WireName.choices(Only.class)).isEqualTo("one");
        assertThat(Arrays.asList(Only.values())).containsExactly(WireName.parse(Only.class, "one"));
    }
}
