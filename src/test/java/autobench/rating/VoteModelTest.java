package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.WireName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VoteModelTest {

    @Test
    void the_four_wire_names_parse_to_the_four_outcomes() {
        assertThat(WireName.parse(Outcome.class, "left")).isEqualTo(Outcome.LEFT);
        assertThat(WireName.parse(Outcome.class, "right")).isEqualTo(Outcome.RIGHT);
        assertThat(WireName.parse(Outcome.class, "tie")).isEqualTo(Outcome.TIE);
        assertThat(WireName.parse(Outcome.class, "both_bad")).isEqualTo(Outcome.BOTH_BAD);
        assertThat(WireName.parse(Outcome.class, "BOTH_BAD")).isEqualTo(Outcome.BOTH_BAD);
        for (Outcome o : Outcome.values())
            assertThat(WireName.parse(Outcome.class, o.wireName())).isEqualTo(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"draw", "", "both-bad", " left", "left ", "a", "0", "none"})
    void unknown_outcome_is_rejected_never_counted_as_a_tie(String s) {
        assertThatThrownBy(() -> WireName.parse(Outcome.class, s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown outcome '" + s + "'")
                .hasMessageContaining("expected left, right, tie or both_bad");
    }

    @Test
    void missing_outcome_is_rejected() {
        assertThatThrownBy(() -> WireName.parse(Outcome.class, null)).hasMessageContaining("outcome is missing");
    }

    @Test
    void a_model_cannot_battle_itself() {
        assertThatThrownBy(() -> new Vote("gpt", "gpt", Outcome.LEFT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt'");
    }

    @Test
    void a_vote_needs_both_model_ids() {
        assertThatThrownBy(() -> new Vote(" ", "b", Outcome.LEFT)).hasMessageContaining("left model id");
        assertThatThrownBy(() -> new Vote("a", null, Outcome.LEFT)).hasMessageContaining("right model id");
    }

    @Test
    void mirroring_swaps_sides_and_the_winner_but_not_ties() {
        assertThat(new Vote("a", "b", Outcome.LEFT).mirrored()).isEqualTo(new Vote("b", "a", Outcome.RIGHT));
        assertThat(new Vote("a", "b", Outcome.TIE).mirrored()).isEqualTo(new Vote("b", "a", Outcome.TIE));
        assertThat(Outcome.BOTH_BAD.mirrored()).isEqualTo(Outcome.BOTH_BAD);
    }
}
