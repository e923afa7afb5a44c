package autobench.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Who is voting, as far as the web can tell: a random visitor id in an HttpOnly, SameSite=Lax
 * cookie (Secure behind https), and the client address (handed to the vote path, which keeps only
 * keyed hashes of it and of its network). Also the CSRF check for votes: a vote must come from a page of our own origin.
 */
final class Visitors {
    static final String COOKIE = "ab_visitor";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private final SecureRandom random = new SecureRandom();
    private final Origins origins;

    Visitors(Origins origins) {
        this.origins = origins;
    }

    /** The visitor's id, issuing a new cookie when there is none (or it is malformed). */
    String visitor(Context ctx) {
        String id = existing(ctx);
        if (id != null) return id;
        byte[] b = new byte[16];
        random.nextBytes(b);
        id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        ctx.header(
                "Set-Cookie",
                COOKIE + "=" + id + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
                        + (origins.secure(ctx) ? "; Secure" : ""));
        return id;
    }

    /** The visitor's id if the request carries a well-formed one. */
    String existing(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id != null && ID.matcher(id).matches() ? id : null;
    }

    /**
     * The client address as the vote path needs it: the network cap counts the address's network
     * (an IPv4 /24, an IPv6 /64), which a hash of the full address would hide. The vote package keys
     * both before it counts or stores anything; the raw address is never written down.
     */
    String address(Context ctx) {
        return origins.clientAddress(ctx);
    }

    /**
     * A state-changing request must name our origin in Origin (or, lacking that, Referer).
     * Together with SameSite=Lax this stops another site from voting in a visitor's name.
     */
    boolean sameOrigin(Context ctx) {
        String expected = origins.main(ctx);
        String origin = ctx.header("Origin");
        if (origin != null) return origin.equals(expected);
        String referer = ctx.header("Referer");
        return referer != null && (referer.equals(expected) || referer.startsWith(expected + "/"));
    }
}
