package autobench.provider;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Model onboarding check: one tiny request through the real adapter with the model's own
 * parameters, answering "are this model id, key and these parameters accepted?". It touches no
 * database and records nothing; the caller prints the report. Provider model ids get retired
 * often, so running this before the daily run catches a dead id before it costs a day's slot.
 */
public final class Probe {
    private Probe() {}

    static final String SYSTEM = "You are being checked for availability.";
    static final String USER = "Reply with the single word: ok";

    /**
     * @param accepted     the provider took the request (an answer, a refusal or a cut-off answer all count)
     * @param outcome      {@code answered}, {@code refused} or the failure kind's wire name
     * @param modelVersion what the API says answered ("" if nothing or not reported)
     * @param httpStatus   the failing reply's status; 0 when the probe was accepted or no HTTP reply arrived
     * @param hint         one human sentence on what to do next
     * @param detail       the provider's own words (never containing the key), or ""
     */
    public record Report(
            String modelId,
            boolean accepted,
            String outcome,
            String modelVersion,
            Duration latency,
            FailureKind failureKind,
            int httpStatus,
            String hint,
            String detail) {}

    /** Probes with the model's configured limits (so a thinking budget, say, is checked as configured). */
    public static Report run(ModelConfig model, Function<String, String> env, HttpTransport http) {
        if (model.apiKeyEnv() != null && model.provider().needsKey()) {
            String key = env.apply(model.apiKeyEnv());
            if (key == null || key.isBlank()) {
                return new Report(
                        model.id(),
                        false,
                        FailureKind.AUTH.wireName(),
                        "",
                        Duration.ZERO,
                        FailureKind.AUTH,
                        0,
                        "environment variable " + model.apiKeyEnv() + " is not set — nothing was sent",
                        "");
            }
        }
        Provider provider = Adapters.forModel(model, env, http);
        Prompt prompt = new Prompt(
                SYSTEM,
                USER,
                Math.max(1, model.maxOutputTokens()),
                model.temperature(),
                Duration.ofSeconds(Math.max(1, model.timeoutSeconds())));
        long start = System.nanoTime();
        Completion c = provider.complete(prompt);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return report(model, c, latency);
    }

    static Report report(ModelConfig model, Completion c, Duration latency) {
        return switch (c) {
            case Completion.Answered a ->
                new Report(
                        model.id(),
                        true,
                        "answered",
                        a.modelVersion(),
                        latency,
                        null,
                        0,
                        a.finish() == Finish.LENGTH
                                ? "accepted, but the answer hit max_output_tokens — reasoning models may need a higher limit"
                                : "accepted",
                        "");
            case Completion.Refused r ->
                new Report(
                        model.id(),
                        true,
                        "refused",
                        r.modelVersion(),
                        latency,
                        null,
                        0,
                        "accepted; the model declined even the probe prompt",
                        r.reason());
            case Completion.Failed f ->
                new Report(
                        model.id(),
                        false,
                        f.kind().wireName(),
                        "",
                        latency,
                        f.kind(),
                        f.httpStatus(),
                        hint(model, f),
                        f.message());
        };
    }

    static String hint(ModelConfig model, Completion.Failed f) {
        String m = f.message().toLowerCase(Locale.ROOT);
        return switch (f.kind()) {
            case AUTH -> {
                if (f.httpStatus() == 402
                        || m.contains("quota")
                        || m.contains("balance")
                        || m.contains("billing")
                        || m.contains("spend"))
                    yield "billing: the account's quota, balance or spend limit is exhausted";
                if (m.startsWith("no key")) yield "no key: " + f.message().substring(8);
                if (f.httpStatus() == 403 || m.contains("permission"))
                    yield "key accepted but not allowed to use this model (permission, region or plan)";
                yield "key rejected — check the value of " + model.apiKeyEnv();
            }
            case BAD_REQUEST ->
                model.provider() == ProviderKind.LOCAL
                        ? "the local model could not be loaded — check options.model_path"
                        : f.httpStatus() == 404
                                        || m.contains("not_found")
                                        || m.contains("not found")
                                        || m.contains("does not exist")
                                        || m.contains("model_not_found")
                                ? "model id '" + model.model() + "' not found — it may have been retired or misspelled"
                                : "the provider rejected a parameter — see detail";
            case RATE_LIMITED -> "rate limited — the key and model look valid; try again later";
            case OVERLOADED -> "the provider is overloaded — try again later";
            case CONNECT -> "could not connect — check base_url and the network";
            case TIMEOUT ->
                "no reply within " + model.timeoutSeconds() + "s — raise timeout_seconds or check the endpoint";
            case NETWORK -> "the connection broke mid-call — check proxies and the network";
            case MALFORMED -> "the reply was not understood — does base_url point at an API of this provider's kind?";
            case SERVER_ERROR -> "the provider failed on its side — try again later";
        };
    }
}
