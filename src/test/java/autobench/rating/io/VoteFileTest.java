package autobench.rating.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Tally;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoteFileTest {
    private static final String GOOD = "{\"left\":\"a\",\"right\":\"b\",\"winner\":\"left\"}";

    @Test
    void reads_votes_with_and_without_the_optional_fields() throws IOException {
        List<Vote> votes = read("""
                {"left": "a", "right": "b", "winner": "left", "category": "game", "date": "2025-03-01"}
                {"left": "b", "right": "c", "winner": "both_bad"}

                {"right": "a", "left": "c", "winner": "tie", "category": null, "date": null, "id": 17, "extra": {"x": [1]}}
                """);
        assertThat(votes)
                .containsExactly(
                        new Vote("a", "b", Outcome.LEFT, "game", LocalDate.of(2025, 3, 1)),
                        new Vote("b", "c", Outcome.BOTH_BAD),
                        new Vote("c", "a", Outcome.TIE));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"left":"a","right":"b","winner":"draw"}                       | unknown outcome 'draw'
            {"left":"a","right":"b","winner":"left"                        | not valid JSON
            {"left":"a","right":"b"}                                       | missing "winner"
            {"right":"b","winner":"left"}                                  | missing "left"
            {"left":"a","winner":"left"}                                   | missing "right"
            {"left":"a","right":"a","winner":"left"}                       | cannot battle itself
            {"left":1,"right":"b","winner":"left"}                         | "left" must be a string
            {"left":"a","right":"b","winner":null}                         | "winner" must be a string
            {"left":"a","right":"b","winner":"left","date":"03/01/2025"}   | date '03/01/2025' is not a YYYY-MM-DD day
            {"left":"a","right":"b","winner":"left","category":7}          | "category" must be a string or null
            {"left":"a","right":"b","winner":"left","left":"c"}            | duplicate field "left"
            {"left":"a","right":"b","winner":"left"} {"left":"a"}          | more than one vote on the line
            {"left":"a","right":"b","winner":"left","date":"2025-02-30"}   | date '2025-02-30' is not a YYYY-MM-DD day
            {"left":"a","right":"b","winner":"left","x":[1,{"y":2}]}}      | not valid JSON
            "left"                                                         | expected a JSON object
            ["a","b","left"]                                               | expected a JSON object
            left,b,left                                                    | not valid JSON
            """)
    void malformed_line_is_an_error_that_names_the_line(String bad, String problem) {
        String text = GOOD + "\n" + GOOD + "\n\n" + bad + "\n" + GOOD + "\n";
        assertThatThrownBy(() -> read(text))
                .isInstanceOf(MalformedVoteException.class)
                .hasMessageStartingWith("line 4: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((MalformedVoteException) e).line()).isEqualTo(4));
    }

    @Test
    void a_vote_spread_over_two_lines_is_rejected() {
        assertThatThrownBy(() -> read(GOOD + "\n{\"left\": \"a\",\n \"right\": \"b\", \"winner\": \"tie\"}\n"))
                .hasMessage("line 2: a vote must fit on one line");
    }

    @Test
    void an_unclosed_vote_is_blamed_on_its_own_line_not_the_next() {
        assertThatThrownBy(() -> read(GOOD + "\n{\"left\":\"a\",\"right\":\"b\",\"winner\":\"left\"\n" + GOOD + "\n"))
                .hasMessageStartingWith("line 2: not valid JSON");
    }

    @Test
    void a_byte_order_mark_on_the_first_line_is_ignored() throws IOException {
        assertThat(read("\uFEFF" + GOOD + "\n")).hasSize(1);
    }

    @Test
    void tallying_a_file_applies_the_filter_while_reading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("votes.jsonl");
        Files.writeString(file, """
                {"left": "a", "right": "b", "winner": "left", "category": "game", "date": "2025-03-01"}
                {"left": "a", "right": "b", "winner": "right", "category": "game", "date": "2025-04-01"}
                {"left": "a", "right": "c", "winner": "right", "category": "animation", "date": "2025-03-02"}
                """);
        Tally march = VoteFile.tally(
                file,
                new VoteFilter(null, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)),
                RatingSettings.DEFAULTS);
        assertThat(march.votes()).isEqualTo(2);
        assertThat(march.models()).isEqualTo(3);
        assertThat(VoteFile.tally(file, new VoteFilter("game", null, null), RatingSettings.DEFAULTS)
                        .models())
                .isEqualTo(2);
        assertThat(VoteFile.readAll(file)).hasSize(3);
    }

    // Found by VoteFileFuzzTest (seed 54): leading zero bytes made the parser decode UTF-32, and its
    // CharConversionException escaped without a line number.
    @Test
    void votes_file_starting_with_nul_bytes_is_refused_with_its_line() {
        byte[] file = {0, 0, 0, '{', '"', 'l', 'e', 'f', 't', '"', '\n'};
        assertThatThrownBy(() -> VoteFile.forEach(new ByteArrayInputStream(file), v -> {}))
                .isInstanceOf(MalformedVoteException.class)
                .hasMessageStartingWith("line 1: not UTF-8 text");
    }

    private static List<Vote> read(String text) throws IOException {
        List<Vote> out = new ArrayList<>();
        VoteFile.forEach(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out::add);
        return out;
    }
}
