package autobench.provider;

/**
 * Keeps a key out of everything an adapter returns. Adapters never put the key into a message
 * themselves; this is the second line: a proxy or a provider that echoes a request header back
 * in its error body must not get the key stored in the database.
 */
public final class Secrets {
    private Secrets() {}

    static final String MASK = "[redacted]";

    /** The completion with every occurrence of {@code key} replaced; unchanged if there is no key. */
    public static Completion scrub(Completion c, String key) {
        if (key == null || key.isEmpty()) return c;
        return switch (c) {
            case Completion.Answered a ->
                new Completion.Answered(
                        mask(a.text(), key),
                        mask(a.reasoning(), key),
                        a.finish(),
                        a.usage(),
                        mask(a.modelVersion(), key),
                        mask(a.raw(), key));
            case Completion.Refused r ->
                new Completion.Refused(
                        mask(r.reason(), key), r.usage(), mask(r.modelVersion(), key), mask(r.raw(), key));
            case Completion.Failed f ->
                new Completion.Failed(
                        f.kind(), mask(f.message(), key), f.httpStatus(), f.retryAfter(), mask(f.raw(), key));
        };
    }

    public static String mask(String text, String key) {
        if (text == null || key == null || key.isEmpty()) return text;
        return text.replace(key, MASK);
    }
}
