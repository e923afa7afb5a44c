package autobench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.rating.Vote;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RatingsCommandTest {
    private static final String VOTES = """
            {"left": "alpha", "right": "beta", "winner": "left", "category": "game", "date": "2025-03-01"}
            {"left": "beta", "right": "alpha", "winner": "right", "category": "game", "date": "2025-03-01"}
            {"left": "alpha", "right": "gamma", "winner": "tie", "category": "animation", "date": "2025-03-02"}
            {"left": "gamma", "right": "beta", "winner": "left", "category": "game", "date": "2025-03-03"}
            {"left": "beta", "right": "gamma", "winner": "both_bad", "date": "2025-03-03"}
            """;

    @TempDir
    Path dir;

    @Test
    void file_mode_prints_an_aligned_table() throws IOException {
        Run run = run(null, "--votes", file(VOTES).toString(), "--rounds", "50");
        assertThat(run.code).isZero();
        String[] lines = run.out.split("\n");
        assertThat(lines[0]).isEqualTo("5 votes, 3 models");
        assertThat(lines[1])
                .contains("95% bootstrap intervals from 50 rounds, seed 1")
                .contains("K=32");
        assertThat(lines[2]).containsSubsequence("Rank", "Model", "Rating", "95% CI", "Votes", "Win rate", "Elo");
        assertThat(lines[3]).containsSubsequence("alpha", "provisional");
        assertThat(lines[3].indexOf("Votes")).isEqualTo(-1);
        // every data row puts its rating under the header
        int column = lines[2].indexOf("Rating") + "Rating".length();
        for (int i = 3; i <= 5; i++)
            assertThat(lines[i].charAt(column)).as(lines[i]).isEqualTo(' ');
        assertThat(run.out).contains("provisional: fewer than 30 votes");
    }

    @Test
    void json_mode_gives_rows_settings_and_the_filter() throws IOException {
        Run run = run(
                null,
                "--votes",
                file(VOTES).toString(),
                "--json",
                "--rounds",
                "20",
                "--seed",
                "9",
                "--category",
                "game",
                "--from",
                "2025-03-01",
                "--to",
                "2025-03-02",
                "--k",
                "16",
                "--anchor",
                "beta");
        assertThat(run.code).as(run.err).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out);
        assertThat(doc.get("votes").asLong()).isEqualTo(2);
        assertThat(doc.at("/filter/category").asText()).isEqualTo("game");
        assertThat(doc.at("/filter/to").asText()).isEqualTo("2025-03-02");
        assertThat(doc.at("/settings/seed").asLong()).isEqualTo(9);
        assertThat(doc.at("/settings/eloK").asDouble()).isEqualTo(16);
        assertThat(doc.get("rows")).hasSize(2);
        JsonNode first = doc.get("rows").get(0);
        assertThat(first.get("model").asText()).isEqualTo("alpha");
        assertThat(first.fieldNames())
                .toIterable()
                .contains(
                        "rating",
                        "ciLow",
                        "ciHigh",
                        "rank",
                        "votes",
                        "wins",
                        "losses",
                        "ties",
                        "bothBad",
                        "winRate",
                        "provisional",
                        "elo");
        assertThat(doc.get("rows").get(1).get("rating").asDouble()).isEqualTo(1000);
        assertThat(doc.get("sides")).hasSize(2);
    }

    @Test
    void a_malformed_line_is_reported_with_file_and_line() throws IOException {
        Path f = file(VOTES + "{\"left\": \"a\", \"right\": \"b\", \"winner\": \"draw\"}\n");
        Run run = run(null, "--votes", f.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains(f + ": line 6: unknown outcome 'draw'");
        assertThat(run.out).isEmpty();
    }

    @Test
    void database_mode_without_a_source_says_so() {
        Run run = run(null);
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("no database votes source");
    }

    @Test
    void database_mode_rates_the_supplied_votes() {
        Supplier<List<Vote>> db = () -> List.of(
                new Vote("x", "y", Outcome.LEFT, "game", LocalDate.of(2025, 1, 1)),
                new Vote("y", "x", Outcome.RIGHT, "game", LocalDate.of(2025, 1, 2)));
        Run run = run(db, "--to", "2025-01-01", "--rounds", "0");
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).startsWith("1 votes, 2 models, to 2025-01-01").contains("no intervals");
    }

    @Test
    void bad_options_are_usage_errors() throws IOException {
        assertThat(run(null, "--votes", file(VOTES).toString(), "--from", "2025-03-05", "--to", "2025-03-01").code)
                .isEqualTo(2);
        assertThat(run(null, "--votes", file(VOTES).toString(), "--k", "-3").code)
                .isEqualTo(2);
        assertThat(run(null, "--from", "yesterday").code).isEqualTo(2);
        Run missing = run(null, "--votes", dir.resolve("nope.jsonl").toString());
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("no such votes file");
        Run badAnchor = run(null, "--votes", file(VOTES).toString(), "--anchor", "zeta");
        assertThat(badAnchor.code).isEqualTo(1);
        assertThat(badAnchor.err).contains("anchor model 'zeta' has no votes");
    }

    private Path file(String text) throws IOException {
        Path f = Files.createTempFile(dir, "votes", ".jsonl");
        Files.writeString(f, text);
        return f;
    }

    private record Run(int code, String out, String err) {}

    private static Run run(Supplier<List<Vote>> db, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new RatingsCommand(db));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
