package autobench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void ports_taken_together_are_distinct_and_free() throws IOException {
        for (int round = 0; round < 50; round++) {
            int[] ports = FreePorts.distinct(3);
            assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(3);
            for (int p : ports) {
                try (ServerSocket s = new ServerSocket(p)) {
                    assertThat(s.getLocalPort()).isEqualTo(p);
                }
            }
        }
    }
}
