package autobench.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Who is voting, as far as the web can tell: a random visitor id in an HttpOnly, SameSite=Lax
 * cookie (Secure behind https), and a keyed hash of the client address (never the address
 * itself). Also the CSRF check for votes: a vote must come from a page of our own origin.
 */
final class Visitors {
    static final String COOKIE = "ab_visitor";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private final SecureRandom random = new SecureRandom();
    private final Keys keys;
    private final Origins origins;
    private final Clock clock;

    Visitors(Keys keys, Origins origins, Clock clock) {
        this.keys = keys;
        this.origins = origins;
        this.clock = clock;
    }

    /** The visitor's id, issuing a new cookie when there is none (or it is malformed). */
    String visitor(Context ctx) {
        String id = existing(ctx);
        if (id != null) return id;
        byte[] b = new byte[16];
        random.nextBytes(b);
        id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
                + (origins.secure(ctx) ? "; Secure" : ""));
        return id;
    }

    /** The visitor's id if the request carries a well-formed one. */
    String existing(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id != null && ID.matcher(id).matches() ? id : null;
    }

    String addressHash(Context ctx) {
        return keys.addressHash(origins.clientAddress(ctx), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
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
