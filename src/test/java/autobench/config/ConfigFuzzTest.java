package autobench.config;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.Fuzz;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: the example config, mutated at random, loads as a {@link Config} or is refused with a
 * {@link ConfigException} whose problems name what is wrong; no other exception escapes. Two kinds
 * of mutation: on the YAML tree (keys deleted, values of the wrong type, giant numbers, unknown
 * keys, deep nesting, NUL characters) and on the text (lines deleted or repeated, indentation
 * broken, YAML syntax pasted in, anchors and aliases, truncation), plus AUTOBENCH_* overrides.
 */
class ConfigFuzzTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static String example;
    private static ObjectNode exampleTree;

    @TempDir
    static Path dir;

    @BeforeAll
    static void readExample() throws IOException {
        example = Files.readString(Path.of("autobench.example.yaml"));
        exampleTree = (ObjectNode) YAML.readTree(example);
    }

    static LongStream seeds() {
        return Fuzz.seeds(700);
    }

    @Test
    void the_unmutated_example_loads() throws IOException {
        assertThat(load(example, Map.of(), false).models()).hasSize(4);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_mutated_config_loads_or_is_refused_naming_what_is_wrong(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, String> env = new HashMap<>();
        Set<String> edited = new LinkedHashSet<>();
        String yaml;
        boolean onTree = r.nextInt(5) < 3;
        if (onTree) {
            ObjectNode root = exampleTree.deepCopy();
            int edits = 1 + r.nextInt(3);
            for (int i = 0; i < edits; i++) edit(r, root, edited);
            yaml = YAML.writeValueAsString(root);
        } else {
            yaml = mutateText(r, example);
            if (r.nextInt(4) == 0)
                env.put(
                        "AUTOBENCH_"
                                + Fuzz.pick(
                                        r,
                                        List.of(
                                                "ZONE",
                                                "TASKS_PER_DAY",
                                                "DISPATCH_MAX_ATTEMPTS",
                                                "MODELS_GPT_4O_PRICE_INPUT",
                                                "MODELS_GPT_4O_TIMEOUT_SECONDS",
                                                "RENDER_CHROMIUM",
                                                "WEB_PORT",
                                                "NO_SUCH_KEY",
                                                "MODELS_",
                                                "DISPATCH_PROVIDER_CONCURRENCY_OPENAI")),
                        Fuzz.text(r, r.nextInt(20)));
        }
        String why = Fuzz.seed("mutated config" + (onTree ? " (edited " + edited + ")" : ""), seed);
        try {
            byte[] garbage = !onTree && r.nextInt(10) == 0 ? new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF} : null;
            Config c = load(yaml, env, !onTree && r.nextBoolean(), garbage, r.nextInt(Integer.MAX_VALUE));
            assertThat(c).as(why).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .as(why)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p).as(why).isNotBlank());
            for (String p : e.problems()) {
                if (p.startsWith("not valid")) assertThat(p).as(why).contains("line");
                assertThat(p).as(why).doesNotContain("Input length");
            }
            // the unmutated example loads, so with keys not required every problem comes from an edit
            if (onTree) {
                assertThat(e.problems())
                        .as(why + ": " + e.getMessage())
                        .anySatisfy(p ->
                                assertThat(edited).anySatisfy(k -> assertThat(p).contains(k)));
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(why + " threw " + e, e);
        }
    }

    private static Config load(String yaml, Map<String, String> env, boolean requireKeys) throws IOException {
        return load(yaml, env, requireKeys, null, 0);
    }

    private static Config load(String yaml, Map<String, String> env, boolean requireKeys, byte[] garbage, int garbageAt)
            throws IOException {
        Path f = Files.createTempFile(dir, "fuzz", ".yaml");
        try {
            byte[] bytes =
                    yaml.getBytes(StandardCharsets.UTF_8); // a lone surrogate becomes '?', as an editor would save it
            if (garbage != null) { // bytes that are not UTF-8 at all
                byte[] spliced = new byte[bytes.length + garbage.length];
                int at = garbageAt % (bytes.length + 1);
                System.arraycopy(bytes, 0, spliced, 0, at);
                System.arraycopy(garbage, 0, spliced, at, garbage.length);
                System.arraycopy(bytes, at, spliced, at + garbage.length, bytes.length - at);
                bytes = spliced;
            }
            Files.write(f, bytes);
            return new ConfigLoader(env).load(f, requireKeys);
        } finally {
            Files.delete(f);
        }
    }

    /** Keys the loader knows, so that edits also hit keys it reads (not only unknown ones). */
    private static final List<String> KNOWN = List.copyOf(new LinkedHashSet<>(concat(
            ConfigLoader.TOP_KEYS,
            ConfigLoader.SCHEDULE_KEYS,
            ConfigLoader.DISPATCH_KEYS,
            ConfigLoader.RENDER_KEYS,
            ConfigLoader.WEB_KEYS,
            ConfigLoader.MODEL_KEYS,
            Set.of("input", "output"))));

    @SafeVarargs
    private static List<String> concat(Set<String>... sets) {
        List<String> all = new ArrayList<>();
        for (Set<String> s : sets) all.addAll(s.stream().sorted().toList());
        return all;
    }

    /** One edit somewhere in the tree; records the names on the path to what changed. */
    private static void edit(SplittableRandom r, ObjectNode root, Set<String> edited) {
        List<JsonNode> containers = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        collect(root, List.of(), containers, paths);
        int i = r.nextInt(containers.size());
        JsonNode c = containers.get(i);
        List<String> path = paths.get(i);
        if (c instanceof ArrayNode a) {
            if (a.isEmpty() || r.nextInt(4) == 0) a.add(hostile(r));
            else if (r.nextInt(3) == 0) a.remove(r.nextInt(a.size()));
            else a.set(r.nextInt(a.size()), hostile(r));
            edited.addAll(path);
            return;
        }
        ObjectNode o = (ObjectNode) c;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String key;
        switch (r.nextInt(4)) {
            case 0 -> { // delete a key
                if (names.isEmpty()) return;
                key = Fuzz.pick(r, names);
                o.remove(key);
            }
            case 1 -> { // a known key, maybe misplaced, with a hostile value
                key = Fuzz.pick(r, KNOWN);
                o.set(key, hostile(r));
            }
            case 2 -> { // an unknown key
                key = "k" + Fuzz.ascii(r, 1 + r.nextInt(12)).replaceAll("[^A-Za-z0-9_]", "_");
                o.set(key, hostile(r));
            }
            default -> { // an existing value replaced
                if (names.isEmpty()) return;
                key = Fuzz.pick(r, names);
                o.set(key, hostile(r));
            }
        }
        edited.addAll(path);
        edited.add(key);
    }

    private static void collect(JsonNode n, List<String> path, List<JsonNode> into, List<List<String>> paths) {
        if (!n.isContainerNode()) return;
        into.add(n);
        paths.add(path);
        if (n.isObject()) {
            n.properties().forEach(e -> {
                List<String> p = new ArrayList<>(path);
                p.add(e.getKey());
                collect(e.getValue(), p, into, paths);
            });
        } else {
            n.forEach(child -> collect(child, path, into, paths));
        }
    }

    static JsonNode hostile(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(13)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(new BigInteger("9".repeat(19 + r.nextInt(60))));
            case 2 -> f.numberNode(r.nextBoolean() ? Long.MIN_VALUE : -1L);
            case 3 -> f.numberNode(r.nextBoolean() ? 1e308 : -0.5);
            case 4 -> f.textNode(Fuzz.giantNumber(r));
            case 5 -> f.textNode("a\u0000b" + Fuzz.ascii(r, r.nextInt(5)));
            case 6 -> f.textNode("x".repeat(r.nextInt(20_000)));
            case 7 -> f.arrayNode().add(1).add("two").addNull();
            case 8 -> f.objectNode().putNull("a").put("b", 1);
            case 9 -> f.booleanNode(r.nextBoolean());
            case 10 -> {
                JsonNode deep = f.textNode("bottom");
                for (int i = r.nextInt(300); i > 0; i--)
                    deep = r.nextBoolean()
                            ? f.arrayNode().add(deep)
                            : f.objectNode().set("d", deep);
                yield deep;
            }
            case 11 -> f.textNode("");
            default -> f.textNode(Fuzz.text(r, r.nextInt(30)));
        };
    }

    private static final List<String> YAML_BITS = List.of(
            "&a ",
            "*a",
            "*nope",
            "!!binary ",
            "!!python/object:os.system ",
            "!!int ",
            "!!float ",
            "{",
            "}",
            "[",
            "]",
            ": ",
            "- ",
            "\t",
            "%YAML 1.1\n",
            "---\n",
            "...\n",
            "? ",
            "|\n",
            ">-\n",
            "\"",
            "'",
            "#",
            "<<: *a\n",
            "~",
            ".inf",
            "-.inf",
            ".nan",
            "0x1F",
            "0o17",
            "1_000",
            "2025-03-01",
            "\"\\0\"",
            "\"\\uD800\"",
            "\u0000");

    /** Text-level damage: what a careless edit or a bad paste does. */
    static String mutateText(SplittableRandom r, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(lines.size());
            switch (r.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.set(at, " ".repeat(r.nextInt(6)) + lines.get(at).stripLeading());
                case 3 -> {
                    String l = lines.get(at);
                    int p = r.nextInt(l.length() + 1);
                    lines.set(at, l.substring(0, p) + Fuzz.pick(r, YAML_BITS) + l.substring(p));
                }
                case 4 -> lines.add(at, Fuzz.text(r, r.nextInt(40)));
                case 5 ->
                    lines.add(
                            0,
                            "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
                                    + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]");
                default -> lines.set(at, "[".repeat(r.nextInt(1200)));
            }
            if (lines.isEmpty()) lines.add("");
        }
        String out = String.join(r.nextInt(5) == 0 ? "\r\n" : "\n", lines);
        return r.nextInt(8) == 0 ? out.substring(0, r.nextInt(out.length() + 1)) : out;
    }
}
