package autobench.vote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The network an address belongs to, which is what the network cap counts. One person can hold many
 * addresses of one network at once (a home IPv6 /64, a cloud /24), so a cap per full address costs
 * an attacker nothing; a cap per network makes each extra vote cost a new network.
 */
final class Networks {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");

    private Networks() {}

    /**
     * The network as text, e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1:2:0:0:0:0/64}; a CIDR in the
     * input is accepted, its own length ignored. Anything that is not an IP literal (a test's made-up name,
     * a proxy that sent "unknown") is its own network: it is never resolved, so no lookup leaves the process.
     */
    static String of(String address, int ipv4Prefix, int ipv6Prefix) {
        String a = address.strip();
        int slash = a.indexOf('/');
        if (slash >= 0) a = a.substring(0, slash);
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        boolean v4 = IPV4.matcher(a).matches();
        if (!v4 && !(a.indexOf(':') >= 0 && IPV6.matcher(a).matches())) return a;
        try {
            // A literal only (checked above): getByName parses it and never asks DNS.
            byte[] bytes = InetAddress.getByName(a).getAddress();
            int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix; // an IPv4-mapped IPv6 address comes back as IPv4
            for (int i = 0; i < bytes.length; i++) {
                int keep = Math.clamp(prefix - 8L * i, 0, 8);
                bytes[i] &= (byte) (0xff << (8 - keep));
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return a; // 999.1.1.1 and the like: not an address, so its own network
        }
    }
}
