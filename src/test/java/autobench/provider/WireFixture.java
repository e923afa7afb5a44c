package autobench.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recorded wire case: a folder {@code fixtures/providers/<provider>/<case>/} holding
 * <ul>
 *   <li>{@code request.json}: what we must send — {@code path}, {@code headers} (value
 *       {@code ${KEY}} stands for the test key), {@code absentHeaders}, {@code body} (every field
 *       listed must be sent with that value; objects compare as subsets) and {@code absentBody}
 *       (JSON pointers that must not be sent);</li>
 *   <li>{@code status}, {@code response.json} (served verbatim, so it may be broken on purpose)
 *       and optionally {@code headers} ({@code Name: value} lines);</li>
 *   <li>{@code expect.json}: the {@link Completion} we must return;</li>
 *   <li>optionally {@code case.json}: overrides of the provider's {@code provider.json} defaults
 *       ({@code model}, {@code prompt}, {@code delayMs}).</li>
 * </ul>
 * The provider's {@code provider.json} holds defaults shared by its cases, deep-merged under each
 * case's own files (a {@code null} in a case removes a default), so adding a case is adding a folder.
 */
record WireFixture(
        String provider,
        String name,
        JsonNode setup,
        JsonNode request,
        int status,
        Map<String, String> headers,
        String responseBody,
        JsonNode expect) {

    static final ObjectMapper JSON = new ObjectMapper();

    static WireFixture load(Path caseDir) {
        Path providerDir = caseDir.getParent();
        JsonNode defaults = read(providerDir.resolve("provider.json"));
        JsonNode setup = merge(defaults.path("setup").deepCopy(), optional(caseDir.resolve("case.json")));
        JsonNode request = merge(defaults.path("request").deepCopy(), optional(caseDir.resolve("request.json")));
        int status = Integer.parseInt(text(caseDir.resolve("status")).trim());
        Map<String, String> headers = new LinkedHashMap<>();
        Path headerFile = caseDir.resolve("headers");
        if (Files.exists(headerFile)) {
            for (String line : text(headerFile).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0)
                    headers.put(
                            line.substring(0, colon).trim(),
                            line.substring(colon + 1).trim());
            }
        }
        Path body = caseDir.resolve("response.json");
        return new WireFixture(
                providerDir.getFileName().toString(),
                caseDir.getFileName().toString(),
                setup,
                request,
                status,
                headers,
                Files.exists(body) ? text(body) : "",
                read(caseDir.resolve("expect.json")));
    }

    /** Objects merge field by field; anything else in {@code over} replaces what is in {@code base}. */
    static JsonNode merge(JsonNode base, JsonNode over) {
        if (over == null || over.isMissingNode()) return base;
        if (!(base instanceof ObjectNode b) || !over.isObject()) return over.deepCopy();
        over.properties().forEach(e -> {
            if (e.getValue().isNull()) b.remove(e.getKey()); // a case drops a default with "field": null
            else b.set(e.getKey(), merge(b.get(e.getKey()), e.getValue()));
        });
        return b;
    }

    private static JsonNode optional(Path p) {
        return Files.exists(p) ? read(p) : null;
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture file " + p, e);
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
