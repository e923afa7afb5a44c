package autobench.gallery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The labels of a blind task's answers (Answer A, B, …) and their order: by a keyed hash (HMAC-SHA256
 * under a server secret) of the task and the answer. The order is stable — the same labels on every
 * page, in every process, on every day until the reveal — yet says nothing about the model: not its
 * id, not its place in the config, not when it answered. Without the key nobody can recompute it.
 */
final class Labels {
    private final byte[] key;

    Labels(byte[] key) {
        if (key.length < 16)
            throw new IllegalArgumentException("a label key needs at least 16 bytes, got " + key.length);
        this.key = key.clone();
    }

    /** The answers (by submission id) of one task in label order: the first is Answer A. */
    List<String> order(String taskId, List<String> submissionIds) {
        Map<String, String> rank = new HashMap<>();
        for (String id : submissionIds) rank.put(id, hmac(taskId + "\n" + id));
        return submissionIds.stream().sorted(Comparator.comparing(rank::get)).toList();
    }

    /** "Answer A" … "Answer Z", then "Answer AA", "Answer AB", …: a label for any number of answers. */
    static String label(int index) {
        if (index < 0) throw new IllegalArgumentException("a label index is 0 or more, got " + index);
        String letters = "";
        for (int i = index; i >= 0; i = i / 26 - 1) letters = (char) ('A' + i % 26) + letters;
        return "Answer " + letters;
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
