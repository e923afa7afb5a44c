package autobench.task;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the task list in a model's reply. Models wrap JSON in fences, put prose around it, think
 * aloud first, or leave a trailing comma; all of that is accepted. What is not JSON is reported
 * as such, never guessed at.
 */
final class ProposalParser {
    private ProposalParser() {}

    /**
     * @param proposals what the reply proposed (possibly empty)
     * @param problem   why the reply is unusable as a whole, or {@code null}
     */
    record Parsed(List<Proposal> proposals, String problem) {}

    /** Lenient about what models commonly get wrong, strict about everything else. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private static final Pattern REASONING =
            Pattern.compile("<(think|thinking|reasoning)>.*?</\\1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE = Pattern.compile("```[\\w-]*[ \\t]*\\n(.*?)```", Pattern.DOTALL);

    /** Places in one text where a JSON value is tried; bounds the work on a long, chatty reply. */
    private static final int MAX_STARTS = 40;

    static Parsed parse(String reply) {
        String text = REASONING.matcher(reply == null ? "" : reply).replaceAll("");
        List<String> candidates = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) candidates.add(fence.group(1));
        candidates.add(text);
        boolean sawJson = false;
        for (String candidate : candidates) {
            int tried = 0;
            for (int i = 0; i < candidate.length() && tried < MAX_STARTS; i++) {
                char c = candidate.charAt(i);
                if (c != '{' && c != '[') continue;
                tried++;
                JsonNode node = read(candidate.substring(i));
                if (node == null) continue;
                sawJson = true;
                List<JsonNode> tasks = taskNodes(node);
                if (tasks != null)
                    return new Parsed(
                            tasks.stream().map(ProposalParser::proposal).toList(), null);
            }
        }
        return new Parsed(List.of(), sawJson ? "reply JSON had no \"tasks\" list" : "reply was not valid JSON");
    }

    /** Reads the first JSON value at the start of the text, ignoring whatever follows it. */
    private static JsonNode read(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonNode n = JSON.readTree(p);
            return n != null && n.isContainerNode() ? n : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    /** {"tasks": [...]} at any depth, one task object, or a bare array of task objects. */
    private static List<JsonNode> taskNodes(JsonNode node) {
        if (node.isObject()) {
            JsonNode tasks = node.findValue("tasks");
            if (tasks != null && tasks.isArray() && allObjects(tasks)) return list(tasks);
            return node.has("title") ? List.of(node) : null;
        }
        return !node.isEmpty() && allObjects(node) ? list(node) : null;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode n : array) if (!n.isObject()) return false;
        return true;
    }

    private static Proposal proposal(JsonNode n) {
        String brief = text(n.get("brief"));
        if (brief == null) brief = text(n.get("description"));
        return new Proposal(text(n.get("title")), text(n.get("category")), brief, requirements(n.get("requirements")));
    }

    private static List<String> requirements(JsonNode n) {
        if (n == null || n.isNull()) return List.of();
        if (n.isTextual()) return List.of(n.asText().split("\\R"));
        List<String> out = new ArrayList<>();
        if (n.isArray()) for (JsonNode r : n) out.add(r.isValueNode() ? r.asText() : r.toString());
        return out;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
