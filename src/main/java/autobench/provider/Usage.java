package autobench.provider;

/** Token usage as reported by the API; zero where the API reported nothing. */
public record Usage(long inputTokens, long outputTokens, long reasoningTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    /** Cost in USD at the given prices (USD per million tokens); reasoning tokens bill as output. */
    public double costUsd(Price price) {
        return (inputTokens * price.inputPerMillion() + outputTokens * price.outputPerMillion()) / 1_000_000.0;
    }
}
