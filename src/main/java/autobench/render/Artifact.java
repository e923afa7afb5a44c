package autobench.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One stored output of a render. {@code kind} is unique within a render ("poster", "frame-2",
 * "preview", ...), matching the artifacts table's {@code UNIQUE(submission_id, kind)}.
 */
public record Artifact(String kind, String mimeType, byte[] bytes) {
    public static final String POSTER = "poster";
    public static final String PREVIEW = "preview";
    public static final String AFTER_INPUT = "after-input";

    static String frame(int index) {
        return "frame-" + index;
    }

    /** Lowercase hex SHA-256 of the bytes: the content address. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
