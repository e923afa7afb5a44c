package autobench.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares openapi.json with what the site does: the route table's API routes and the parameters
 * they read, real answers (status, content type, every field of every body, strictly: no field
 * missing, none extra, each of its documented type), and the {@link Api} records' field names.
 * Each disagreement is one line; no line means the document is true.
 */
final class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** One request the test made and what came back. */
    record Exchange(String url, int status, String contentType, String body) {
        String path() {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }

    /** The document's component schemas and the records that make those bodies. */
    static final Map<String, Class<? extends Record>> RECORDS = records();

    private static Map<String, Class<? extends Record>> records() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("Error", Api.Error.class);
        m.put("Model", Api.Model.class);
        m.put("Task", Api.Task.class);
        m.put("Submission", Api.Submission.class);
        m.put("Board", Api.Board.class);
        m.put("Vote", Api.Vote.class);
        m.put("RatingPoint", Api.RatingPoint.class);
        m.put("CategoryStats", Api.CategoryStats.class);
        return m;
    }

    /** The record each API route answers 200 with (the feed and this document excepted: they are not records). */
    static final Map<String, Class<? extends Record>> BODIES = bodies();

    private static Map<String, Class<? extends Record>> bodies() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("/api/v1/days", Api.Days.class);
        m.put("/api/v1/days/{day}", Api.Day.class);
        m.put("/api/v1/tasks/{id}", Api.Task.class);
        m.put("/api/v1/submissions/{id}", Api.SubmissionDetail.class);
        m.put("/api/v1/models", Api.Models.class);
        m.put("/api/v1/models/{id}", Api.ModelDetail.class);
        m.put("/api/v1/leaderboard", Api.Leaderboard.class);
        m.put("/api/v1/votes.jsonl", Api.Vote.class);
        m.put("/api/v1/stats", Api.Stats.class);
        return m;
    }

    private final JsonNode doc;
    private final List<String> problems = new ArrayList<>();

    private ApiContract(JsonNode doc) {
        this.doc = doc;
    }

    static JsonNode document() {
        try (var in = ApiContract.class.getResourceAsStream("/autobench/web/openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every disagreement between the document, the routes, the answers and the records. */
    static List<String> problems(JsonNode doc, List<Route> routes, List<Exchange> exchanges) {
        ApiContract c = new ApiContract(doc);
        c.routes(routes);
        c.exchanges(routes, exchanges);
        c.recordFields();
        c.bodies(routes);
        return c.problems;
    }

    private void routes(List<Route> routes) {
        Set<String> answered = new TreeSet<>();
        for (Route r : routes) {
            if (r.kind() != Route.Kind.API) continue;
            String method = r.method().name().toLowerCase(Locale.ROOT);
            answered.add(method + " " + r.path());
            JsonNode op = doc.path("paths").path(r.path()).path(method);
            if (op.isMissingNode()) {
                problems.add(r + " is a route of the API but openapi.json does not document it");
                continue;
            }
            Set<String> query = new TreeSet<>(), path = new TreeSet<>();
            for (JsonNode p : op.path("parameters"))
                (p.path("in").asText().equals("path") ? path : query)
                        .add(p.path("name").asText());
            if (!query.equals(new TreeSet<>(r.queryParameters()))) {
                problems.add(r + " reads the query parameters " + new TreeSet<>(r.queryParameters())
                        + " but openapi.json lists " + query);
            }
            if (!path.equals(new TreeSet<>(r.pathParameters()))) {
                problems.add(r + " has the path parameters " + r.pathParameters() + " but openapi.json lists " + path);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (!answered.contains(method + " " + p.getKey())) {
                    problems.add("openapi.json documents " + method.toUpperCase(Locale.ROOT) + " " + p.getKey()
                            + ", which no API route answers");
                }
            }
        }
    }

    private void exchanges(List<Route> routes, List<Exchange> exchanges) {
        Set<String> seen = new LinkedHashSet<>();
        for (Exchange e : exchanges) {
            Route r = routes.stream()
                    .filter(x -> x.kind() == Route.Kind.API && x.method().name().equals("GET") && x.matches(e.path()))
                    .findFirst()
                    .orElse(null);
            if (r == null) {
                problems.add(e.url() + " is answered by no API route");
                continue;
            }
            String status = String.valueOf(e.status());
            seen.add(r.path() + " " + status);
            JsonNode response = doc.path("paths")
                    .path(r.path())
                    .path("get")
                    .path("responses")
                    .path(status);
            if (response.isMissingNode()) {
                problems.add("GET " + e.url() + " answered " + status + ", which openapi.json does not document for "
                        + r.path());
                continue;
            }
            String type = e.contentType().split(";")[0].trim();
            JsonNode media = response.path("content").path(type);
            if (media.isMissingNode()) {
                problems.add("GET " + e.url() + " answered " + status + " as " + type + " but openapi.json says "
                        + iterable(response.path("content").fieldNames()));
                continue;
            }
            JsonNode schema = media.path("schema");
            if (schema.isMissingNode()) continue; // the feed: Atom, no JSON schema
            List<String> bodies = type.equals("application/x-ndjson")
                    ? e.body().lines().filter(l -> !l.isBlank()).toList()
                    : List.of(e.body());
            for (String body : bodies) {
                try {
                    check(schema, JSON.readTree(body), "GET " + e.url() + " (" + status + ") $");
                } catch (IOException ex) {
                    problems.add("GET " + e.url() + " answered " + status + " with a body that is not JSON: "
                            + ex.getMessage());
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<String> s = p.getValue().path("get").path("responses").fieldNames(); s.hasNext(); ) {
                String status = s.next();
                if (!seen.contains(p.getKey() + " " + status)) {
                    problems.add("openapi.json documents " + status + " for GET " + p.getKey()
                            + " but no request of the test produced it");
                }
            }
        }
    }

    /** Each component schema's properties are exactly the fields its record writes. */
    private void recordFields() {
        RECORDS.forEach((name, type) -> {
            JsonNode schema = doc.path("components").path("schemas").path(name);
            Set<String> documented = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            Set<String> written = new TreeSet<>(fields(type));
            if (!documented.equals(written)) {
                problems.add("schema " + name + " documents " + documented + " but the record " + type.getSimpleName()
                        + " writes " + written);
            }
        });
    }

    /**
     * Each route's 200 body record, walked with its documented schema: at every level the record's
     * fields are the schema's properties and each field's JSON type is one the schema allows, down
     * through nested records, lists of records and maps to records. This sees fields no live answer
     * happens to carry (an empty list, a null).
     */
    private void bodies(List<Route> routes) {
        for (Route r : routes) {
            if (r.kind() != Route.Kind.API
                    || r.path().equals("/feed.atom")
                    || r.path().equals("/api/v1/openapi.json")) continue;
            JsonNode ok = doc.path("paths")
                    .path(r.path())
                    .path("get")
                    .path("responses")
                    .path("200")
                    .path("content");
            if (ok.isMissingNode() || ok.isEmpty()) continue; // an undocumented route is reported by routes()
            Class<? extends Record> type = BODIES.get(r.path());
            if (type == null) {
                problems.add(r + " has no body record in ApiContract.BODIES");
                continue;
            }
            walk(type, ok.elements().next().path("schema"), "GET " + r.path() + " 200 $");
        }
    }

    private void walk(Class<? extends Record> type, JsonNode schemaIn, String at) {
        JsonNode schema = flat(schemaIn);
        Set<String> documented = new TreeSet<>(), written = new TreeSet<>(fields(type));
        schema.path("properties").fieldNames().forEachRemaining(documented::add);
        if (!documented.equals(written)) {
            problems.add(at + ": the record " + type.getSimpleName() + " writes " + written
                    + " but openapi.json documents " + documented);
        }
        for (RecordComponent c : components(type)) {
            String name = SNAKE.translate(c.getName());
            JsonNode field = flat(schema.path("properties").path(name));
            if (field.isMissingNode() || field.isEmpty()) continue;
            String json = jsonType(c.getType());
            List<String> allowed = new ArrayList<>();
            if (field.path("type").isArray()) field.path("type").forEach(t -> allowed.add(t.asText()));
            else if (field.has("type")) allowed.add(field.path("type").asText());
            if (!allowed.isEmpty()
                    && !allowed.contains(json)
                    && !(json.equals("integer") && allowed.contains("number"))) {
                problems.add(at + "." + name + " is written as " + json + " but openapi.json says " + allowed);
            }
            Class<? extends Record> inner = recordIn(c.getGenericType(), 0);
            if (inner == null) continue;
            JsonNode next = switch (json) {
                case "array" -> field.path("items");
                case "object" ->
                    Record.class.isAssignableFrom(c.getType()) ? field : field.path("additionalProperties");
                default -> field;
            };
            walk(inner, next, at + "." + name + (json.equals("array") ? "[]" : ""));
        }
    }

    /**
     * Whether Jackson inlines this component's fields. The annotation cannot sit on the component itself
     * (its targets do not include record components): Java puts it on the accessor, where Jackson reads it.
     */
    private static boolean unwrapped(RecordComponent c) {
        return c.getAccessor().isAnnotationPresent(JsonUnwrapped.class);
    }

    /** The components as Jackson writes them: an unwrapped record's components in its place. */
    private static List<RecordComponent> components(Class<? extends Record> type) {
        List<RecordComponent> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (unwrapped(c)) {
                out.addAll(components(c.getType().asSubclass(Record.class)));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** The record a field holds: itself, a list's element, or a map's value; null for none. */
    private static Class<? extends Record> recordIn(Type t, int depth) {
        if (t instanceof Class<?> k) return Record.class.isAssignableFrom(k) ? k.asSubclass(Record.class) : null;
        if (t instanceof ParameterizedType p && depth == 0) {
            Type[] args = p.getActualTypeArguments();
            return recordIn(args[args.length - 1], 1);
        }
        return null;
    }

    private static String jsonType(Class<?> k) {
        if (k == String.class || k == LocalDate.class) return "string";
        if (k == boolean.class || k == Boolean.class) return "boolean";
        if (k == int.class || k == long.class || k == Integer.class || k == Long.class) return "integer";
        if (k == double.class || k == Double.class || k == float.class) return "number";
        if (List.class.isAssignableFrom(k)) return "array";
        return "object"; // maps and records
    }

    /** The JSON field names a record writes, as Jackson names them (snake_case, unwrapped records inlined). */
    static List<String> fields(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (unwrapped(c)) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> inner = (Class<? extends Record>) c.getType();
                out.addAll(fields(inner));
            } else {
                out.add(SNAKE.translate(c.getName()));
            }
        }
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            s = doc.at(ref.substring(1));
            if (s.isMissingNode()) {
                problems.add("openapi.json refers to " + ref + ", which it does not define");
                return JSON.createObjectNode();
            }
        }
        return s;
    }

    /** The schema with references followed and an allOf merged into one object schema. */
    private JsonNode flat(JsonNode schemaIn) {
        JsonNode schema = resolve(schemaIn);
        if (!schema.has("allOf")) return schema;
        ObjectNode merged = JSON.createObjectNode();
        merged.put("type", "object");
        ObjectNode properties = merged.putObject("properties");
        for (JsonNode part : schema.get("allOf")) {
            resolve(part).path("properties").fields().forEachRemaining(f -> properties.set(f.getKey(), f.getValue()));
        }
        return merged;
    }

    private void check(JsonNode schemaIn, JsonNode value, String at) {
        JsonNode schema = flat(schemaIn);
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) schema.get("type").forEach(t -> types.add(t.asText()));
            else types.add(schema.get("type").asText());
            String actual = typeOf(value);
            boolean ok = types.contains(actual) || actual.equals("integer") && types.contains("number");
            if (!ok) {
                problems.add(at + " is " + actual + " but openapi.json says " + types);
                return;
            }
        }
        if (value.isNull()) return;
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(value.asText()))
                problems.add(at + " is '" + value.asText() + "', not one of " + allowed);
        }
        if ("date".equals(schema.path("format").asText()) && value.isTextual()) {
            try {
                LocalDate.parse(value.asText());
            } catch (DateTimeParseException e) {
                problems.add(at + " is '" + value.asText() + "', not a date");
            }
        }
        if (value.isObject()) {
            if (schema.has("properties")) {
                Set<String> documented = new TreeSet<>(), present = new TreeSet<>();
                schema.get("properties").fieldNames().forEachRemaining(documented::add);
                value.fieldNames().forEachRemaining(present::add);
                for (String f : present)
                    if (!documented.contains(f))
                        problems.add(at + "." + f + " is in the answer but not in openapi.json");
                for (String f : documented)
                    if (!present.contains(f)) problems.add(at + "." + f + " is in openapi.json but not in the answer");
                for (String f : present)
                    if (documented.contains(f)) check(schema.get("properties").get(f), value.get(f), at + "." + f);
            }
            if (schema.path("additionalProperties").isObject()) {
                value.fields()
                        .forEachRemaining(
                                f -> check(schema.path("additionalProperties"), f.getValue(), at + "." + f.getKey()));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) check(schema.get("items"), value.get(i), at + "[" + i + "]");
        }
    }

    private static String typeOf(JsonNode v) {
        if (v.isNull()) return "null";
        if (v.isObject()) return "object";
        if (v.isArray()) return "array";
        if (v.isTextual()) return "string";
        if (v.isBoolean()) return "boolean";
        if (v.isIntegralNumber()) return "integer";
        if (v.isNumber()) return "number";
        return v.getNodeType().toString();
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
