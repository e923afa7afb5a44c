package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which network an address counts under for the network cap. */
class NetworksTest {
    @ParameterizedTest
    @CsvSource({
        "203.0.113.7,       24, 64, 203.0.113.0/24",
        "203.0.113.255,     24, 64, 203.0.113.0/24",
        "203.0.113.7,       16, 64, 203.0.0.0/16",
        "203.0.113.7,       32, 64, 203.0.113.7/32",
        "203.0.113.0/28,    24, 64, 203.0.113.0/24",
        "::ffff:203.0.113.7, 24, 64, 203.0.113.0/24",
        "2001:db8:7:42::1,  24, 64, 2001:db8:7:42:0:0:0:0/64",
        "2001:db8:7:42:ffff:ffff:ffff:ffff, 24, 64, 2001:db8:7:42:0:0:0:0/64",
        "[2001:db8:7:42::1], 24, 48, 2001:db8:7:0:0:0:0:0/48",
        "2001:db8:7:42::1/128, 24, 56, 2001:db8:7:0:0:0:0:0/56",
        "2001:db8:7:42::1,  24, 60, 2001:db8:7:40:0:0:0:0/60",
    })
    void an_address_counts_under_its_ipv4_or_ipv6_network(String address, int v4, int v6, String network) {
        assertThat(Networks.of(address, v4, v6)).isEqualTo(network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "simulated-address-3", "999.1.1.1", "example.org"})
    void what_is_not_an_ip_literal_is_its_own_network_and_never_looked_up(String address) {
        assertThat(Networks.of(address, 24, 64)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void every_address_of_a_random_network_maps_to_that_network(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            int a = r.nextInt(1, 224), b = r.nextInt(256), c = r.nextInt(256);
            String net = a + "." + b + "." + c + ".0/24";
            assertThat(Networks.of(a + "." + b + "." + c + "." + r.nextInt(256), 24, 64))
                    .isEqualTo(net);
            String prefix = Integer.toHexString(r.nextInt(0x2000, 0x3fff)) + ":db8:"
                    + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000));
            String host = Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000)) + ":"
                    + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000));
            assertThat(Networks.of(prefix + ":" + host, 24, 64)).isEqualTo(prefix + ":0:0:0:0/64");
        }
    }
}
