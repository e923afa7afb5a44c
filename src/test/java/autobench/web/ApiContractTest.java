package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.web.ApiContract.Exchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * openapi.json cannot drift: every API route of the table is documented with the parameters it
 * reads, every documented path has a route, every documented status is produced by a real request
 * to the live site and every answer matches its schema field by field, and the records' fields are
 * the schemas' properties. The tests after the first prove the check fails when the document is
 * wrong in each of those ways.
 */
@Tag("chromium")
class ApiContractTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static WebFixture site;
    static List<Route> routes;
    static List<Exchange> exchanges;

    @BeforeAll
    static void ask() throws Exception {
        site = WebFixture.shared();
        routes = site.site.routes().all();
        vote(); // so the leaderboard has rows and votes.jsonl has lines
        String task = site.firstTaskId();
        String submission = site.get("/api/v1/tasks/" + task)
                .get("submissions")
                .get(0)
                .get("id")
                .asText();
        List<String> urls = List.of(
                "/api/v1/days",
                "/api/v1/days/" + site.today,
                "/api/v1/days/2001-01-01",
                "/api/v1/days/2001-02-30",
                "/api/v1/tasks/" + task,
                "/api/v1/tasks/nope",
                "/api/v1/submissions/" + submission,
                "/api/v1/submissions/nope",
                "/api/v1/models",
                "/api/v1/models/demo-orbit",
                "/api/v1/models/nope",
                "/api/v1/leaderboard",
                "/api/v1/leaderboard?category=game&from=2001-01-01&to=2100-01-01",
                "/api/v1/leaderboard?category=nope",
                "/api/v1/leaderboard?from=2026-1-1",
                "/api/v1/leaderboard?from=2020-01-02&to=2020-01-01",
                "/api/v1/votes.jsonl",
                "/api/v1/votes.jsonl?pool=demo",
                "/api/v1/votes.jsonl?pool=bogus",
                "/api/v1/stats",
                "/api/v1/openapi.json",
                "/feed.atom");
        exchanges = new ArrayList<>();
        for (String u : urls) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(site.base + u)).build(), HttpResponse.BodyHandlers.ofString());
            exchanges.add(new Exchange(
                    u, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body()));
        }
    }

    static void vote() throws Exception {
        HttpResponse<String> b = HTTP.send(
                HttpRequest.newBuilder(URI.create(site.base + "/battle")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = b.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(b.body());
        assertThat(m.find()).as("the battle page offers a pair").isTrue();
        HTTP.send(
                HttpRequest.newBuilder(URI.create(site.base + "/battle/vote"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                        .header("Origin", site.base)
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + m.group(1) + "&choice=tie"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> problems(JsonNode doc) {
        return ApiContract.problems(doc, routes, exchanges);
    }

    static ObjectNode doc() {
        return (ObjectNode) ApiContract.document();
    }

    @Test
    void every_api_route_status_and_field_is_as_openapi_json_documents_it() {
        assertThat(problems(doc())).isEmpty();
        assertThat(exchanges).extracting(Exchange::status).contains(200, 400, 404);
    }

    @Test
    void the_served_document_is_the_one_checked() throws Exception {
        assertThat(site.get("/api/v1/openapi.json")).isEqualTo(ApiContract.document());
    }

    @Test
    void a_route_missing_from_the_document_fails_the_check() {
        ObjectNode d = doc();
        ((ObjectNode) d.get("paths")).remove("/api/v1/stats");
        assertThat(problems(d))
                .anyMatch(p ->
                        p.contains("GET /api/v1/stats is a route of the API but openapi.json does not document it"));
    }

    @Test
    void a_documented_path_no_route_answers_fails_the_check() {
        ObjectNode d = doc();
        ((ObjectNode) d.get("paths")).set("/api/v1/ghosts", d.get("paths").get("/api/v1/stats"));
        assertThat(problems(d)).anyMatch(p -> p.contains("documents GET /api/v1/ghosts, which no API route answers"));
    }

    @Test
    void a_new_api_route_without_a_document_entry_fails_the_check() {
        List<Route> more = new ArrayList<>(routes);
        more.add(new Route(
                Route.Kind.API, HandlerType.GET, "/api/v1/ghosts", Set.of(), new Route.Answer.Direct(ctx -> {})));
        assertThat(ApiContract.problems(doc(), more, exchanges))
                .anyMatch(p -> p.contains("GET /api/v1/ghosts is a route of the API"));
    }

    @Test
    void a_renamed_field_fails_the_check() {
        ObjectNode d = doc();
        ObjectNode task = (ObjectNode) d.at("/components/schemas/Task/properties");
        task.set("name", task.remove("title"));
        assertThat(problems(d))
                .anyMatch(p -> p.endsWith(".title is in the answer but not in openapi.json"))
                .anyMatch(p -> p.endsWith(".name is in openapi.json but not in the answer"))
                .anyMatch(p -> p.startsWith("schema Task documents") && p.contains("the record Task writes"));
    }

    @Test
    void a_field_of_another_type_fails_the_check() {
        ObjectNode d = doc();
        ((ObjectNode) d.at("/components/schemas/Task/properties/slot")).put("type", "string");
        assertThat(problems(d)).anyMatch(p -> p.contains(".slot is integer but openapi.json says [string]"));
    }

    @Test
    void a_record_field_the_document_lacks_fails_the_check_even_when_no_answer_shows_it() {
        ObjectNode d = doc(); // the fixture has no rating snapshots, so no answer carries a RatingPoint
        ((ObjectNode) d.at("/components/schemas/RatingPoint/properties")).remove("ci_low");
        assertThat(problems(d)).anyMatch(p -> p.startsWith("schema RatingPoint documents") && p.contains("ci_low"));
    }

    @Test
    void a_documented_field_no_record_writes_fails_the_check_at_any_depth() {
        ObjectNode d = doc();
        ((ObjectNode) d.at("/components/schemas/Board/properties/rows/items/properties"))
                .putObject("streak")
                .put("type", "integer");
        ((ObjectNode) d.at("/components/schemas/Submission/properties/render/properties/console/items/properties/type"))
                .put("type", "integer");
        assertThat(problems(d))
                .anyMatch(p -> p.startsWith("GET /api/v1/leaderboard 200 $.boards[].rows[]: the record Row writes")
                        && p.contains("streak"))
                .anyMatch(
                        p -> p.contains(".render.console[].type is written as string but openapi.json says [integer]"));
    }

    @Test
    void an_undocumented_status_fails_the_check() {
        ObjectNode d = doc();
        ((ObjectNode) d.at("/paths/~1api~1v1~1leaderboard/get/responses")).remove("400");
        assertThat(problems(d))
                .anyMatch(p -> p.contains(
                        "/api/v1/leaderboard?category=nope answered 400, which openapi.json does not document"));
    }

    @Test
    void a_documented_status_no_request_produces_fails_the_check() {
        ObjectNode d = doc();
        ((ObjectNode) d.at("/paths/~1api~1v1~1days/get/responses"))
                .set("404", d.at("/paths/~1api~1v1~1tasks~1{id}/get/responses/404"));
        assertThat(problems(d))
                .anyMatch(p -> p.contains("documents 404 for GET /api/v1/days but no request of the test produced it"));
    }

    @Test
    void a_query_parameter_the_route_does_not_read_fails_the_check() {
        ObjectNode d = doc();
        ((ObjectNode) d.at("/paths/~1api~1v1~1leaderboard/get/parameters/0")).put("name", "kind");
        assertThat(problems(d))
                .anyMatch(p -> p.contains("GET /api/v1/leaderboard reads the query parameters [category, from, to]"));
    }
}
