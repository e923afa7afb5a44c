package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.render.FormCache.Form;
import autobench.render.PreviewLibraries.Made;
import autobench.render.PreviewLibraries.Prepared;
import com.aayushatharva.brotli4j.Brotli4jLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's store of compressed library forms, which spares a clean clone's build from compressing 62 MB again. */
class FormCacheTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void brotli() {
        Brotli4jLoader.ensureAvailability();
    }

    static Prepared script(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new Prepared(body, "application/javascript", PreviewLibraries.sha(body), true, true);
    }

    static final Prepared SCRIPT = script("export const answer = 42;\n".repeat(200));

    Path classes(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void a_second_build_takes_both_forms_from_the_cache_and_writes_the_same_bytes() throws IOException {
        Optional<FormCache> cache = Optional.of(new FormCache(Files.createDirectories(tmp.resolve("cache"))));
        Path first = classes("first"), second = classes("second");

        assertThat(PreviewLibraries.makeForms(SCRIPT, first, true, cache)).isEqualTo(Made.MADE);
        assertThat(PreviewLibraries.makeForms(SCRIPT, second, true, cache)).isEqualTo(Made.REUSED);
        assertThat(PreviewLibraries.makeForms(SCRIPT, second, true, cache)).isEqualTo(Made.PRESENT);

        for (String form : new String[] {".gz", ".br"}) {
            assertThat(second.resolve(SCRIPT.sha() + form)).hasSameBinaryContentAs(first.resolve(SCRIPT.sha() + form));
        }
        assertThat(FormCache.decompressed(Files.readAllBytes(second.resolve(SCRIPT.sha() + ".br")), Form.BROTLI10))
                .isEqualTo(SCRIPT.body());
    }

    @Test
    void a_damaged_entry_is_not_taken_but_made_again_and_replaced() throws IOException {
        FormCache cache = new FormCache(Files.createDirectories(tmp.resolve("cache")));
        PreviewLibraries.makeForms(SCRIPT, classes("first"), true, Optional.of(cache));
        Path entry = cache.dir().resolve(SCRIPT.sha() + ".br10");
        byte[] good = Files.readAllBytes(entry);
        byte[] damaged = good.clone();
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(entry, damaged);
        // an entry that decodes to other bytes (a form of another body under this name) is refused too
        Files.write(
                cache.dir().resolve(SCRIPT.sha() + ".gz9"),
                PreviewLibraries.gzipped("other".repeat(400).getBytes()));

        assertThat(cache.get(SCRIPT.sha(), SCRIPT.body(), Form.BROTLI10)).isEmpty();
        assertThat(cache.get(SCRIPT.sha(), SCRIPT.body(), Form.GZIP9)).isEmpty();
        Path second = classes("second");
        assertThat(PreviewLibraries.makeForms(SCRIPT, second, true, Optional.of(cache)))
                .isEqualTo(Made.MADE);

        assertThat(FormCache.decompressed(Files.readAllBytes(second.resolve(SCRIPT.sha() + ".br")), Form.BROTLI10))
                .isEqualTo(SCRIPT.body());
        assertThat(FormCache.decompressed(Files.readAllBytes(second.resolve(SCRIPT.sha() + ".gz")), Form.GZIP9))
                .isEqualTo(SCRIPT.body());
        assertThat(cache.get(SCRIPT.sha(), SCRIPT.body(), Form.BROTLI10)).isPresent();
        assertThat(cache.get(SCRIPT.sha(), SCRIPT.body(), Form.GZIP9)).isPresent();
        try (var left = Files.list(cache.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void a_form_not_smaller_than_its_body_is_remembered_as_such_and_still_not_written() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Prepared p = new Prepared(noise, "application/json", PreviewLibraries.sha(noise), true, true);
        FormCache cache = new FormCache(Files.createDirectories(tmp.resolve("cache")));

        PreviewLibraries.makeForms(p, classes("first"), true, Optional.of(cache));
        assertThat(cache.get(p.sha(), p.body(), Form.GZIP9))
                .hasValueSatisfying(b -> assertThat(b).isEmpty());
        Path second = classes("second");
        assertThat(PreviewLibraries.makeForms(p, second, true, Optional.of(cache)))
                .isEqualTo(Made.REUSED);
        assertThat(second.resolve(p.sha() + ".gz")).doesNotExist();
        assertThat(second.resolve(p.sha() + ".br")).doesNotExist();
    }

    @Test
    void the_cache_is_where_the_environment_says_and_off_turns_it_off() {
        assertThat(FormCache.fromEnvironment(Map.of("AUTOBENCH_BUILD_CACHE", "off"), tmp.toString()))
                .isEmpty();
        assertThat(FormCache.fromEnvironment(
                        Map.of("AUTOBENCH_BUILD_CACHE", tmp.resolve("c").toString()), "/nowhere"))
                .hasValue(new FormCache(tmp.resolve("c").resolve("precompressed")));
        assertThat(FormCache.fromEnvironment(
                        Map.of("XDG_CACHE_HOME", tmp.resolve("x").toString()), "/nowhere"))
                .hasValue(new FormCache(tmp.resolve("x").resolve("autobench").resolve("precompressed")));
        assertThat(FormCache.fromEnvironment(Map.of(), tmp.toString()))
                .hasValue(
                        new FormCache(tmp.resolve(".cache").resolve("autobench").resolve("precompressed")));
        assertThat(tmp.resolve(".cache/autobench/precompressed")).isDirectory();
    }

    @Test
    void a_cache_that_cannot_be_made_means_compressing_everything_not_a_failed_build() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        assertThat(FormCache.fromEnvironment(Map.of("AUTOBENCH_BUILD_CACHE", file.toString()), null))
                .isEmpty();
        assertThat(PreviewLibraries.makeForms(SCRIPT, classes("out"), true, Optional.empty()))
                .isEqualTo(Made.MADE);
    }
}
