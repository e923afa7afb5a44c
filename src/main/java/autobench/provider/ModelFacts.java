package autobench.provider;

/**
 * What a visitor may want to know about a model besides its answers, as the operator states it in
 * the config (optional, shown on the model page and in the API; never used to call the model).
 *
 * @param contextWindow tokens the model accepts in one request, input and output together; null: not stated
 * @param openWeights   whether its weights are published for anyone to run; null: not stated
 * @param servedFrom    where the arena called it, in the operator's words (e.g. "OpenAI API",
 *                      "llama.cpp on the arena's own server"); null: not stated
 */
public record ModelFacts(Integer contextWindow, Boolean openWeights, String servedFrom) {
    public static final ModelFacts NONE = new ModelFacts(null, null, null);

    public ModelFacts {
        if (contextWindow != null && contextWindow < 1)
            throw new IllegalArgumentException("context window must be positive, got " + contextWindow);
        if (servedFrom != null && servedFrom.isBlank()) servedFrom = null;
    }
}
