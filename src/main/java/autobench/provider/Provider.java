package autobench.provider;

/**
 * The one extension point for model APIs: a prompt in, one {@link Completion} out.
 *
 * <p>Adapters only classify what the API said; they never retry (client-library retries must be
 * off) and never decide what happens next. The dispatcher alone decides.
 */
@FunctionalInterface
public interface Provider {
    Completion complete(Prompt prompt);
}
