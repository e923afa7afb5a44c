package autobench.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProposalParserTest {
    static final String ONE =
            "{\"title\": \"Moth Lamp\", \"category\": \"simulation\", \"brief\": \"Moths circle a lamp at night.\", "
                    + "\"requirements\": [\"Moths spiral.\", \"The lamp flickers.\", \"Clicking moves the lamp.\"]}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"tasks\": [" + ONE + "]}",
                "[" + ONE + "]",
                ONE,
                "{\"result\": {\"tasks\": [" + ONE + "]}}",
                "```\n{\"tasks\": [" + ONE + "]}\n```",
                "Sure! [see below]\n```JSON\n{\"tasks\": [" + ONE + "]}\n```\nLet me know.",
                "<thinking>{not json}</thinking>\n{'tasks': [" + ONE + ",]}"
            })
    void finds_the_task_list_in_the_shapes_models_reply_in(String reply) {
        ProposalParser.Parsed parsed = ProposalParser.parse(reply);
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.proposals()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("Moth Lamp");
            assertThat(p.requirements()).hasSize(3);
            assertThat(p.problem()).isEmpty();
        });
    }

    @Test
    void numbered_requirements_in_one_string_and_a_description_field_are_understood() {
        String reply = "{\"tasks\": [{\"title\": \"## **Moth Lamp**\", \"category\": \"simulation\", "
                + "\"description\": \"Moths circle a lamp at night.\", \"requirements\": \"1. Moths spiral.\\n2) The lamp flickers.\\n- Clicking moves it.\"}]}";
        Proposal p = ProposalParser.parse(reply).proposals().get(0);
        assertThat(p.title()).isEqualTo("Moth Lamp");
        assertThat(p.brief()).isEqualTo("Moths circle a lamp at night.");
        assertThat(p.requirements()).containsExactly("Moths spiral.", "The lamp flickers.", "Clicking moves it.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no json here", "{\"tasks\": [", "```json\n{broken: }\n```"})
    void text_that_is_not_json_is_reported_not_guessed(String reply) {
        assertThat(ProposalParser.parse(reply))
                .isEqualTo(new ProposalParser.Parsed(List.of(), "reply was not valid JSON"));
    }

    @Test
    void missing_fields_are_problems_not_crashes() {
        ProposalParser.Parsed parsed = ProposalParser.parse("{\"tasks\": [{\"title\": \"Only A Title\"}, {}]}");
        assertThat(parsed.proposals()).hasSize(2);
        assertThat(parsed.proposals().get(0).problem()).hasValue("category is missing");
        assertThat(parsed.proposals().get(1).problem()).hasValue("title is missing");
    }
}
