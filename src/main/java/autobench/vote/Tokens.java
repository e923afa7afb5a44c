package autobench.vote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Battle tickets and address hashes, all keyed with the server secret.
 *
 * <p>A battle is not stored when it is shown: everything the vote needs travels in its ticket, which
 * the server sealed (AES-GCM under a sub-key of the secret). The seal makes the ticket tamper-proof,
 * like a MAC would, and also unreadable, so the submission ids inside it do not name the answers of a
 * blind battle. The ticket carries its own id (a random UUID that becomes the battle's row id when the
 * vote is stored; the row's primary key is what makes a ticket vote once), the visitor it was issued
 * to, the task, the two submissions in page order, and when it was issued and expires.
 *
 * <p>Each keyed value starts from its own purpose label, so a ticket key can never double as an
 * address hash or the other way round.
 */
final class Tokens {
    private static final String SEAL_PURPOSE = "autobench battle ticket v2";
    private static final String ADDRESS_PURPOSE = "autobench address v1";
    private static final String NETWORK_PURPOSE = "autobench network v1";
    /** The ticket format's first byte, so a later format can be told apart. */
    private static final byte VERSION = 2;

    private static final int IV_BYTES = 12, TAG_BITS = 128;
    /** Ids are UUIDs and visitor ids 22 characters; anything much longer is not ours. */
    private static final int MAX_FIELD = 100;

    private static final int MAX_TOKEN = 700;

    private final SecretKeySpec macKey;
    private final SecretKeySpec sealKey;
    private final SecureRandom random = new SecureRandom();

    Tokens(byte[] secret) {
        if (secret.length < 32) throw new IllegalArgumentException("the server secret must have at least 32 bytes");
        this.macKey = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.sealKey = new SecretKeySpec(Arrays.copyOf(mac(SEAL_PURPOSE), 16), "AES");
    }

    /** What a ticket says; trusted only when {@link #open} returned it. */
    record Ticket(
            String id,
            String visitor,
            String taskId,
            String leftSubmission,
            String rightSubmission,
            long issuedAt,
            long expiresAt) {}

    String issue(Ticket t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            for (String f : new String[] {t.id(), t.visitor(), t.taskId(), t.leftSubmission(), t.rightSubmission()}) {
                out.writeUTF(f);
            }
            out.writeLong(t.issuedAt());
            out.writeLong(t.expiresAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(bytes.toByteArray());
            byte[] token = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, token, IV_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
        }
    }

    /** The ticket, or null when this server did not seal it (made up, tampered, truncated, another secret). */
    Ticket open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) return null;
        try {
            byte[] in = Base64.getUrlDecoder().decode(token);
            if (in.length <= IV_BYTES + TAG_BITS / 8) return null;
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            byte[] plain = c.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(plain));
            if (d.readByte() != VERSION) return null;
            String[] f = new String[5];
            for (int i = 0; i < f.length; i++) {
                f[i] = d.readUTF();
                if (f[i].length() > MAX_FIELD) return null;
            }
            Ticket t = new Ticket(f[0], f[1], f[2], f[3], f[4], d.readLong(), d.readLong());
            return d.available() == 0 ? t : null;
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            return null; // not base64url, not sealed by us, or not shaped like a ticket: not ours
        }
    }

    /** The address as stored: keyed, so a leaked database does not give away who voted from where. */
    String addressHash(String address) {
        return HexFormat.of().formatHex(mac(ADDRESS_PURPOSE, address));
    }

    /**
     * A network as stored and counted: keyed like an address. Stable across days, so an operator can
     * see and void one network's votes over a week; the raw network is never written down.
     */
    String networkHash(String network) {
        return HexFormat.of().formatHex(mac(NETWORK_PURPOSE, network));
    }

    /** HMAC over length-prefixed fields, so no choice of input can shift one field into the next. */
    private byte[] mac(String... fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String f : fields) {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        try {
            Mac m = Mac.getInstance("HmacSHA256"); // not shared: a Mac is not thread-safe, and creating one is cheap
            m.init(macKey);
            return m.doFinal(bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
