package autobench.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The site's secret: signs (HMAC-SHA256, one sub-key per purpose), hashes visitor addresses, and
 * seals submission ids in blind battles (AES-GCM) so a battle's URLs do not name its answers.
 * Several web processes behind one balancer must share it (web.secret_env).
 */
public final class Keys {
    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();

    public Keys(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("the web secret must be at least 16 bytes");
        this.secret = secret.clone();
    }

    public static Keys random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new Keys(b);
    }

    public byte[] mac(String purpose, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subKey(purpose), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random-looking, non-reversible name for a client address; the day keeps one visitor's hashes from linking across days. */
    public String addressHash(String address, String day) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac("address", day + "|" + address))
                .substring(0, 22);
    }

    /** An opaque, tamper-proof reference to a submission. */
    public String seal(String submissionId) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(subKey("seal"), 0, 16, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(submissionId.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(iv, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> unseal(String ref) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(ref);
            if (in.length < 13) return Optional.empty();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(subKey("seal"), 0, 16, "AES"),
                    new GCMParameterSpec(128, in, 0, 12));
            return Optional.of(new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private byte[] subKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
