package autobench.dispatch;

import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one submission was sent with: enough to trace an exported answer to its request and to
 * ask the same question again.
 *
 * @param provider        the adapter's wire name
 * @param model           the provider's own model name
 * @param temperature     the temperature in the prompt, or null when none was sent
 * @param maxOutputTokens the output token limit in the prompt
 * @param options         the model's options as JSON (sorted keys); header values are left out, only
 *                        their names are kept, because a header may carry a credential
 * @param promptSha256    {@link #promptHash}
 */
public record Provenance(
        String provider, String model, Double temperature, int maxOutputTokens, String options, String promptSha256) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Provenance of(ModelConfig model, Prompt prompt) {
        Map<String, Object> options = new TreeMap<>(model.options());
        if (options.get("headers") instanceof Map<?, ?> headers) {
            options.put("headers", new TreeMap<>(headers).keySet());
        }
        String json;
        try {
            json = JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("options of model " + model.id() + " are not JSON-representable", e);
        }
        return new Provenance(
                model.provider().wireName(),
                model.model(),
                prompt.temperature(),
                prompt.maxOutputTokens(),
                json,
                promptHash(prompt.system(), prompt.user()));
    }

    /**
     * Lowercase hex SHA-256 over the UTF-8 system prompt, one zero byte, and the UTF-8 task prompt.
     * The zero byte keeps "ab"+"c" and "a"+"bc" apart; docs/data.md gives the same recipe.
     */
    public static String promptHash(String system, String user) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(system.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(user.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
