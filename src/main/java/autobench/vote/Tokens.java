package autobench.vote;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Battle tokens and address hashes, both keyed with the server secret.
 *
 * <p>A token is {@code battleId.expiresAt.signature}: the id and expiry travel in clear so a vote
 * can be checked without a lookup, and the HMAC-SHA256 signature over (battle id, visitor id,
 * expiry) means none of them can be changed, and the token is worthless with another cookie.
 * Each signed message starts with a purpose label, so a token signature can never double as an
 * address hash or the other way round.
 */
final class Tokens {
    private static final String TOKEN_PURPOSE = "autobench battle token v1";
    private static final String ADDRESS_PURPOSE = "autobench address v1";
    /** Battle ids are UUIDs; anything much longer is not ours and is not worth hashing. */
    private static final int MAX_ID_LENGTH = 64;
    private static final int SIGNATURE_BYTES = 32;

    private final SecretKeySpec key;

    Tokens(byte[] secret) {
        if (secret.length < 32) throw new IllegalArgumentException("the server secret must have at least 32 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** What a token claims, before anyone has checked that the claim is signed. */
    record Claim(String battleId, long expiresAt, byte[] signature) {}

    String issue(String battleId, String visitorId, long expiresAt) {
        return battleId + "." + expiresAt + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(battleId, visitorId, expiresAt));
    }

    /** Splits a token into its parts; null when it is not even shaped like one of ours. */
    static Claim parse(String token) {
        if (token == null || token.length() > 200) return null;
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > MAX_ID_LENGTH) return null;
        try {
            long expiresAt = Long.parseLong(parts[1]);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            return signature.length == SIGNATURE_BYTES ? new Claim(parts[0], expiresAt, signature) : null;
        } catch (IllegalArgumentException e) {
            return null; // not a number, not base64url: not a token we issued
        }
    }

    /** Whether the claim was signed by this server for this visitor; constant time in the signature. */
    boolean signedFor(Claim claim, String visitorId) {
        return MessageDigest.isEqual(sign(claim.battleId(), visitorId, claim.expiresAt()), claim.signature());
    }

    /** The address as stored: keyed, so a leaked database does not give away who voted from where. */
    String addressHash(String address) {
        return HexFormat.of().formatHex(mac(ADDRESS_PURPOSE, address));
    }

    private byte[] sign(String battleId, String visitorId, long expiresAt) {
        return mac(TOKEN_PURPOSE, battleId, visitorId == null ? "" : visitorId, Long.toString(expiresAt));
    }

    /** HMAC over length-prefixed fields, so no choice of visitor id can shift one field into the next. */
    private byte[] mac(String... fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String f : fields) {
                byte[] b = f.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        try {
            Mac m = Mac.getInstance("HmacSHA256"); // not shared: a Mac is not thread-safe, and creating one is cheap
            m.init(key);
            return m.doFinal(bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
