package autobench.rating.io;

import autobench.WireName;
import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Tally;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads votes from JSON Lines, one object per line:
 * {@code {"left": MODEL, "right": MODEL, "winner": "left"|"right"|"tie"|"both_bad", "category": C, "date": "YYYY-MM-DD"}}
 * with category and date optional (absent or null). Fields not listed are ignored so an export may
 * carry more (ids, timestamps); blank lines are skipped. Anything else is an error naming the line.
 * Votes are streamed one at a time, in file order, which is taken to be the order they were cast.
 * One streaming parser runs over the whole byte stream (much cheaper than a parser per line); the
 * one-vote-per-line rule is enforced from the token positions it reports.
 */
public final class VoteFile {
    // Jackson's own duplicate detection allocates a set per object; readVote checks its five fields itself
    private static final JsonFactory JSON = new JsonFactory();

    private VoteFile() {}

    /** Folds the votes accepted by the filter into a tally; memory follows pairs, not lines. */
    public static Tally tally(Path file, VoteFilter filter, RatingSettings settings) throws IOException {
        Tally tally = new Tally(settings);
        forEach(file, v -> {
            if (filter.accepts(v)) tally.add(v);
        });
        return tally;
    }

    /** All votes as objects; for small files and for slices that need the list (daily snapshots). */
    public static List<Vote> readAll(Path file) throws IOException {
        List<Vote> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /** Streams every vote to the sink; returns how many there were. */
    public static long forEach(Path file, Consumer<Vote> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return forEach(in, sink);
        }
    }

    /** The same from a stream of UTF-8 bytes (a leading byte order mark is allowed). */
    public static long forEach(InputStream in, Consumer<Vote> sink) throws IOException {
        long votes = 0, previousLine = 0, line = 0;
        try (JsonParser p = JSON.createParser(in)) {
            Days days = new Days();
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) throw new MalformedVoteException(line, "expected a JSON object");
                if (line == previousLine) throw new MalformedVoteException(line, "more than one vote on the line");
                Vote v = readVote(p, line, days);
                if (p.currentTokenLocation().getLineNr() != line) {
                    throw new MalformedVoteException(line, "a vote must fit on one line");
                }
                previousLine = line;
                line = 0;
                sink.accept(v);
                votes++;
            }
        } catch (JsonProcessingException e) {
            // inside a vote, the vote's own line is the useful one: a missing brace is only
            // noticed at the next line's opening brace
            long at = line > 0
                    ? line
                    : e.getLocation() == null
                            ? previousLine + 1
                            : e.getLocation().getLineNr();
            throw new MalformedVoteException(at, "not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            // leading zero bytes make the parser guess UTF-32, whose decoder fails with its own exception
            throw new MalformedVoteException(line > 0 ? line : previousLine + 1, "not UTF-8 text: " + e.getMessage());
        }
        return votes;
    }

    private static Vote readVote(JsonParser p, long line, Days days) throws IOException {
        String left = null, right = null, winner = null, category = null, date = null;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            p.nextToken();
            int bit = switch (field) {
                case "left" -> {
                    left = text(p, field, false, line);
                    yield 1;
                }
                case "right" -> {
                    right = text(p, field, false, line);
                    yield 2;
                }
                case "winner" -> {
                    winner = text(p, field, false, line);
                    yield 4;
                }
                case "category" -> {
                    category = text(p, field, true, line);
                    yield 8;
                }
                case "date" -> {
                    date = text(p, field, true, line);
                    yield 16;
                }
                default -> {
                    p.skipChildren();
                    yield 0;
                }
            };
            if ((seen & bit) != 0) throw new MalformedVoteException(line, "duplicate field \"" + field + "\"");
            seen |= bit;
        }
        if (left == null) throw new MalformedVoteException(line, "missing \"left\"");
        if (right == null) throw new MalformedVoteException(line, "missing \"right\"");
        if (winner == null) throw new MalformedVoteException(line, "missing \"winner\"");
        try {
            return new Vote(
                    left,
                    right,
                    WireName.parse(Outcome.class, winner),
                    category,
                    date == null ? null : days.parse(date, line));
        } catch (IllegalArgumentException e) {
            throw new MalformedVoteException(line, e.getMessage());
        }
    }

    private static String text(JsonParser p, String field, boolean nullable, long line) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (nullable && t == JsonToken.VALUE_NULL) return null;
        throw new MalformedVoteException(line, "\"" + field + "\" must be a string" + (nullable ? " or null" : ""));
    }
}
