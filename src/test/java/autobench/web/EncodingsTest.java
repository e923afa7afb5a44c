package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.web.Encodings.Coding;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which coding a client gets, from its Accept-Encoding and what an entry has. */
class EncodingsTest {

    @ParameterizedTest(name = "{0} bytes -> window 2^{1}")
    @CsvSource({"0, 10", "1, 10", "1000, 11", "1024, 11", "1025, 12", "40000, 17", "4194304, 23", "100000000, 24"})
    void the_brotli_window_is_the_smallest_that_holds_the_body(int length, int window) {
        assertThat(Encodings.window(length)).isEqualTo(window);
        assertThat(1L << Encodings.window(length)).isGreaterThanOrEqualTo(Math.min(length, 1 << 24));
    }

    @Test
    void a_page_compressed_with_its_small_window_decodes_to_itself_and_is_no_larger() throws Exception {
        byte[] page = ("<p>" + "arena leaderboard row ".repeat(2_000) + "</p>").getBytes(StandardCharsets.UTF_8);
        byte[] small = Encodings.brotli(page, 6);
        byte[] wide =
                Encoder.compress(page, new Encoder.Parameters().setQuality(6).setMode(Encoder.Mode.TEXT));
        assertThat(small.length).isLessThanOrEqualTo(wide.length + 16);
        assertThat(Decoder.decompress(small).getDecompressedData()).isEqualTo(page);
    }

    @ParameterizedTest(name = "[{0}] br={1} gzip={2} -> {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                   | true  | true  | IDENTITY",
                "''                     | true  | true  | IDENTITY",
                "gzip, deflate, br, zstd| true  | true  | BR",
                "gzip, deflate, br      | false | true  | GZIP",
                "gzip                   | true  | true  | GZIP",
                "br;q=0, gzip           | true  | true  | GZIP",
                "BR;Q=0.5, gzip;q=0.9   | true  | true  | GZIP",
                "gzip;q=0, br;q=0       | true  | true  | IDENTITY",
                "*                      | true  | true  | BR",
                "*;q=0                  | true  | true  | IDENTITY",
                "identity               | true  | true  | IDENTITY",
                "x-gzip                 | false | true  | GZIP",
                "gzip;q=abc, br         | true  | true  | BR",
                "br                     | false | false | IDENTITY",
                "br                     | false | true  | IDENTITY",
            })
    void the_client_gets_the_best_coding_it_accepts_among_those_made(
            String accept, boolean br, boolean gzip, Coding expected) {
        assertThat(Encodings.choose(accept, br, gzip)).isEqualTo(expected);
    }
}
