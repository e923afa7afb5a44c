package autobench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.Fuzz;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever a model sends back, extraction returns (never throws), the result is either a
 * page or a reason, and the page is at most about twice the reply (escaping and wrapping add, they
 * never multiply). The replies are generated from seeds: random fences and nesting, unbalanced
 * fences and reasoning tags, random HTML, NUL bytes, lone surrogates, and undecodable bytes as the
 * HTTP client turns them into text; every 100th case is megabytes long.
 */
class ExtractionFuzzTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    static LongStream seeds() {
        return Fuzz.seeds(2000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_reply_yields_a_page_or_a_reason_and_never_throws(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String reply = reply(r, seed);
        boolean truncated = r.nextBoolean();
        Extraction e;
        try {
            e = extractor.extract(reply, truncated);
        } catch (RuntimeException | StackOverflowError err) {
            throw new AssertionError(Fuzz.seed("extraction threw " + err, seed), err);
        }
        String why = Fuzz.seed("extraction of a " + reply.length() + "-char reply", seed);
        assertThat(e).as(why).isNotNull();
        assertThat(e.assists()).as(why).doesNotContainNull();
        if (e.runnable()) {
            assertThat((long) e.html().length())
                    .as(why + ": page size")
                    .isLessThanOrEqualTo(2L * reply.length() + 16_384);
        } else {
            assertThat(e.reason()).as(why + ": reason").isNotBlank();
        }
        if (truncated) assertThat(e.assists()).as(why).contains(Assist.TRUNCATED_INPUT);
    }

    /** A reply: mostly small and dense with markup, sometimes a valid page buried in noise, every 100th huge. */
    static String reply(SplittableRandom r, long seed) {
        if (seed % 100 == 0) return huge(r);
        int length = r.nextInt(8) == 0 ? r.nextInt(50_000) : r.nextInt(2_000);
        String noise = Fuzz.text(r, length);
        if (r.nextInt(4) != 0) return noise;
        int cut = r.nextInt(noise.length() + 1);
        String page = "```html\n<!DOCTYPE html><html><body><script>draw()</script></body></html>\n"
                + (r.nextBoolean() ? "```\n" : "");
        return noise.substring(0, cut) + page + noise.substring(cut);
    }

    /** 1 to 3 MB of one repeated hostile unit, or of random text. */
    private static String huge(SplittableRandom r) {
        int target = (1 + r.nextInt(3)) * 1024 * 1024;
        if (r.nextBoolean()) return Fuzz.text(r, target);
        String unit = Fuzz.text(r, 1 + r.nextInt(30));
        return unit.repeat(target / unit.length() + 1);
    }
}
