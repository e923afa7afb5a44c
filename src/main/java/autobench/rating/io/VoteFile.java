package autobench.rating.io;

import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Tally;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads votes from JSON Lines, one object per line:
 * {@code {"left": MODEL, "right": MODEL, "winner": "left"|"right"|"tie"|"both_bad", "category": C, "date": "YYYY-MM-DD"}}
 * with category and date optional (absent or null). Fields not listed are ignored so an export may
 * carry more (ids, timestamps); blank lines are skipped. Anything else is an error naming the line.
 * Votes are streamed, one at a time, in file order, which is taken to be the order they were cast.
 */
public final class VoteFile {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

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
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return forEach(in, sink);
        }
    }

    public static long forEach(BufferedReader in, Consumer<Vote> sink) throws IOException {
        long lineNo = 0, votes = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank()) continue;
            sink.accept(parse(line, lineNo));
            votes++;
        }
        return votes;
    }

    static Vote parse(String line, long lineNo) throws MalformedVoteException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new MalformedVoteException(lineNo, "expected a JSON object");
            String left = null, right = null, winner = null, category = null, date = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "left" -> left = text(p, field, false, lineNo);
                    case "right" -> right = text(p, field, false, lineNo);
                    case "winner" -> winner = text(p, field, false, lineNo);
                    case "category" -> category = text(p, field, true, lineNo);
                    case "date" -> date = text(p, field, true, lineNo);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) throw new MalformedVoteException(lineNo, "unexpected content after the vote object");
            if (left == null) throw new MalformedVoteException(lineNo, "missing \"left\"");
            if (right == null) throw new MalformedVoteException(lineNo, "missing \"right\"");
            if (winner == null) throw new MalformedVoteException(lineNo, "missing \"winner\"");
            return new Vote(left, right, Outcome.parse(winner), category, date == null ? null : day(date, lineNo));
        } catch (JsonProcessingException e) {
            throw new MalformedVoteException(lineNo, "not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedVoteException(lineNo, e.getMessage());
        } catch (MalformedVoteException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedVoteException(lineNo, e.getMessage()); // parsing a String does no real I/O
        }
    }

    private static String text(JsonParser p, String field, boolean nullable, long lineNo) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (nullable && t == JsonToken.VALUE_NULL) return null;
        throw new MalformedVoteException(lineNo, "\"" + field + "\" must be a string" + (nullable ? " or null" : ""));
    }

    private static LocalDate day(String s, long lineNo) throws MalformedVoteException {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedVoteException(lineNo, "date '" + s + "' is not a YYYY-MM-DD day");
        }
    }
}
