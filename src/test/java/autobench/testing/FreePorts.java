package autobench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports free for a server about to start. Several are taken together, each socket held open until
 * all are chosen: asked for one at a time, the system may hand out the port it just freed again
 * (a clean clone of 7 December failed ArenaJourneyTest with "sandbox_port must differ from port").
 */
public final class FreePorts {
    private FreePorts() {}

    /** {@code n} distinct free ports of 127.0.0.1's wildcard, free when this returns. */
    public static int[] distinct(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a listening socket that never accepted: nothing to lose
                }
            }
        }
    }
}
