package autobench.dispatch;

import autobench.provider.ProviderKind;
import java.util.Map;

/**
 * How dispatch retries, leases and limits its calls; part of the validated config.
 *
 * @param maxAttempts         attempts per submission for failures refused before work (429, 503, connect)
 * @param leaseMarginSeconds  how much longer than a call's timeout its claim lasts before it counts as dead
 * @param maxConcurrency      concurrent calls per provider unless {@code providerConcurrency} says otherwise
 * @param retryBaseMillis     first backoff delay (doubles per attempt) when no Retry-After is given
 * @param retryMaxMillis      longest wait between attempts, Retry-After included
 */
public record DispatchSettings(
        int maxAttempts,
        int leaseMarginSeconds,
        int maxConcurrency,
        Map<ProviderKind, Integer> providerConcurrency,
        long retryBaseMillis,
        long retryMaxMillis) {
    public DispatchSettings {
        providerConcurrency = Map.copyOf(providerConcurrency);
    }

    public int concurrencyFor(ProviderKind provider) {
        return providerConcurrency.getOrDefault(provider, maxConcurrency);
    }
}
