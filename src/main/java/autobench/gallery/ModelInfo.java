package autobench.gallery;

/**
 * A model as visitors see it; demo models are deterministic programs, labelled wherever they appear.
 *
 * @param priceInput    USD per million input tokens (what the arena pays; 0 for free and demo models)
 * @param priceOutput   USD per million output tokens
 * @param contextWindow tokens per request as the config states it, or null when not stated
 * @param openWeights   whether its weights are published, or null when not stated
 * @param servedFrom    where the arena calls it, or null when not stated
 */
public record ModelInfo(
        String id,
        String provider,
        String modelName,
        boolean demo,
        boolean enabled,
        double priceInput,
        double priceOutput,
        Integer contextWindow,
        Boolean openWeights,
        String servedFrom) {}
