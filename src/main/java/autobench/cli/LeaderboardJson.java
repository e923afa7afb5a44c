package autobench.cli;

import autobench.rating.Leaderboard;
import autobench.rating.VoteFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The leaderboard as JSON: the filter and settings used, then the rows and the side balance. */
final class LeaderboardJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LeaderboardJson() {}

    static String write(Leaderboard board, VoteFilter filter) {
        Map<String, Object> slice = new LinkedHashMap<>();
        slice.put("category", filter.category());
        slice.put("from", filter.from() == null ? null : filter.from().toString());
        slice.put("to", filter.to() == null ? null : filter.to().toString());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("votes", board.votes());
        doc.put("models", board.rows().size());
        doc.put("filter", slice);
        doc.put("settings", board.settings());
        doc.put("rows", board.rows());
        doc.put("sides", board.sides());
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // only plain records and maps go in; cannot happen
        }
    }
}
