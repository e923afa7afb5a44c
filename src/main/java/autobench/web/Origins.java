package autobench.web;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The two origins as a visitor's browser sees them. Configured origins win (a CDN or a separate
 * preview domain); otherwise both are the request's host, on the site's port and the sandbox port.
 * Ports are set once the servers are listening (a port of 0 means "any free one").
 */
final class Origins {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private final String publicOrigin;
    private final String sandboxOrigin;
    private final boolean trustForwarded;
    volatile int port;
    volatile int sandboxPort;

    Origins(String publicOrigin, String sandboxOrigin, boolean trustForwarded) {
        this.publicOrigin = publicOrigin;
        this.sandboxOrigin = sandboxOrigin;
        this.trustForwarded = trustForwarded;
    }

    String main(Context ctx) {
        return publicOrigin != null ? publicOrigin : scheme(ctx) + "://" + host(ctx) + ":" + port;
    }

    String sandbox(Context ctx) {
        return sandbox(scheme(ctx), host(ctx));
    }

    String sandbox(String scheme, String host) {
        return sandboxOrigin != null ? sandboxOrigin : scheme + "://" + host + ":" + sandboxPort;
    }

    /** Whether both origins are fixed by configuration (then pages do not depend on the Host header). */
    boolean fixed() {
        return publicOrigin != null && sandboxOrigin != null;
    }

    boolean secure(Context ctx) {
        return scheme(ctx).equals("https");
    }

    String scheme(Context ctx) {
        return scheme(ctx.scheme(), ctx.header("X-Forwarded-Proto"));
    }

    String scheme(String own, String forwardedProto) {
        if (trustForwarded) {
            if ("https".equalsIgnoreCase(forwardedProto)) return "https";
            if ("http".equalsIgnoreCase(forwardedProto)) return "http";
        }
        return own;
    }

    /** The Host header's host name, without port; anything odd becomes localhost (it ends up in headers and pages). */
    String host(Context ctx) {
        return host(ctx.header("Host"));
    }

    String host(String h) {
        if (h == null) return "localhost";
        String known = hosts.get(h);
        if (known != null) return known;
        String name = parseHost(h);
        if (hosts.size() < 1_000) hosts.put(h, name); // a few real names; a flood of invented ones is not kept
        return name;
    }

    // Per-process memos of pure functions of the Host header, so a cached page costs no parsing.
    private final Map<String, String> hosts = new ConcurrentHashMap<>();
    private final Map<String, String> policies = new ConcurrentHashMap<>();

    /** The main origin's policy: our own scripts and styles only, previews only from the sandbox, never framed. */
    String mainPolicy(Context ctx) {
        return mainPolicy(sandbox(ctx));
    }

    String mainPolicy(String sandbox) {
        String policy = policies.get(sandbox);
        if (policy == null) {
            policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src "
                    + sandbox
                    + "; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            if (policies.size() < 1_000) policies.put(sandbox, policy);
        }
        return policy;
    }

    private static String parseHost(String h) {
        String name = h.startsWith("[")
                ? h.substring(0, h.indexOf(']') + 1)
                : h.contains(":") ? h.substring(0, h.indexOf(':')) : h;
        return HOST.matcher(name).matches() ? name : "localhost";
    }

    /** The client address: the proxy's last X-Forwarded-For entry when we run that proxy, else the socket's peer. */
    String clientAddress(Context ctx) {
        if (trustForwarded) {
            String xff = ctx.header("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                String[] parts = xff.split(",");
                return parts[parts.length - 1].trim();
            }
        }
        return ctx.req().getRemoteAddr();
    }
}
