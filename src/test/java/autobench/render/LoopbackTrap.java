package autobench.render;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listens on loopback, the one place a render could reach on a closed network, so tests can
 * prove nothing got out: every TCP connection and UDP datagram that arrives is recorded.
 * Hostile pages aim their fetches, sockets, beacons, frames and STUN requests here.
 */
final class LoopbackTrap implements AutoCloseable {
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final List<String> arrivals = new CopyOnWriteArrayList<>();

    LoopbackTrap() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        tcp = new ServerSocket(0, 50, loopback);
        udp = new DatagramSocket(0, loopback);
        Thread.ofPlatform().daemon().start(this::acceptLoop);
        Thread.ofPlatform().daemon().start(this::receiveLoop);
    }

    int tcpPort() {
        return tcp.getLocalPort();
    }

    int udpPort() {
        return udp.getLocalPort();
    }

    List<String> arrivals() {
        return List.copyOf(arrivals);
    }

    String fill(String page) {
        return page.replace("{{PORT}}", Integer.toString(tcpPort())).replace("{{UDP}}", Integer.toString(udpPort()));
    }

    private void acceptLoop() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                s.setSoTimeout(500);
                byte[] head = new byte[200];
                int n = Math.max(0, s.getInputStream().read(head));
                arrivals.add(
                        "tcp: " + new String(head, 0, n).lines().findFirst().orElse("(no data)"));
            } catch (IOException e) {
                if (!tcp.isClosed()) arrivals.add("tcp: connection (" + e.getMessage() + ")");
            }
        }
    }

    private void receiveLoop() {
        byte[] buf = new byte[1500];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                arrivals.add("udp: " + p.getLength() + " bytes");
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        udp.close();
    }
}
