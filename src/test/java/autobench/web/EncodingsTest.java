package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.web.Encodings.Coding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which coding a client gets, from its Accept-Encoding and what an entry has. */
class EncodingsTest {

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
